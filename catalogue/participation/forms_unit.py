"""The unit's forms: a new session or course, the number of places."""

from datetime import datetime, timedelta
from typing import Any

from crispy_forms.layout import Field, Fieldset, Layout
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Location
from catalogue.participation.unit_services import SessionOptions
from portal.forms import CrispyFormMixin

MAX_WEEKS = 52
MAX_PLACES = 500
# Sessions are planned at most this many days ahead (the first of a course).
MAX_DAYS_AHEAD = 730


class SessionForm(CrispyFormMixin, forms.Form):
    day = forms.DateField(
        label=_("Dato"),
        help_text=_("For et kurs: datoen for første gang."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Skriv datoen"),
            "invalid": _("Skriv en gyldig dato, for eksempel 13.01.2027"),
        },
    )
    starts = forms.TimeField(
        label=_("Fra kl."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Skriv når det starter"),
            "invalid": _("Skriv klokkeslettet som 11:00"),
        },
    )
    ends = forms.TimeField(
        label=_("Til kl."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Skriv når det slutter"),
            "invalid": _("Skriv klokkeslettet som 13:00"),
        },
    )
    weeks = forms.IntegerField(
        label=_("Antall uker"),
        help_text=_(
            "1 for ett enkelt tidspunkt. For et kurs, for eksempel 8: samme ukedag og "
            "klokkeslett i åtte uker."
        ),
        min_value=1,
        max_value=MAX_WEEKS,
        initial=1,
        error_messages={
            "required": _("Skriv antall uker (1 for ett tidspunkt)"),
            "invalid": _("Skriv et helt tall"),
            "min_value": _("Skriv minst 1"),
            "max_value": _("Skriv høyst %(limit_value)s"),
        },
    )
    places = forms.IntegerField(
        label=_("Antall plasser"),
        min_value=1,
        max_value=MAX_PLACES,
        initial=10,
        error_messages={
            "required": _("Skriv antall plasser"),
            "invalid": _("Skriv et helt tall"),
            "min_value": _("Et tidspunkt må ha minst én plass"),
            "max_value": _("Skriv høyst %(limit_value)s"),
        },
    )
    location = forms.ModelChoiceField(
        label=_("Sted"), queryset=Location.objects.none(), required=False
    )
    cancel_deadline_hours = forms.IntegerField(
        label=_("Frist for avmelding (timer før start)"),
        help_text=_("Etter fristen kan man ikke melde seg av på nett, bare ringe."),
        min_value=0,
        max_value=24 * 14,
        initial=24,
        error_messages={
            "required": _("Skriv fristen i timer (0 for ingen frist)"),
            "invalid": _("Skriv et helt tall"),
            "min_value": _("Skriv 0 eller mer"),
            "max_value": _("Skriv høyst %(limit_value)s"),
        },
    )
    confirm_within_hours = forms.IntegerField(
        label=_("Frist for å takke ja til ledig plass (timer)"),
        help_text=_("La stå tomt for å gi ledig plass direkte til den neste på ventelisten."),
        min_value=1,
        max_value=24 * 7,
        required=False,
        error_messages={
            "invalid": _("Skriv et helt tall"),
            "min_value": _("Skriv minst 1, eller la feltet stå tomt"),
            "max_value": _("Skriv høyst %(limit_value)s"),
        },
    )
    offers_transport = forms.BooleanField(label=_("Transport tilbys"), required=False)
    offers_meal = forms.BooleanField(label=_("Måltid tilbys"), required=False)
    accepts_companion_card = forms.BooleanField(
        label=_("Ledsager gratis med ledsagerbevis"), required=False
    )
    whole_course = forms.BooleanField(
        label=_("Påmelding gjelder hele kurset"),
        help_text=_(
            "Deltakerne melder seg på alle gangene samlet og får plass på hele kurset, "
            "eller står på ventelisten til hele kurset."
        ),
        required=False,
    )

    def __init__(self, *args: Any, locations: "QuerySet[Location]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        location = self.fields["location"]
        assert isinstance(location, forms.ModelChoiceField)
        location.queryset = locations
        self.helper.layout = Layout(
            Fieldset(
                _("Når"),
                Field("day"),
                Field("starts"),
                Field("ends"),
                Field("weeks"),
                Field("whole_course"),
            ),
            Fieldset(
                _("Plasser og sted"),
                Field("places"),
                Field("location"),
                Field("cancel_deadline_hours"),
                Field("confirm_within_hours"),
            ),
            Fieldset(
                _("Dette tilbys"),
                Field("offers_transport"),
                Field("offers_meal"),
                Field("accepts_companion_card"),
            ),
        )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        if cleaned.get("whole_course") and cleaned.get("weeks") == 1:
            self.add_error("whole_course", _("Et kurs har mer enn én uke. Skriv antall uker."))
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day is None or starts is None or ends is None:
            return cleaned
        if ends <= starts:
            self.add_error("ends", _("Slutten må komme etter starten"))
            return cleaned
        if day > timezone.localdate() + timedelta(days=MAX_DAYS_AHEAD):
            self.add_error("day", _("Velg en dato innen to år fra i dag."))
            return cleaned
        starts_at = timezone.make_aware(datetime.combine(day, starts))
        if starts_at <= timezone.now():
            self.add_error("day", _("Tidspunktet har allerede vært. Velg en dato fram i tid."))
        return cleaned

    @property
    def starts_at(self) -> datetime:
        c = self.cleaned_data
        return timezone.make_aware(datetime.combine(c["day"], c["starts"]))

    @property
    def duration(self) -> timedelta:
        c = self.cleaned_data
        return datetime.combine(c["day"], c["ends"]) - datetime.combine(c["day"], c["starts"])

    def options(self) -> SessionOptions:
        c = self.cleaned_data
        return SessionOptions(
            places=c["places"],
            location=c.get("location"),
            cancel_deadline_hours=c["cancel_deadline_hours"],
            confirm_within_hours=c.get("confirm_within_hours"),
            offers_transport=bool(c.get("offers_transport")),
            offers_meal=bool(c.get("offers_meal")),
            accepts_companion_card=bool(c.get("accepts_companion_card")),
            whole_course=bool(c.get("whole_course")),
        )


class PlacesForm(CrispyFormMixin, forms.Form):
    places = forms.IntegerField(
        label=_("Antall plasser"),
        min_value=1,
        max_value=MAX_PLACES,
        error_messages={
            "required": _("Skriv antall plasser"),
            "invalid": _("Skriv et helt tall"),
            "min_value": _("Et tidspunkt må ha minst én plass"),
            "max_value": _("Skriv høyst %(limit_value)s"),
        },
    )
