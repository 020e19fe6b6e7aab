"""Forms of a caregiver's own application (referrals.applications.caregiver). They clean
and normalise input only; the views save through services.save_step."""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Offer, ServiceType
from portal.forms import CrispyFormMixin
from referrals.applications.forms import WORKDAYS, OffersForm, PersonForm
from referrals.cases.identity import mask_national_id, normalise_national_id
from referrals.cases.models import Application

Consent = Application.CaredForConsent


class CaredForForm(CrispyFormMixin, forms.Form):
    """Step 2: the person the caregiver cares for, and on what footing the caregiver
    names them (their consent, or why they cannot give it)."""

    cared_for_name = forms.CharField(
        label=_("Navnet til den du gir omsorg til"),
        max_length=200,
        error_messages={"required": _("Skriv navnet til den du gir omsorg til.")},
    )
    cared_for_relation = forms.CharField(
        label=_("Hva er du for personen?"),
        help_text=_("For eksempel ektefelle, datter, sønn, mor eller nabo."),
        max_length=100,
        error_messages={"required": _("Skriv hva du er for personen du gir omsorg til.")},
    )
    cared_for_birth_year = forms.IntegerField(
        label=_("Fødselsår (valgfritt)"),
        min_value=1900,
        required=False,
        error_messages={
            "invalid": _("Skriv fødselsåret med fire sifre, for eksempel 1948."),
            "min_value": _("Skriv fødselsåret med fire sifre, for eksempel 1948."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    cared_for_national_id = forms.CharField(
        label=_("Fødselsnummer (valgfritt)"),
        help_text=_(
            "Kommunen kan finne personen raskere med fødselsnummeret. Vi viser bare de seks "
            "første sifrene senere."
        ),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    cared_for_consent = forms.ChoiceField(
        label=_("Vet personen om søknaden, og har personen sagt ja til at du søker?"),
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Svar på om personen har samtykket, eller om personen ikke kan samtykke.")
        },
    )
    cared_for_no_consent_reason = forms.CharField(
        label=_("Hvis personen ikke kan samtykke: hvorfor?"),
        help_text=_("Skriv kort, for eksempel «far har langt kommet demens»."),
        max_length=500,
        required=False,
    )

    def __init__(self, *args: Any, stored_national_id: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # As on the person step: a stored number is never sent back in full.
        self.stored_national_id = stored_national_id
        if stored_national_id:
            self.fields["cared_for_national_id"].help_text = _(
                "Lagret: %(masked)s. Skriv nummeret på nytt bare hvis du vil endre det."
            ) % {"masked": mask_national_id(stored_national_id)}

    def clean_cared_for_birth_year(self) -> int | None:
        year: int | None = self.cleaned_data["cared_for_birth_year"]
        if year is not None and year > timezone.localdate().year:
            raise forms.ValidationError(_("Fødselsåret kan ikke være senere enn i år."))
        return year

    def clean_cared_for_national_id(self) -> str:
        value: str = self.cleaned_data["cared_for_national_id"]
        if not value.strip():
            return self.stored_national_id
        return normalise_national_id(value)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("cared_for_consent") == Consent.CANNOT_CONSENT and not cleaned.get(
            "cared_for_no_consent_reason"
        ):
            self.add_error(
                "cared_for_no_consent_reason", _("Skriv kort hvorfor personen ikke kan samtykke.")
            )
        if cleaned.get("cared_for_consent") == Consent.CONSENT:
            cleaned["cared_for_no_consent_reason"] = ""
        # The caregiver applies for themselves: they are the party.
        cleaned.update(
            on_behalf=False,
            relation="",
            basis="",
            power_of_attorney_scope="",
            cannot_consent_reason="",
            document_later=False,
        )
        return cleaned


class CaregiverPersonForm(PersonForm):
    """Step 3: the caregiver's own details, the party's, in the second person."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person_name"].error_messages["required"] = _("Skriv navnet ditt.")
        self.fields["person_email"].help_text = _(
            "Du får en e-post med referansenummeret når søknaden er sendt."
        )
        self.fields["person_language"].label = _("Hvilket språk foretrekker du?")
        self.fields["person_language"].error_messages["required"] = _(
            "Velg hvilket språk du foretrekker."
        )
        self.fields["interpreter_needed"].label = _("Jeg trenger tolk")


class BurdenForm(CrispyFormMixin, forms.Form):
    """Step 4: the care burden, what the caseworker weighs (særlig tyngende omsorgsarbeid)."""

    care_hours_per_week = forms.IntegerField(
        label=_("Hvor mange timer i uka bruker du på omsorgen?"),
        help_text=_(
            "Et omtrentlig tall. Regn med tilsyn, stell, måltider, følge og praktisk hjelp."
        ),
        min_value=0,
        max_value=168,
        error_messages={
            "required": _("Skriv omtrent hvor mange timer i uka du bruker på omsorgen."),
            "invalid": _("Skriv antall timer som et helt tall."),
            "max_value": _("En uke har 168 timer. Skriv et tall fra 0 til 168."),
            "min_value": _("Skriv et tall fra 0 til 168."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    care_nights_per_month = forms.IntegerField(
        label=_("Hvor mange netter i måneden må du opp eller være våken?"),
        help_text=_("Skriv 0 hvis nettene er rolige."),
        min_value=0,
        max_value=31,
        error_messages={
            "required": _("Skriv hvor mange netter i måneden du må opp. Skriv 0 hvis ingen."),
            "invalid": _("Skriv antall netter som et helt tall."),
            "max_value": _("Skriv et tall fra 0 til 31."),
            "min_value": _("Skriv et tall fra 0 til 31."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    care_duration = forms.ChoiceField(
        label=_("Hvor lenge har du hatt disse omsorgsoppgavene?"),
        choices=Application.CareDuration.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg hvor lenge du har hatt omsorgsoppgavene.")},
    )
    care_tasks = forms.CharField(
        label=_("Hva gjør du for personen?"),
        help_text=_("Fortell om en vanlig uke: hva du hjelper med, og hva som er tyngst."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Beskriv kort hva du gjør for personen.")},
    )
    need_description = forms.CharField(
        label=_("Hva ville gjort hverdagen lettere for deg?"),
        help_text=_("For eksempel en fast dag fri i uka, en helg i måneden, eller å lære mer."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    days = forms.MultipleChoiceField(
        label=_("Hvilke dager trenger du avlastning mest?"),
        choices=WORKDAYS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_information = forms.CharField(
        label=_("Annet kommunen bør vite"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        required=False,
    )

    def clean_days(self) -> list[int]:
        return [int(day) for day in self.cleaned_data["days"]]

    @staticmethod
    def initial_from(application: Application) -> dict[str, object]:
        initial: dict[str, object] = {
            field: getattr(application, field)
            for field in (
                "care_hours_per_week",
                "care_nights_per_month",
                "care_duration",
                "care_tasks",
                "need_description",
                "other_information",
            )
        }
        initial["days"] = [str(day) for day in application.days]
        return initial


class CaregiverOffersForm(OffersForm):
    def __init__(self, *args: Any, service_type: ServiceType, **kwargs: Any) -> None:
        super().__init__(*args, service_type=service_type, **kwargs)
        field = cast(forms.ModelMultipleChoiceField[Offer], self.fields["offers"])
        field.label = _("Hvilke tilbud ønsker du?")
