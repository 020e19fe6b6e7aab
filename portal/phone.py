"""Phone numbers: validated with ``phonenumbers`` as Norwegian (eight digits, with or
without +47) or international (with + or 00 and a country code), stored normalised in
E.164 (+4791234567) and shown readably (912 34 567, or +46 8 123 456 78 for a number
abroad).

Every phone field uses these: forms declare ``PhoneNumberFormField``; models declare
``PhoneNumberField``, whose model forms (the admin's too) get the form field."""

from typing import Any

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "NO"
INVALID_MESSAGE = _(
    "Skriv et gyldig telefonnummer, for eksempel 912 34 567, eller +46 8 123 456 78 for et "
    "nummer i utlandet."
)


def normalise_phone(value: str) -> str:
    """The number in E.164, or ValidationError. An empty value stays empty."""
    value = (value or "").strip()
    if not value:
        return ""
    if value.startswith("00"):
        value = "+" + value[2:]
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(value: str) -> str:
    """A stored number for reading: Norwegian numbers in groups without the country
    code, others in international format. Anything that does not parse (numbers typed
    before validation existed) is shown as it is."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return value
    if not phonenumbers.is_valid_number(number):
        return value
    if number.country_code == phonenumbers.country_code_for_region(DEFAULT_REGION):
        digits = str(number.national_number)
        if len(digits) == 8 and digits[0] in "49":
            # Mobile numbers are written 912 34 567 in Norway (Språkrådet).
            return f"{digits[:3]} {digits[3:5]} {digits[5:]}"
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class PhoneNumberFormField(forms.CharField):
    """A phone number, cleaned to E.164; shown readably when the form is filled in."""

    default_error_messages = {"invalid_phone": INVALID_MESSAGE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})
        )
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        # A stored number (E.164) is shown readably; what someone typed stays as typed.
        if isinstance(value, str) and value.startswith("+") and not any(c.isspace() for c in value):
            return format_phone(value)
        return value

    def to_python(self, value: Any) -> str:
        return normalise_phone(super().to_python(value) or "")


class PhoneNumberField(models.CharField):
    """A CharField holding E.164; its form field validates and normalises. The column
    is an ordinary varchar, so migrations see a CharField (``deconstruct``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def formfield(self, **kwargs: Any) -> Any:
        kwargs.setdefault("form_class", PhoneNumberFormField)
        return super().formfield(**kwargs)


def tel_uri(value: str) -> str:
    """The number for href="tel:…": E.164 when it parses, else without spaces."""
    try:
        return normalise_phone(value or "")
    except ValidationError:
        return "".join((value or "").split())
