"""Forms of the volunteers room: the helper's interest form, and the coordinators'
checklist and police-certificate forms (dates and a result; never a file)."""

from datetime import date
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from catalogue.models import District, Language, Weekday
from portal.phone import PhoneNumberFormField
from referrals.volunteers.models import (
    Gender,
    Interest,
    PartOfDay,
    PoliceCertificateCheck,
    RoleKind,
    VolunteerRole,
)

# Labels stay lazy: an f-string would translate them once, at import.
SLOT_CHOICES = [
    (f"{day.value}-{part.value}", format_lazy("{} {}", day.label, part.label))
    for day in Weekday
    for part in PartOfDay
]


def parse_slot(value: str) -> tuple[int, str]:
    weekday, _sep, part = value.partition("-")
    return int(weekday), part


# The fields that say how a helper and a person fit (``matching.scoring``): declared
# here once, for the helper's sign-up and for the help wanted (``matching.forms``), each
# form with its own words.


def district_field(
    *, label: StrOrPromise, empty_label: StrOrPromise
) -> forms.ModelChoiceField[District]:
    """The district (optional): where the helper can help, or where the help is wanted."""
    return forms.ModelChoiceField(
        label=label, queryset=District.objects.all(), required=False, empty_label=empty_label
    )


def interests_field(*, label: StrOrPromise) -> forms.ModelMultipleChoiceField[Interest]:
    """Interests (optional), as checkboxes."""
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Interest.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def languages_field(*, label: StrOrPromise) -> forms.ModelMultipleChoiceField[Language]:
    """Languages (optional), as checkboxes."""
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Language.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class DateInput(forms.DateInput):
    input_type = "date"


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class RoleChoiceField(forms.ModelMultipleChoiceField[VolunteerRole]):
    def label_from_instance(self, obj: VolunteerRole) -> str:
        return f"{obj.tr('title')} ({obj.get_kind_display()}, {obj.unit.name})"


class SignUpForm(forms.Form):
    roles = RoleChoiceField(
        label=_("Hva vil du hjelpe med?"),
        queryset=VolunteerRole.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Velg minst én rolle.")},
    )
    name = forms.CharField(label=_("Navn"), max_length=200)
    email = forms.EmailField(label=_("E-post"))
    phone = PhoneNumberFormField(label=_("Telefon"), required=False)
    district = district_field(label=_("Bydel der du kan hjelpe"), empty_label=_("Hvor som helst"))
    interests = interests_field(label=_("Interesser"))
    languages = languages_field(label=_("Språk du snakker"))
    availability = forms.MultipleChoiceField(
        label=_("Når kan du?"),
        choices=SLOT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    gender = forms.ChoiceField(
        label=_("Kjønn (valgfritt)"),
        choices=[("", _("Vil ikke oppgi")), *Gender.choices],
        required=False,
        help_text=_("Noen ønsker en hjelper av et bestemt kjønn."),
    )
    birth_year = forms.IntegerField(
        label=_("Fødselsår (valgfritt)"),
        required=False,
        help_text=_("Noen ønsker en hjelper på omtrent egen alder."),
    )
    experience = forms.CharField(
        label=_("Erfaring (for støttekontakt og avlaster)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        help_text=_("Fortell kort om erfaring du har fra arbeid med mennesker."),
    )
    driving_licence = forms.BooleanField(
        label=_("Jeg har førerkort (for støttekontakt og avlaster)"), required=False
    )
    has_car = forms.BooleanField(
        label=_("Jeg har bil jeg kan bruke (for støttekontakt og avlaster)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = self.fields["roles"]
        assert isinstance(roles, RoleChoiceField)
        roles.queryset = VolunteerRole.objects.filter(active=True, public=True).select_related(
            "unit"
        )
        self.helper = _helper()

    def clean_birth_year(self) -> int | None:
        value: int | None = self.cleaned_data.get("birth_year")
        this_year = timezone.localdate().year
        if value is not None and not (this_year - 100 <= value <= this_year - 16):
            raise forms.ValidationError(_("Skriv et fødselsår med fire sifre, for eksempel 1975."))
        return value

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        roles = data.get("roles") or []
        paid = any(role.kind != RoleKind.VOLUNTEER for role in roles)
        if paid and not (data.get("experience") or "").strip():
            self.add_error(
                "experience",
                _(
                    "Fortell kort om erfaringen din når du melder interesse som støttekontakt "
                    "eller avlaster."
                ),
            )
        return data


class TickForm(forms.Form):
    enrolment = forms.IntegerField(widget=forms.HiddenInput)
    item = forms.IntegerField(widget=forms.HiddenInput)
    done = forms.BooleanField(required=False, widget=forms.HiddenInput)


class PoliceCheckForm(forms.Form):
    """What is recorded about a police certificate: its date, the result and when it
    must be renewed. There is no file field, and a posted file is refused."""

    enrolment = forms.IntegerField(widget=forms.HiddenInput)
    shown_on = forms.DateField(label=_("Attestens dato"), widget=DateInput())
    result = forms.ChoiceField(
        label=_("Resultat"),
        choices=PoliceCertificateCheck.Result.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Bare «ingen merknader» godkjennes. Ved merknader kan personen ikke brukes i "
            "rollen. Skriv ikke hva attesten sier."
        ),
    )
    renew_by = forms.DateField(
        label=_("Må fornyes innen (valgfritt)"), widget=DateInput(), required=False
    )

    def __init__(self, *args: Any, files_posted: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.files_posted = files_posted
        self.helper = _helper()

    def clean_shown_on(self) -> date:
        value: date = self.cleaned_data["shown_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Attestens dato kan ikke være fram i tid."))
        return value

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if self.files_posted:
            raise forms.ValidationError(
                _("Politiattesten skal ikke lastes opp. Registrer bare dato og resultat.")
            )
        shown_on, renew_by = data.get("shown_on"), data.get("renew_by")
        if shown_on and renew_by and renew_by <= shown_on:
            self.add_error("renew_by", _("Fornyelsesdatoen må være etter attestens dato."))
        return data
