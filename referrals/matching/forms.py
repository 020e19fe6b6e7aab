"""Forms of the matching room."""

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Unit
from portal.forms import CrispyFormMixin
from portal.phone import PhoneNumberFormField
from referrals.cases.identity import looks_like_national_id
from referrals.matching.models import Match
from referrals.matching.services import Contact, Need, PublicText
from referrals.volunteers.forms import (
    SLOT_CHOICES,
    district_field,
    interests_field,
    languages_field,
    parse_slot,
)
from referrals.volunteers.models import Gender, RoleKind, VolunteerRole


class HelpRequestForm(CrispyFormMixin, forms.Form):
    """ "Finn støttekontakt" on the case page: the public description, without personal data."""

    unit = forms.ModelChoiceField(
        label=_("Enhet som koordinerer"),
        queryset=Unit.objects.all(),
        empty_label=_("Velg enhet"),
        error_messages={"required": _("Velg enheten som skal finne støttekontakten.")},
    )
    description = forms.CharField(
        label=_("Offentlig beskrivelse av oppdraget"),
        help_text=_(
            "Vises for hjelpere. Ikke skriv navn, adresse, alder i år eller diagnose: "
            "for eksempel «en mann i 70-årene i Nord som liker fisking, 3 timer i uka»."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Skriv en kort beskrivelse av oppdraget.")},
    )
    hours_per_week = forms.DecimalField(
        label=_("Timer per uke"),
        required=False,
        min_value=0,
        max_value=80,
        decimal_places=1,
        localize=True,  # "2,5" as it is written in Norwegian
    )
    preferred_gender = forms.ChoiceField(
        label=_("Ønsket kjønn på støttekontakten"),
        choices=[("", _("Ingen ønsker"))] + list(Gender.choices),
        required=False,
    )


class ProposeForm(CrispyFormMixin, forms.Form):
    helper = forms.IntegerField(widget=forms.HiddenInput)


class EndMatchForm(CrispyFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Årsak"),
        choices=[("", _("Velg årsak"))] + list(Match.EndedReason.choices),
        error_messages={"required": _("Velg hvorfor samarbeidet avsluttes.")},
    )
    text = forms.CharField(label=_("Om avslutningen"), max_length=500, required=False)
    close_request = forms.BooleanField(
        label=_("Lukk forespørselen (det trengs ikke en ny hjelper)"), required=False
    )


class RequestFilterForm(forms.Form):
    min_days = forms.IntegerField(
        label=_("Ventet minst (dager)"), required=False, min_value=0, max_value=3650
    )
    not_started = forms.BooleanField(
        label=_("Bare innvilget støttekontakt uten startet match"), required=False
    )


class CheckInForm(CrispyFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Hvordan går det?"),
        help_text=_("1 er svært dårlig, 5 er svært bra."),
        choices=[(str(value), str(value)) for value in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg et tall fra 1 til 5.")},
    )
    text = forms.CharField(
        label=_("Vil du fortelle mer?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class HoursForm(CrispyFormMixin, forms.Form):
    month = forms.DateField(
        label=_("Måned"),
        help_text=_("Skriv måneden som ÅÅÅÅ-MM, for eksempel 2026-11."),
        input_formats=["%Y-%m"],
        error_messages={
            "required": _("Skriv måneden."),
            "invalid": _("Skriv måneden som ÅÅÅÅ-MM, for eksempel 2026-11."),
        },
    )
    hours = forms.DecimalField(
        label=_("Timer"),
        min_value=0,
        max_value=300,
        decimal_places=1,
        localize=True,  # "7,5" as it is written in Norwegian
        error_messages={"required": _("Skriv antall timer.")},
    )
    note = forms.CharField(label=_("Merknad"), max_length=300, required=False)

    def clean_month(self) -> date:
        month: date = self.cleaned_data["month"].replace(day=1)
        if month > timezone.localdate():
            raise forms.ValidationError(
                _("Du kan ikke rapportere timer for en måned som ikke har begynt.")
            )
        return month


def month_param(value: Any) -> date | None:
    """``YYYY-MM`` from a query string, or None."""
    try:
        year, month = str(value).split("-")
        return date(int(year), int(month), 1)
    except (TypeError, ValueError):
        return None


def _no_national_id(value: str) -> str:
    if looks_like_national_id(value):
        raise forms.ValidationError(
            _("Ikke skriv fødselsnummer her. Koordinatoren trenger det ikke.")
        )
    return value


class VolunteerRoleChoiceField(forms.ModelChoiceField[VolunteerRole]):
    def label_from_instance(self, obj: VolunteerRole) -> str:
        return f"{obj.tr('title')} ({obj.unit.name})"


class NeedFieldsMixin(forms.Form):
    """What the help is about, shared by the one who asks and the coordinator: where,
    interests, languages, the helper wished for and when."""

    district = district_field(label=_("Bydel"), empty_label=_("Ikke valgt"))
    interests = interests_field(label=_("Interesser"))
    languages = languages_field(label=_("Språk"))
    preferred_gender = forms.ChoiceField(
        label=_("Ønsket kjønn på hjelperen"),
        choices=[("", _("Ingen ønsker"))] + list(Gender.choices),
        required=False,
    )
    preferred_min_age = forms.IntegerField(
        label=_("Ønsket alder på hjelperen, fra (valgfritt)"),
        required=False,
        min_value=16,
        max_value=100,
    )
    preferred_max_age = forms.IntegerField(
        label=_("Ønsket alder på hjelperen, til (valgfritt)"),
        required=False,
        min_value=16,
        max_value=100,
    )
    times = forms.MultipleChoiceField(
        label=_("Når passer det?"),
        choices=SLOT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        low, high = data.get("preferred_min_age"), data.get("preferred_max_age")
        if low is not None and high is not None and low > high:
            self.add_error(
                "preferred_max_age", _("Alderen «fra» må være lavere enn alderen «til».")
            )
        return data

    def need(self, role: VolunteerRole | None, kind: str = RoleKind.VOLUNTEER) -> Need:
        data = self.cleaned_data
        return Need(
            role=role,
            kind=role.kind if role is not None else kind,
            district=data["district"],
            interests=list(data["interests"]),
            languages=list(data["languages"]),
            preferred_gender=data["preferred_gender"],
            preferred_min_age=data["preferred_min_age"],
            preferred_max_age=data["preferred_max_age"],
            times=[parse_slot(value) for value in data["times"]],
            hours_per_week=data.get("hours_per_week"),
        )


class AskForHelperForm(CrispyFormMixin, NeedFieldsMixin):
    """/frivillig/be-om-hjelp/: a person, or a relative for someone they help, asks for a
    volunteer. No fødselsnummer."""

    FOR_SELF = "self"
    FOR_OTHER = "other"

    for_whom = forms.ChoiceField(
        label=_("Hvem gjelder det?"),
        choices=[(FOR_SELF, _("Meg selv")), (FOR_OTHER, _("En jeg hjelper"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg hvem hjelpen gjelder.")},
    )
    person_name = forms.CharField(
        label=_("Navnet til den som trenger hjelp"),
        max_length=200,
        required=False,
        help_text=_("Fyll ut når du spør for en du hjelper."),
    )
    person_phone = PhoneNumberFormField(
        label=_("Telefon"),
        help_text=_("Koordinatoren ringer dette nummeret for å avtale videre."),
        error_messages={"required": _("Skriv et telefonnummer.")},
    )
    role = VolunteerRoleChoiceField(
        label=_("Hva slags hjelp?"),
        queryset=VolunteerRole.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("Støttekontakt og avlastning søker du om som en tjeneste, ikke her."),
        error_messages={"required": _("Velg hva slags hjelp dere ønsker.")},
    )
    need_text = forms.CharField(
        label=_("Fortell kort om behovet"),
        help_text=_(
            "Hva personen liker å gjøre, og hva en frivillig kan hjelpe med. Bare "
            "koordinatoren ser dette. Ikke skriv fødselsnummer."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Fortell kort om behovet.")},
    )
    field_order = [
        "for_whom",
        "person_name",
        "person_phone",
        "role",
        "district",
        "interests",
        "languages",
        "preferred_gender",
        "preferred_min_age",
        "preferred_max_age",
        "times",
        "need_text",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        assert isinstance(role, VolunteerRoleChoiceField)
        role.queryset = VolunteerRole.objects.filter(
            kind=RoleKind.VOLUNTEER, active=True, public=True
        ).select_related("unit")

    def clean_need_text(self) -> str:
        return _no_national_id(self.cleaned_data["need_text"])

    def clean_person_name(self) -> str:
        return _no_national_id(self.cleaned_data["person_name"].strip())

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("for_whom") == self.FOR_OTHER and not data.get("person_name"):
            self.add_error("person_name", _("Skriv navnet til den som trenger hjelp."))
        return data

    def contact(self, user_name: str) -> Contact:
        data = self.cleaned_data
        for_self = data["for_whom"] == self.FOR_SELF
        return Contact(
            person_name=(data["person_name"] or user_name) if for_self else data["person_name"],
            person_phone=data["person_phone"],
            need=data["need_text"],
            for_self=for_self,
        )


class DescribeForm(CrispyFormMixin, forms.Form):
    """The coordinator's public description of a request, and whether it is shown on
    /frivillig/."""

    description = forms.CharField(
        label=_("Offentlig beskrivelse av oppdraget"),
        help_text=_(
            "Vises for hjelpere. Ikke skriv navn, adresse, alder i år eller diagnose: "
            "for eksempel «en mann i 70-årene i Nord som liker fisking, 3 timer i uka»."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Skriv en kort beskrivelse av oppdraget.")},
    )
    description_nn = forms.CharField(
        label=_("Offentlig beskrivelse (nynorsk, valgfritt)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    description_en = forms.CharField(
        label=_("Offentlig beskrivelse (engelsk, valgfritt)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    public = forms.BooleanField(label=_("Vis på frivillig-siden"), required=False)

    def clean_description(self) -> str:
        return _no_national_id(self.cleaned_data["description"])

    def text(self) -> PublicText:
        data = self.cleaned_data
        return PublicText(
            description=data["description"],
            description_nn=data["description_nn"],
            description_en=data["description_en"],
            public=data["public"],
        )


class NewRequestForm(DescribeForm, NeedFieldsMixin):
    """/saksbehandling/frivillige/ny/: a coordinator registers a request for one of their
    units, with its public description; the person's name, phone and need are kept
    privately when given."""

    unit = forms.ModelChoiceField(
        label=_("Enhet som koordinerer"),
        queryset=Unit.objects.none(),
        empty_label=_("Velg enhet"),
        error_messages={"required": _("Velg enheten som skal finne hjelperen.")},
    )
    role = forms.ModelChoiceField(
        label=_("Rolle (valgfritt)"),
        queryset=VolunteerRole.objects.none(),
        required=False,
        empty_label=_("Ingen bestemt rolle"),
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=RoleKind.choices,
        initial=RoleKind.VOLUNTEER,
        help_text=_("Gjelder når ingen rolle er valgt."),
    )
    hours_per_week = forms.DecimalField(
        label=_("Timer per uke"),
        required=False,
        min_value=0,
        max_value=80,
        decimal_places=1,
        localize=True,
    )
    person_name = forms.CharField(
        label=_("Personens navn (valgfritt, vises ikke offentlig)"),
        max_length=200,
        required=False,
    )
    person_phone = PhoneNumberFormField(label=_("Personens telefon (valgfritt)"), required=False)
    need_text = forms.CharField(
        label=_("Om behovet (valgfritt, vises ikke offentlig)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    field_order = [
        "unit",
        "role",
        "kind",
        "description",
        "description_nn",
        "description_en",
        "public",
        "district",
        "interests",
        "languages",
        "hours_per_week",
        "preferred_gender",
        "preferred_min_age",
        "preferred_max_age",
        "times",
        "person_name",
        "person_phone",
        "need_text",
    ]

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = units
        role = self.fields["role"]
        assert isinstance(role, forms.ModelChoiceField)
        role.queryset = VolunteerRole.objects.filter(unit__in=units, active=True).select_related(
            "unit"
        )

    def clean_need_text(self) -> str:
        return _no_national_id(self.cleaned_data["need_text"])

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        role, unit = data.get("role"), data.get("unit")
        if role is not None and unit is not None and role.unit_id != unit.pk:
            self.add_error("role", _("Rollen hører til en annen enhet."))
        return data

    def contact(self) -> Contact | None:
        data = self.cleaned_data
        if not data["person_name"]:
            return None
        return Contact(
            person_name=data["person_name"],
            person_phone=data["person_phone"],
            need=data["need_text"],
        )


class PersonAnswerForm(forms.Form):
    """The person's answer to a proposal, given to the coordinator (by phone or in
    person) when no one answers online."""

    answer = forms.ChoiceField(choices=[("accept", "accept"), ("decline", "decline")])
