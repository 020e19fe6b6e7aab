"""Forms of the matching room."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Unit
from portal.forms import CrispyFormMixin
from referrals.matching.models import Match
from referrals.volunteers.models import Gender


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
