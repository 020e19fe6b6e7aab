"""What tests/security/conftest.py needs to know of tests/security/test_fuzz.py."""

# The test that counts the inputs the file sent: it runs after the file's other tests.
COUNT_TEST = "test_zz_at_least_ten_thousand_inputs_were_sent"
