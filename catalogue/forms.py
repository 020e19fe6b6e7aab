"""Forms for the catalogue's guide, error reports and the unit leaders' offer pages.

Forms clean and normalise input only; catalogue.services saves.
"""

from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import (
    AccessibilityFeature,
    Category,
    District,
    Language,
    Location,
    Offer,
    Unit,
)
from portal.forms import CrispyFormMixin

# --- the guide ("Finn det som passer deg") ---------------------------------------------

# Same slugs as the catalogue filter's ``dag`` parameter (catalogue/filters.py).
WEEKDAY_SLUGS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lordag", "sondag"]
WEEKDAY_CHOICES = list(
    zip(
        WEEKDAY_SLUGS,
        [
            _("mandag"),
            _("tirsdag"),
            _("onsdag"),
            _("torsdag"),
            _("fredag"),
            _("lørdag"),
            _("søndag"),
        ],
        strict=True,
    )
)

WANT_CHOICES = [
    ("selskap", _("Selskap og noen å prate med")),
    ("meningsfylt", _("Noe meningsfylt å gjøre")),
    ("fysisk", _("Fysisk aktivitet")),
    ("avlastning", _("Avlastning for deg som er pårørende")),
]

TRANSPORT_CHOICES = [
    ("ja", _("Ja, jeg trenger transport")),
    ("nei", _("Nei, jeg kommer meg dit selv")),
]


class GuideForm(CrispyFormMixin, forms.Form):
    """One question of the guide. ``name`` is also the query-string parameter."""

    name: str = ""


class GuideWantForm(GuideForm):
    name = "onske"
    onske = forms.MultipleChoiceField(
        label=_("Velg ett eller flere"),
        choices=WANT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Velg minst ett av alternativene")},
    )


