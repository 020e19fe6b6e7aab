"""Phone numbers: Norwegian or international, validated with ``phonenumbers``, stored
in E.164 and shown readably; every phone field of the project uses them."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.template import Context, Template

from portal.phone import PhoneNumberField, PhoneNumberFormField, format_phone, normalise_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("912 34 567", "+4791234567"),
        ("91234567", "+4791234567"),
        ("+47 912 34 567", "+4791234567"),
        ("0047 91234567", "+4791234567"),
        ("22 33 44 55", "+4722334455"),
        ("+46 8 123 456 78", "+46812345678"),
        ("00 44 20 7946 0958", "+442079460958"),
        ("", ""),
    ],
)
def test_numbers_are_stored_in_e164(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["99", "12 34 56 78", "ring meg", "+47 912 34", "+999 1234567"])
def test_numbers_that_are_not_phone_numbers_are_refused(typed):
    with pytest.raises(ValidationError) as error:
        normalise_phone(typed)
    assert "gyldig telefonnummer" in str(error.value)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+4791234567", "912 34 567"),
        ("+4722334455", "22 33 44 55"),
        ("+46812345678", "+46 8 123 456 78"),
        ("ring kontoret", "ring kontoret"),  # typed before validation existed: as it is
        ("", ""),
    ],
)
def test_stored_numbers_are_shown_readably(stored, shown):
    assert format_phone(stored) == shown
    rendered = Template("{% load phone_tags %}{{ n|phone }}|{{ n|phone_uri }}").render(
        Context({"n": stored})
    )
    assert rendered.split("|")[0] == shown


def test_the_form_field_cleans_to_e164_and_shows_the_stored_number_readably():
    field = PhoneNumberFormField(required=False)
    assert field.clean(" 912 34 567 ") == "+4791234567"
    assert field.prepare_value("+4791234567") == "912 34 567"
    assert field.prepare_value("99 88 77 66") == "99 88 77 66"  # as typed, when re-shown
    with pytest.raises(ValidationError):
        field.clean("123")


def test_every_phone_field_of_every_model_validates_and_normalises():
    phone_fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in {"portal", "catalogue", "referrals"}
        for field in model._meta.get_fields()
        if "phone" in field.name and getattr(field, "concrete", False)
    ]
    assert len(phone_fields) >= 6
    for label in phone_fields:
        model_label, name = label.rsplit(".", 1)
        field = apps.get_model(model_label)._meta.get_field(name)
        assert isinstance(field, PhoneNumberField), label
        assert isinstance(field.formfield(), PhoneNumberFormField), label


def test_every_phone_field_of_the_citizen_forms_validates_and_normalises():
    from referrals.applications import forms

    found = [
        (form.__name__, name)
        for form in (forms.PersonForm, forms.ContactForm)
        for name, field in form.base_fields.items()
        if "phone" in name
    ]
    assert found
    for form_name, name in found:
        form = getattr(forms, form_name)
        assert isinstance(form.base_fields[name], PhoneNumberFormField), (form_name, name)
