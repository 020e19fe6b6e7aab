"""CSV cells that a spreadsheet never runs as a formula (portal.spreadsheets; used by
the participation lists, the KPR export and the volunteer hours)."""

import pytest

from portal.spreadsheets import spreadsheet_safe


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+4791234567", "'+4791234567"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Kirkeveien 3", "Kirkeveien 3"),
        (None, ""),
    ],
)
def test_a_cell_that_looks_like_a_formula_is_neutralised(value, expected):
    assert spreadsheet_safe(value) == expected