class GuideDaysForm(GuideForm):
    name = "dag"
    dag = forms.MultipleChoiceField(
        label=_("Velg dagene som passer"),
        help_text=_("Velger du ingen, viser vi tilbud alle dager."),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class GuideTransportForm(GuideForm):
    name = "transport"
    transport = forms.ChoiceField(
        label=_("Velg ett svar"),
        choices=TRANSPORT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg om du trenger transport")},
    )


class GuideAccessibilityForm(GuideForm):
    name = "tilrettelegging"
    tilrettelegging = forms.MultipleChoiceField(
        label=_("Velg det du trenger"),
        help_text=_("Velger du ingen, viser vi alle steder."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tilrettelegging"].choices = [
            (feature.slug, str(feature)) for feature in AccessibilityFeature.objects.all()
        ]


class GuideDistrictForm(GuideForm):
    name = "bydel"
    bydel = forms.MultipleChoiceField(
        label=_("Velg bydeler"),
        help_text=_("Velger du ingen, viser vi tilbud i hele kommunen."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bydel"].choices = [
            (district.slug, str(district)) for district in District.objects.all()
        ]


# --- error reports ---------------------------------------------------------------------

REPORT_MAX_LENGTH = 2000


class ErrorReportForm(CrispyFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Hva er feil?"),
        help_text=_(
            "For eksempel feil åpningstid, adresse eller telefonnummer. Ikke skriv helseopplysninger."
        ),
        max_length=REPORT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Skriv hva som er feil"),
            "max_length": _(
                "Meldingen kan ikke være lengre enn %(limit_value)d tegn (den har %(show_value)d)"
            ),
        },
    )
    reporter_email = forms.EmailField(
        label=_("Din e-postadresse (valgfritt)"),
        help_text=_("Bare hvis du vil at vi skal kunne spørre deg om noe."),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no")
        },
    )
    # A honeypot: hidden from people (CSS and aria-hidden), filled in by form robots.
    website = forms.CharField(label=_("La dette feltet stå tomt"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field("message"),
            Field("reporter_email"),
            Div(
                Field("website", tabindex="-1", autocomplete="off"),
                css_class="tools-honeypot",
                aria_hidden="true",
            ),
        )

    def clean_message(self) -> str:
        return self.cleaned_data["message"].strip()

    def clean_reporter_email(self) -> str:
        return self.cleaned_data["reporter_email"].strip().lower()

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


# --- the unit leaders' offer form ------------------------------------------------------

OFFER_FIELDS = [
    "unit",
    "title",
    "title_nn",
    "title_en",
    "summary",
    "summary_nn",
    "summary_en",
    "description",
    "description_nn",
    "description_en",
    "easy_read",
    "easy_read_nn",
    "easy_read_en",
    "suits",
    "suits_nn",
    "suits_en",
    "categories",
    "locations",
    "participation",
    "service_type",
    "signup_text",
    "signup_text_nn",
    "signup_text_en",
    "age_min",
    "age_max",
    "cost",
    "price_text",
    "price_text_nn",
    "price_text_en",
    "transport_offered",
    "transport_text",
    "transport_text_nn",
    "transport_text_en",
    "meals_offered",
    "meals_text",
    "meals_text_nn",
    "meals_text_en",
    "counts_as_relief",
    "capacity_per_day",
    "places_available",
    "volunteers_involved",
    "volunteer_text",
    "volunteer_text_nn",
    "volunteer_text_en",
    "languages",
    "contact_name",
    "contact_phone",
    "contact_email",
    "closed_on_public_holidays",
]

OFFER_LABELS = {
    "unit": _("Enhet"),
    "title": _("Tittel (bokmål)"),
    "title_nn": _("Tittel (nynorsk)"),
    "title_en": _("Tittel (engelsk)"),
    "summary": _("Kort oppsummering (bokmål)"),
    "summary_nn": _("Kort oppsummering (nynorsk)"),
    "summary_en": _("Kort oppsummering (engelsk)"),
    "description": _("Beskrivelse (bokmål)"),
    "description_nn": _("Beskrivelse (nynorsk)"),
    "description_en": _("Beskrivelse (engelsk)"),
    "easy_read": _("Lettlest (bokmål)"),
    "easy_read_nn": _("Lettlest (nynorsk)"),
    "easy_read_en": _("Lettlest (engelsk)"),
    "suits": _("Hvem passer tilbudet for? (bokmål)"),
    "suits_nn": _("Hvem passer tilbudet for? (nynorsk)"),
    "suits_en": _("Hvem passer tilbudet for? (engelsk)"),
    "categories": _("Kategorier"),
    "locations": _("Steder"),
    "participation": _("Slik deltar man"),
    "service_type": _("Tjeneste man søker om"),
    "signup_text": _("Slik melder man seg på (bokmål)"),
    "signup_text_nn": _("Slik melder man seg på (nynorsk)"),
    "signup_text_en": _("Slik melder man seg på (engelsk)"),
    "age_min": _("Anbefalt alder fra"),
    "age_max": _("Anbefalt alder til"),
    "cost": _("Pris"),
    "price_text": _("Om prisen (bokmål)"),
    "price_text_nn": _("Om prisen (nynorsk)"),
    "price_text_en": _("Om prisen (engelsk)"),
    "transport_offered": _("Transport tilbys"),
    "transport_text": _("Om transport (bokmål)"),
    "transport_text_nn": _("Om transport (nynorsk)"),
    "transport_text_en": _("Om transport (engelsk)"),
    "meals_offered": _("Måltid tilbys"),
    "meals_text": _("Om måltider (bokmål)"),
    "meals_text_nn": _("Om måltider (nynorsk)"),
    "meals_text_en": _("Om måltider (engelsk)"),
    "counts_as_relief": _("Gir avlastning for pårørende"),
    "capacity_per_day": _("Plasser per dag"),
    "places_available": _("Ledige plasser"),
    "volunteers_involved": _("Frivillige er med"),
    "volunteer_text": _("Slik kan man bli frivillig (bokmål)"),
    "volunteer_text_nn": _("Slik kan man bli frivillig (nynorsk)"),
    "volunteer_text_en": _("Slik kan man bli frivillig (engelsk)"),
    "languages": _("Språk som snakkes"),
    "contact_name": _("Kontaktperson"),
    "contact_phone": _("Telefon til kontaktperson"),
    "contact_email": _("E-post til kontaktperson"),
    "closed_on_public_holidays": _("Stengt på helligdager"),
}

OFFER_HELP = {
    "summary": _("Én setning."),
    "suits": _("Beskriv behov, ikke diagnoser: «For deg som ønsker selskap på dagtid»."),
    "service_type": _("Må fylles ut når man deltar etter søknad."),
    "age_min": _("Bare en veiledning: tilbudet vises i søk uansett alder."),
    "places_available": _("La stå tomt hvis du ikke vet; 0 viser tilbudet som fullt."),
    "counts_as_relief": _(
        "Kryss av hvis tilbudet avlaster pårørende med tyngende omsorgsarbeid. "
        "Tilbudet merkes da med «Avlastning» og kan filtreres."
    ),
}

TEXTAREA_FIELDS = {
    name
    for base in (
        "description",
        "easy_read",
        "suits",
        "signup_text",
        "transport_text",
        "meals_text",
        "volunteer_text",
    )
    for name in (base, f"{base}_nn", f"{base}_en")
}


OFFER_SECTIONS = [
    (
        _("Om tilbudet"),
        [
            "unit",
            "title",
            "summary",
            "easy_read",
            "description",
            "suits",
            "categories",
            "age_min",
            "age_max",
        ],
    ),
    (_("Sted og tid"), ["locations", "closed_on_public_holidays"]),
    (_("Slik deltar man"), ["participation", "service_type", "signup_text", "cost", "price_text"]),
    (
        _("Transport, måltider og plasser"),
        [
            "transport_offered",
            "transport_text",
            "meals_offered",
            "meals_text",
            "counts_as_relief",
            "capacity_per_day",
            "places_available",
        ],
    ),
    (_("Frivillige og språk"), ["volunteers_involved", "volunteer_text", "languages"]),
    (_("Kontakt"), ["contact_name", "contact_phone", "contact_email"]),
]
TRANSLATABLE = [
    "title",
    "summary",
    "easy_read",
    "description",
    "suits",
    "signup_text",
    "price_text",
    "transport_text",
    "meals_text",
    "volunteer_text",
]


def offer_form_sections() -> list:
    """The offer form in sections with legends; nynorsk and English texts last, in
    their own sections (they are optional and fall back to bokmål)."""
    sections = [
        Fieldset(legend, *names, css_class="tools-form-section") for legend, names in OFFER_SECTIONS
    ]
    sections.append(
        Fieldset(
            _("Tekst på nynorsk (valgfritt)"),
            *[f"{n}_nn" for n in TRANSLATABLE],
            css_class="tools-form-section",
        )
    )
    sections.append(
        Fieldset(
            _("Tekst på engelsk (valgfritt)"),
            *[f"{n}_en" for n in TRANSLATABLE],
            css_class="tools-form-section",
        )
    )
    return sections


def locations_for(user, offer: Offer | None = None):
    """The locations offered as choices (``Location.objects.attachable_by``: the rule the
    admin uses too), with what the form shows of them."""
    return (
        Location.objects.attachable_by(user, offer=offer)
        .select_related("district")
        .order_by("name")
    )


class OfferForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Offer
        fields = OFFER_FIELDS
        labels = OFFER_LABELS
        help_texts = OFFER_HELP
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 4}) for name in TEXTAREA_FIELDS},
            "categories": forms.CheckboxSelectMultiple,
            "locations": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "participation": forms.RadioSelect,
            "cost": forms.RadioSelect,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.for_user(user)
        self.fields["unit"].empty_label = None
        self.fields["locations"].queryset = locations_for(user, self.instance)
        self.fields["categories"].queryset = Category.objects.all()
        self.fields["languages"].queryset = Language.objects.all()
        self.fields["participation"].choices = [
            (Offer.Participation.OPEN, _("Åpent: bare møt opp")),
            (Offer.Participation.SIGNUP, _("Påmelding")),
            (Offer.Participation.APPLICATION, _("Etter søknad")),
        ]
        self.fields["cost"].choices = [
            (Offer.Cost.FREE, _("Gratis")),
            (Offer.Cost.PRICE, _("Pris")),
            (Offer.Cost.EGENANDEL, _("Egenandel fastsettes i vedtaket")),
        ]
        required_messages = {
            "title": _("Skriv en tittel"),
            "summary": _("Skriv en kort oppsummering"),
            "description": _("Skriv en beskrivelse"),
            "suits": _("Skriv hvem tilbudet passer for"),
            "categories": _("Velg minst én kategori"),
            "locations": _("Velg minst ett sted"),
            "unit": _("Velg enhet"),
        }
        for name, message in required_messages.items():
            self.fields[name].error_messages["required"] = message
        if self.instance.pk and self.instance.places_from_capacity:
            # Counted from the places given by decisions (the capacity page), not typed.
            field = self.fields["places_available"]
            field.disabled = True
            field.help_text = _(
                "Regnes ut fra plassene som er tildelt i vedtak (se Plasser og venteliste), "
                "fordi tilbudet har plasser per dag og tar imot søknader."
            )
        self.helper.layout = Layout(*offer_form_sections())

    def clean(self):
        cleaned = super().clean()
        age_min, age_max = cleaned.get("age_min"), cleaned.get("age_max")
        if age_min is not None and age_max is not None and age_min > age_max:
            self.add_error("age_max", _("Alder til kan ikke være lavere enn alder fra"))
        if cleaned.get("participation") == Offer.Participation.APPLICATION and not cleaned.get(
            "service_type"
        ):
            self.add_error("service_type", _("Velg tjenesten man søker om"))
        if (
            cleaned.get("participation") == Offer.Participation.APPLICATION
            and cleaned.get("capacity_per_day") is not None
        ):
            # Counted from decisions once saved (referrals' capacity room); a typed
            # figure would contradict the capacity page.
            cleaned["places_available"] = self.instance.places_available
        for name in ("title", "summary", "contact_name", "contact_phone"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = " ".join(cleaned[name].split())
        return cleaned

    def service_fields(self) -> dict:
        """The cleaned values in the shape catalogue.services expects."""
        return {name: self.cleaned_data[name] for name in OFFER_FIELDS if name in self.cleaned_data}


class OpeningPeriodForm(CrispyFormMixin, forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Dag"),
        coerce=int,
        choices=[
            ("", "---------"),
            *[(number, label) for number, (_slug, label) in enumerate(WEEKDAY_CHOICES)],
        ],
        required=False,
    )
    opens = forms.TimeField(
        label=_("Fra kl."),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    closes = forms.TimeField(
        label=_("Til kl."),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    location = forms.ModelChoiceField(
        label=_("Sted"), queryset=Location.objects.none(), required=False
    )
    valid_from = forms.DateField(
        label=_("Gjelder fra"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Gjelder til"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, locations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if locations is not None:
            self.fields["location"].queryset = locations
        self.fields["location"].empty_label = _("Alle stedene")

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("DELETE") or self.is_blank(cleaned):
            return cleaned
        if cleaned.get("weekday") in (None, ""):
            self.add_error("weekday", _("Velg dag"))
        if not cleaned.get("opens"):
            self.add_error("opens", _("Skriv når det åpner, for eksempel 10:00"))
        if not cleaned.get("closes"):
            self.add_error("closes", _("Skriv når det stenger, for eksempel 14:00"))
        opens, closes = cleaned.get("opens"), cleaned.get("closes")
        if opens and closes and closes <= opens:
            self.add_error("closes", _("Sluttid må være etter starttid"))
        valid_from, valid_until = cleaned.get("valid_from"), cleaned.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", _("«Gjelder til» kan ikke være før «Gjelder fra»"))
        return cleaned

    @staticmethod
    def is_blank(cleaned: dict) -> bool:
        return all(cleaned.get(name) in (None, "") for name in ("weekday", "opens", "closes"))


class BaseOpeningPeriodFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Fjern denne åpningstiden")

    def periods(self) -> list[dict]:
        """Filled-in, not deleted periods, for catalogue.services."""
        result = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or OpeningPeriodForm.is_blank(data):
                continue
            result.append(
                {
                    name: data.get(name)
                    for name in (
                        "weekday",
                        "opens",
                        "closes",
                        "location",
                        "valid_from",
                        "valid_until",
                    )
                }
            )
        return result


OpeningPeriodFormSet = forms.formset_factory(
    OpeningPeriodForm,
    formset=BaseOpeningPeriodFormSet,
    extra=2,
    can_delete=True,
    max_num=28,
    validate_max=True,
)


def opening_period_initial(offer: Offer) -> list[dict]:
    return [
        {
            "weekday": period.weekday,
            "opens": period.opens,
            "closes": period.closes,
            "location": period.location_id,
            "valid_from": period.valid_from,
            "valid_until": period.valid_until,
        }
        for period in offer.opening_periods.all()
    ]
