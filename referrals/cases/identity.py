"""Norwegian national identity numbers (fødselsnummer and D-number), via python-stdnum."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.no import fodselsnummer


def normalise_national_id(value: str) -> str:
    """Return the 11 digits, or raise ValidationError with a message that says what to do."""
    number = fodselsnummer.compact(value or "")
    try:
        return fodselsnummer.validate(number)
    except (InvalidLength, InvalidFormat):
        raise ValidationError(
            _(
                "Fødselsnummeret eller D-nummeret må ha 11 sifre. Skriv det uten mellomrom eller punktum."
            ),
            code="length",
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            _(
                "Fødselsnummeret eller D-nummeret stemmer ikke. Sjekk at alle 11 sifrene er riktige."
            ),
            code="checksum",
        ) from None
    except InvalidComponent:
        raise ValidationError(
            _("De seks første sifrene må være en gyldig fødselsdato (ddmmåå). Sjekk nummeret."),
            code="date",
        ) from None


def mask_national_id(value: str) -> str:
    """Only the first six digits (the birth date) are ever shown."""
    if not value:
        return ""
    return value[:6] + "*****"


# Eleven digits once spaces, dots and dashes are left out: a fødselsnummer / D-number.
_NATIONAL_ID_LIKE = re.compile(r"\d{11}")
_SEPARATORS = re.compile(r"[\s.-]")


def looks_like_national_id(value: str) -> bool:
    """Whether ``value`` holds eleven digits in a row (ignoring spaces, dots and
    dashes): text that must not travel in a URL or be logged."""
    return bool(value) and bool(_NATIONAL_ID_LIKE.search(_SEPARATORS.sub("", value)))
