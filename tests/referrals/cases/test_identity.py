from datetime import date

import pytest
from django.core.exceptions import ValidationError

from referrals.cases.identity import mask_national_id, normalise_national_id
from tests.referrals.helpers import national_id


def test_it_accepts_an_ordinary_number_with_spaces():
    number = national_id(date(1950, 7, 15))
    assert normalise_national_id(f"{number[:6]} {number[6:]}") == number


def test_it_accepts_a_d_number():
    number = national_id(date(1980, 3, 2), d_number=True)
    assert int(number[:2]) > 40
    assert normalise_national_id(number) == number


def test_it_refuses_a_wrong_checksum():
    number = national_id()
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as error:
        normalise_national_id(wrong)
    assert error.value.code == "checksum"


def test_it_refuses_an_impossible_date():
    # 31 February: find digits whose checksums pass, so only the date is wrong.
    from stdnum.no import fodselsnummer

    for individual in range(100, 1000):
        digits = f"310250{individual:03d}"
        c1 = fodselsnummer.calc_check_digit1(digits)
        if len(c1) != 1:
            continue
        c2 = fodselsnummer.calc_check_digit2(digits + c1)
        if len(c2) == 1:
            break
    with pytest.raises(ValidationError) as error:
        normalise_national_id(digits + c1 + c2)
    assert error.value.code == "date"


@pytest.mark.parametrize("value", ["", "1234", "123456789012", "abcdefghijk"])
def test_it_refuses_wrong_lengths_and_letters(value):
    with pytest.raises(ValidationError):
        normalise_national_id(value)


def test_masking_shows_only_the_first_six_digits():
    assert mask_national_id("15075012345") == "150750*****"
    assert mask_national_id("") == ""
