"""The sign-up form: which session, for whom, how to reach them, and their needs."""

from typing import Any

from crispy_forms.layout import Field, Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.participation.models import SignUp
from catalogue.participation.presentation import choice_label
from catalogue.participation.selectors import SessionPlaces, signup_choices
from catalogue.participation.services import SignUpData
from portal.forms import CrispyFormMixin
from portal.phone import PhoneNumberFormField

FOR_WHOM_CHOICES = [
    ("self", _("Meg selv")),
    ("other", _("En jeg hjelper, for eksempel en forelder")),
]


class SignUpForm(CrispyFormMixin, forms.Form):
    session = forms.TypedChoiceField(
        label=_("Velg tidspunkt"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Velg et tidspunkt"),
            "invalid_choice": _("Velg et tidspunkt"),
        },
    )
    for_whom = forms.ChoiceField(
        label=_("Hvem melder du på?"),
        choices=FOR_WHOM_CHOICES,
        initial="self",
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg hvem du melder på")},
    )
    name = forms.CharField(
        label=_("Navnet til den som skal delta"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Skriv navnet til den som skal delta")},
    )
    phone = PhoneNumberFormField(
        label=_("Telefonnummer"),
        help_text=_("Enheten ringer dette nummeret hvis noe endrer seg."),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("Skriv et telefonnummer")},
    )
    email = forms.EmailField(
        label=_("E-postadresse"),
        help_text=_("Vi sender bekreftelsen og lenken for å melde av hit."),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no")
        },
    )
    needs_transport = forms.BooleanField(label=_("Trenger transport"), required=False)
    pickup_address = forms.CharField(
        label=_("Hentes på adresse"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    mobility_aid = forms.ChoiceField(
        label=_("Hjelpemiddel i bilen"),
        choices=SignUp.MobilityAid.choices,
        initial=SignUp.MobilityAid.NONE,
        widget=forms.RadioSelect,
        required=False,
    )
    needs_meal = forms.BooleanField(label=_("Vil ha måltid"), required=False)
    diet = forms.CharField(
        label=_("Kosthold og allergier"),
        help_text=_("For eksempel glutenfritt, vegetar eller nøtteallergi."),
        required=False,
        max_length=200,
    )
    companion = forms.BooleanField(label=_("Har med ledsager"), required=False)
    language_help = forms.CharField(
        label=_("Trenger tolk eller språkhjelp på språket"),
        help_text=_("La stå tomt hvis det ikke trengs."),
        required=False,
        max_length=100,
    )

    def __init__(
        self,
        *args: Any,
        sessions: list[SessionPlaces],
        require_email: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # A whole course is one choice, its first session's (services.sign_up signs
        # up for the course).
        choices = signup_choices(sessions)
        self.sessions = {choice.first.session.pk: choice.first for choice in choices}
        session_field = self.fields["session"]
        assert isinstance(session_field, forms.TypedChoiceField)
        session_field.choices = [(c.first.session.pk, choice_label(c)) for c in choices]
        if len(choices) == 1 and not self.is_bound:
            self.initial.setdefault("session", choices[0].first.session.pk)
        email = self.fields["email"]
        email.required = require_email
        if require_email:
            email.help_text = _(
                "Du får en lenke på e-post. Påmeldingen gjelder først når du har trykket på den."
            )
            email.error_messages["required"] = _("Skriv en e-postadresse, så vi kan sende lenken")
        any_transport = any(e.session.offers_transport for e in sessions)
        any_meal = any(e.session.offers_meal for e in sessions)
        needs: list[Any] = []
        if any_transport:
            needs.append(
                Fieldset(
                    _("Transport"),
                    Field("needs_transport"),
                    Field("pickup_address"),
                    Field("mobility_aid"),
                )
            )
        else:
            for name in ("needs_transport", "pickup_address", "mobility_aid"):
                del self.fields[name]
        if any_meal:
            needs.append(Fieldset(_("Måltid"), Field("needs_meal"), Field("diet")))
        else:
            for name in ("needs_meal", "diet"):
                del self.fields[name]
        companion = self.fields["companion"]
        if any(e.session.accepts_companion_card for e in sessions):
            companion.help_text = _("Ledsageren deltar gratis med ledsagerbevis.")
        needs.append(Fieldset(_("Annet"), Field("companion"), Field("language_help")))
        self.helper.layout = Layout(
            Field("session"),
            Field("for_whom"),
            Fieldset(_("Den som skal delta"), Field("name"), Field("phone"), Field("email")),
            *needs,
        )

    def clean_name(self) -> str:
        return str(self.cleaned_data["name"]).strip()

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        session_pk = cleaned.get("session")
        entry = self.sessions.get(session_pk) if isinstance(session_pk, int) else None
        if cleaned.get("needs_transport"):
            if entry is not None and not entry.session.offers_transport:
                self.add_error("needs_transport", _("Det er ikke transport til dette tidspunktet."))
            elif not str(cleaned.get("pickup_address", "")).strip():
                self.add_error("pickup_address", _("Skriv adressen vi skal hente på"))
        if cleaned.get("needs_meal") and entry is not None and not entry.session.offers_meal:
            self.add_error("needs_meal", _("Det er ikke måltid på dette tidspunktet."))
        return cleaned

    def data_for_service(self, language: str) -> SignUpData:
        c = self.cleaned_data
        transport = bool(c.get("needs_transport"))
        meal = bool(c.get("needs_meal"))
        return SignUpData(
            name=c["name"],
            phone=c["phone"],
            email=c.get("email", ""),
            for_someone_else=c["for_whom"] == "other",
            needs_transport=transport,
            pickup_address=str(c.get("pickup_address", "")).strip() if transport else "",
            mobility_aid=(c.get("mobility_aid") or SignUp.MobilityAid.NONE)
            if transport
            else SignUp.MobilityAid.NONE,
            needs_meal=meal,
            diet=str(c.get("diet", "")).strip() if meal else "",
            companion=bool(c.get("companion")),
            language_help=str(c.get("language_help", "")).strip(),
            language=language,
        )
