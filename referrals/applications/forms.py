"""Forms for the application and the citizen's case pages. They clean and normalise
input only; saving is the job of referrals.applications.services."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import RegexValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_stubs_ext import StrOrPromise

from catalogue.models import District, Offer, Question, ServiceType, Weekday
from portal.forms import CrispyFormMixin, readable_max_length
from portal.phone import PhoneNumberFormField
from referrals.applications.selectors import offers_for_service_type, service_types_open
from referrals.applications.uploads import MAX_ATTACHMENTS, validate_upload
from referrals.cases.identity import mask_national_id, normalise_national_id
from referrals.cases.models import Application, Attachment

YES_NO = [("yes", _("Ja")), ("no", _("Nei"))]


def _to_bool(value: object) -> bool | None:
    if value in ("yes", True):
        return True
    if value in ("no", False):
        return False
    return None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each file is checked on its own (see FilesMixin)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: object, initial: object = None) -> list[UploadedFile[bytes]]:
        single = super().clean
        if not data and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


if TYPE_CHECKING:
    _Form = forms.Form
else:
    _Form = object


class FilesMixin(_Form):
    """Checks each uploaded file by content and size. Files that pass are kept in
    ``valid_files`` even when another field (or another file) has an error, so the
    view can store them and the user never has to choose them again."""

    files_field = "files"
    existing_count = 0

    def clean_files_field(self) -> None:
        self.valid_files: list[tuple[UploadedFile[bytes], str]] = []
        files = self.cleaned_data.get(self.files_field) or []
        room = MAX_ATTACHMENTS - self.existing_count
        for uploaded in files:
            try:
                content_type = validate_upload(uploaded)
            except ValidationError as error:
                self.add_error(self.files_field, error)
                continue
            if len(self.valid_files) >= room:
                self.add_error(
                    self.files_field,
                    _("Du kan legge ved høyst 5 filer. «%(name)s» ble ikke lagt ved.")
                    % {"name": uploaded.name},
                )
                continue
            self.valid_files.append((uploaded, content_type))


# --- the eight steps ---------------------------------------------------------------


class ServiceForm(CrispyFormMixin, forms.Form):
    service_type: forms.ModelChoiceField[ServiceType] = forms.ModelChoiceField(
        label=_("Hvilken tjeneste vil du søke om?"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Velg hvilken tjeneste du søker om.")},
    )

    start_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField[ServiceType], self.fields["service_type"])
        field.queryset = service_types_open()
        # Django's way to label one form's choices; mypy reads the lambda as a method.
        field.label_from_instance = lambda service: service.tr("name")  # type: ignore[assignment]


@dataclass(frozen=True)
class Addressee:
    """Whom the questions address: "du" when applying for oneself, the person by name
    when applying for someone else ("personen" until the name is known)."""

    yourself: bool
    name: str = ""

    @classmethod
    def of(cls, application: Application) -> "Addressee":
        return cls(yourself=application.on_behalf is False, name=application.person_name)

    def says(self, you: StrOrPromise, other: StrOrPromise) -> str:
        """``you`` to oneself; ``other`` (with %(name)s) about someone else."""
        if self.yourself:
            return str(you)
        name = self.name or pgettext("the person an application is for", "personen")
        return capfirst(str(other) % {"name": name})


SOMEONE_ELSE_FIELDS = ("relation", "basis", "power_of_attorney_scope", "cannot_consent_reason")


class WhoForm(CrispyFormMixin, forms.Form):
    """One question: for oneself or for someone else. What applying for someone else
    needs comes on the next pages, only for them."""

    on_behalf = forms.ChoiceField(
        label=_("Hvem søker du for?"),
        choices=[("no", _("Meg selv")), ("yes", _("En annen person"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg om du søker for deg selv eller for en annen.")},
    )

    def clean_on_behalf(self) -> bool | None:
        on_behalf = _to_bool(self.cleaned_data["on_behalf"])
        # "Meg selv" together with answers only someone acting for another gives (a
        # form from before the questions were split, a forged request) is a
        # contradiction, not something to guess about.
        if on_behalf is False and any(self.data.get(name) for name in SOMEONE_ELSE_FIELDS):
            raise ValidationError(
                _(
                    "Du har valgt «Meg selv», men også svart som verge, fullmektig eller "
                    "pårørende. Velg «En annen person» hvis du søker for noen andre."
                ),
                code="contradiction",
            )
        return on_behalf


class BasisForm(CrispyFormMixin, forms.Form):
    """Applying for someone else: the relation and the basis, and nothing more."""

    relation = forms.ChoiceField(
        label=_("Hva er din relasjon til personen du søker for?"),
        choices=Application.Relation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg hvilken relasjon du har til personen du søker for.")},
    )
    basis = forms.ChoiceField(
        label=_("Hva er grunnlaget for at du søker for personen?"),
        choices=Application.Basis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg grunnlaget for at du søker for personen.")},
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        relation, basis = cleaned.get("relation"), cleaned.get("basis")
        Relation, Basis = Application.Relation, Application.Basis
        if not relation or not basis:
            return cleaned
        if relation == Relation.GUARDIAN and basis != Basis.GUARDIANSHIP:
            self.add_error(
                "basis",
                _("Du har svart at du er verge. Velg «Jeg er oppnevnt verge» som grunnlag."),
            )
        elif basis == Basis.GUARDIANSHIP and relation != Relation.GUARDIAN:
            self.add_error(
                "relation",
                _(
                    "Bare en oppnevnt verge kan søke med vergemål som grunnlag. Velg «Verge» "
                    "som relasjon, eller velg et annet grunnlag."
                ),
            )
        elif relation == Relation.POWER_OF_ATTORNEY and basis != Basis.POWER_OF_ATTORNEY:
            self.add_error(
                "basis",
                _("Du har svart at du er fullmektig. Velg «Jeg har fullmakt» som grunnlag."),
            )
        return cleaned


class BasisDetailsForm(CrispyFormMixin, FilesMixin, forms.Form):
    """What the chosen basis needs, and only that: the power of attorney's scope and
    the document (or a promise to send it), the guardianship document, or why the
    person cannot consent."""

    files_field = "document"

    power_of_attorney_scope = forms.CharField(
        label=_("Hva gir fullmakten deg rett til?"),
        help_text=_("For eksempel: «søke om og ta imot helse- og omsorgstjenester»."),
        max_length=500,
        error_messages={"required": _("Skriv hva fullmakten gir deg rett til.")},
    )
    cannot_consent_reason = forms.CharField(
        label=_("Hvorfor kan ikke personen samtykke?"),
        help_text=_("Skriv kort, for eksempel «far har langt kommet demens»."),
        max_length=500,
        error_messages={"required": _("Skriv kort hvorfor personen ikke kan samtykke.")},
    )
    document = MultipleFileField(
        label=_("Last opp fullmakt eller vergefullmakt"),
        help_text=_("PDF, JPEG eller PNG, høyst 10 MB."),
        required=False,
    )
    document_later = forms.BooleanField(label=_("Jeg sender fullmakten senere"), required=False)

    FIELDS_FOR_BASIS: dict[str, list[str]] = {
        Application.Basis.POWER_OF_ATTORNEY: [
            "power_of_attorney_scope",
            "document",
            "document_later",
        ],
        Application.Basis.GUARDIANSHIP: ["document"],
        Application.Basis.CANNOT_CONSENT: ["cannot_consent_reason"],
    }

    def __init__(
        self,
        *args: Any,
        basis: str,
        existing_documents: int = 0,
        existing_count: int = 0,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.basis = basis
        self.existing_documents = existing_documents
        self.existing_count = existing_count
        keep = self.FIELDS_FOR_BASIS.get(basis, [])
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "document" in self.fields and basis == Application.Basis.GUARDIANSHIP:
            self.fields["document"].label = _("Last opp vergefullmakten")
        elif "document" in self.fields:
            self.fields["document"].label = _("Last opp fullmakten")
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if "document" not in self.fields:
            self.valid_files = []
            return cleaned
        self.clean_files_field()
        has_document = self.existing_documents > 0 or bool(self.valid_files)
        if self.basis == Application.Basis.GUARDIANSHIP and not has_document:
            self.add_error("document", _("Last opp vergefullmakten (PDF, JPEG eller PNG)."))
        if (
            self.basis == Application.Basis.POWER_OF_ATTORNEY
            and not has_document
            and not cleaned.get("document_later")
        ):
            self.add_error(
                "document", _("Last opp fullmakten, eller kryss av for at du sender den senere.")
            )
        return cleaned

    @property
    def document_kind(self) -> str:
        if self.basis == Application.Basis.GUARDIANSHIP:
            return Attachment.Kind.GUARDIANSHIP
        return Attachment.Kind.POWER_OF_ATTORNEY


postcode_validator = RegexValidator(r"^\d{4}$", _("Postnummeret må ha fire sifre."))
place_validator = RegexValidator(
    r"^[^\W\d_]+(?:[ .'-]+[^\W\d_]+)*\.?$",
    _("Poststedet kan bare ha bokstaver, mellomrom og bindestrek, for eksempel Oslo."),
)


def street_field(section: str) -> forms.CharField:
    """The street (or post-box) line of a Norwegian postal address, required: letters
    go there when they are not sent digitally (referrals.letters.dispatch)."""
    return forms.CharField(
        label=_("Adresse"),
        max_length=200,
        help_text=_(
            "Gate eller vei og husnummer, eller postboks. Brev som ikke sendes digitalt, sendes hit."
        ),
        error_messages={"required": _("Skriv adressen, for eksempel Storgata 1.")},
        widget=forms.TextInput(attrs={"autocomplete": f"section-{section} street-address"}),
    )


def postcode_field(section: str) -> forms.CharField:
    return forms.CharField(
        label=_("Postnummer"),
        max_length=4,
        validators=[postcode_validator],
        error_messages={"required": _("Skriv postnummeret (fire sifre).")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": f"section-{section} postal-code"}
        ),
    )


def place_field(section: str) -> forms.CharField:
    return forms.CharField(
        label=_("Poststed"),
        max_length=100,
        validators=[place_validator],
        error_messages={"required": _("Skriv poststedet, for eksempel Oslo.")},
        widget=forms.TextInput(attrs={"autocomplete": f"section-{section} address-level2"}),
    )


class PersonForm(CrispyFormMixin, forms.Form):
    person_name = forms.CharField(
        label=_("Fullt navn"),
        max_length=200,
        error_messages={"required": _("Skriv navnet til personen søknaden gjelder.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    person_national_id = forms.CharField(
        label=_("Fødselsnummer eller D-nummer"),
        help_text=_("11 sifre. Vi viser bare de seks første sifrene senere."),
        max_length=20,
        error_messages={"required": _("Skriv fødselsnummeret eller D-nummeret (11 sifre).")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    person_address = street_field("person")
    person_postcode = postcode_field("person")
    person_place = place_field("person")
    district = forms.ModelChoiceField(
        label=_("Bydel"),
        help_text=_("Hvis du vet det. Kommunen finner det ellers ut fra adressen."),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("Vet ikke"),
    )
    person_phone = PhoneNumberFormField(label=_("Telefon"), required=False)
    person_email = forms.EmailField(
        label=_("E-post"),
        required=False,
        help_text=_("Personen får en e-post med referansenummeret når søknaden er sendt."),
        error_messages={
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.")
        },
    )
    person_language = forms.ChoiceField(
        label=_("Hvilket språk foretrekker personen?"),
        choices=Application.Language.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg hvilket språk personen foretrekker.")},
    )
    person_language_other = forms.CharField(
        label=_("Hvis annet språk: hvilket?"), max_length=100, required=False
    )
    interpreter_needed = forms.BooleanField(label=_("Personen trenger tolk"), required=False)
    interpreter_language = forms.CharField(
        label=_("Tolk på hvilket språk?"), max_length=100, required=False
    )

    def __init__(
        self,
        *args: Any,
        stored_national_id: str = "",
        verified_national_id: str = "",
        addressee: Addressee | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.addressee = addressee or Addressee(yourself=False)
        if self.addressee.yourself:
            # Applying for oneself: the questions speak to "du".
            fields = self.fields
            fields["person_name"].error_messages["required"] = _("Skriv navnet ditt.")
            fields["person_email"].help_text = _(
                "Du får en e-post med referansenummeret når søknaden er sendt."
            )
            fields["person_language"].label = _("Hvilket språk foretrekker du?")
            fields["person_language"].error_messages["required"] = _(
                "Velg hvilket språk du foretrekker."
            )
            fields["interpreter_needed"].label = _("Jeg trenger tolk")
        # A stored number is never sent back to the browser in full: the field starts
        # empty, shows the masked number, and keeps the stored one when left empty.
        self.stored_national_id = stored_national_id
        # Applying for oneself after logging in with ID-porten: the number is the
        # verified one, shown masked and read-only. Whatever is posted for it is
        # replaced before validation, so a forged request cannot change it. (Read-only
        # rather than disabled: Designsystemet greys a disabled field's text below the
        # contrast WCAG asks for.)
        self.verified_national_id = verified_national_id
        field = self.fields["person_national_id"]
        if verified_national_id:
            masked = mask_national_id(verified_national_id)
            field.required = False
            field.widget.attrs["readonly"] = True
            self.initial["person_national_id"] = masked
            if self.is_bound:
                # Bound data is a QueryDict or a dict (the stubs say Mapping).
                self.data = self.data.copy()  # type: ignore[attr-defined]
                self.data[self.add_prefix("person_national_id")] = masked  # type: ignore[index]
            field.help_text = _(
                "Bekreftet med ID-porten. Når du søker for deg selv, brukes ditt eget "
                "fødselsnummer, og det kan ikke endres."
            )
        elif stored_national_id:
            field.required = False
            field.help_text = _(
                "Lagret: %(masked)s. Skriv nummeret på nytt bare hvis du vil endre det."
            ) % {"masked": mask_national_id(stored_national_id)}

    def clean_person_national_id(self) -> str:
        if self.verified_national_id:
            return self.verified_national_id
        value = self.cleaned_data["person_national_id"]
        if not value and self.stored_national_id:
            return self.stored_national_id
        return normalise_national_id(value)

    def clean_person_email(self) -> str:
        email: str = self.cleaned_data["person_email"]
        return email.strip().lower()

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("person_language") == Application.Language.OTHER and not cleaned.get(
            "person_language_other"
        ):
            self.add_error(
                "person_language_other",
                _("Skriv hvilket språk du foretrekker.")
                if self.addressee.yourself
                else _("Skriv hvilket språk personen foretrekker."),
            )
        if cleaned.get("interpreter_needed") and not cleaned.get("interpreter_language"):
            self.add_error("interpreter_language", _("Skriv hvilket språk tolken skal snakke."))
        return cleaned


class ContactForm(CrispyFormMixin, forms.Form):
    applicant_name = forms.CharField(
        label=_("Ditt navn"),
        max_length=200,
        error_messages={"required": _("Skriv navnet ditt.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    applicant_phone = PhoneNumberFormField(label=_("Din telefon"), required=False)
    applicant_email = forms.EmailField(
        label=_("Din e-post"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.")
        },
    )
    applicant_address = street_field("applicant")
    applicant_postcode = postcode_field("applicant")
    applicant_place = place_field("applicant")
    applicant_may_receive_copies = forms.BooleanField(
        label=_("Personen har sagt ja til at jeg får kopi av brev i saken"),
        required=False,
        help_text=_("Verge og fullmektig får kopi av brevene uansett."),
    )

    def __init__(self, *args: Any, addressee: Addressee | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if addressee is not None:
            self.fields["applicant_may_receive_copies"].label = addressee.says(
                _("Jeg har sagt ja til å få kopi av brev i saken"),
                _("%(name)s har sagt ja til at jeg får kopi av brev i saken"),
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if (
            not cleaned.get("applicant_phone")
            and not cleaned.get("applicant_email")
            and not self.errors.get("applicant_email")
        ):
            self.add_error(
                "applicant_phone",
                _("Skriv telefonnummer eller e-post, så kommunen kan kontakte deg."),
            )
        return cleaned


WORKDAYS = [(str(value), label) for value, label in Weekday.choices]


class NeedForm(CrispyFormMixin, forms.Form):
    wants = forms.MultipleChoiceField(
        label=_("Hva ønsker personen seg?"),
        help_text=_("Velg alt som passer."),
        choices=Application.Want.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Velg minst én ting personen ønsker seg.")},
    )
    need_description = forms.CharField(
        label=_("Beskriv behovet"),
        help_text=_("Fortell hvordan hverdagen er nå, og hva som ville gjort den bedre."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Beskriv kort hva personen trenger hjelp til.")},
    )
    current_services = forms.CharField(
        label=_("Hvilke tjenester har personen i dag?"),
        help_text=_("For eksempel hjemmesykepleie, praktisk bistand eller avlastning."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    days = forms.MultipleChoiceField(
        label=_("Hvilke dager passer?"),
        choices=WORKDAYS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    transport_needed = forms.ChoiceField(
        label=_("Trenger personen transport?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Svar på om personen trenger transport.")},
    )
    meals_help = forms.BooleanField(label=_("Personen trenger hjelp ved måltider"), required=False)
    diet = forms.CharField(label=_("Spesialkost eller allergier"), max_length=300, required=False)
    other_information = forms.CharField(
        label=_("Annet kommunen bør vite"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        required=False,
    )

    EXTRA_FIELDS: dict[str, Callable[[], forms.Field]] = {
        Question.INTERESTS: lambda: forms.CharField(
            label=_("Hvilke interesser har personen?"),
            help_text=_("For eksempel tur, musikk, kino, fotball."),
            max_length=1000,
            required=False,
        ),
        Question.HOURS: lambda: forms.IntegerField(
            label=_("Hvor mange timer i uken ønskes?"), min_value=1, max_value=40, required=False
        ),
        Question.WORK: lambda: forms.CharField(
            label=_("Arbeidserfaring og hva personen vil jobbe med"),
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=2000,
            required=False,
        ),
        Question.DEMENTIA: lambda: forms.CharField(
            label=_("Hvordan påvirker hukommelsen hverdagen?"),
            help_text=_("Har personen en demensdiagnose, eller er det under utredning?"),
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=2000,
            required=False,
        ),
    }

    def __init__(
        self,
        *args: Any,
        service_type: ServiceType,
        addressee: Addressee | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.extra_keys = [key for key in self.EXTRA_FIELDS if service_type.asks(key)]
        for key in self.extra_keys:
            self.fields[f"extra_{key}"] = self.EXTRA_FIELDS[key]()
        readable_max_length(self)  # the extra fields too
        if addressee is not None:
            self._address(addressee)
        # The helper's layout was built from the fields before the extra ones existed.
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def _address(self, addressee: Addressee) -> None:
        """The questions in the second person, or about the person by name."""
        says = addressee.says
        fields = self.fields
        fields["wants"].label = says(_("Hva ønsker du deg?"), _("Hva ønsker %(name)s seg?"))
        fields["wants"].error_messages["required"] = says(
            _("Velg minst én ting du ønsker deg."), _("Velg minst én ting %(name)s ønsker seg.")
        )
        fields["need_description"].error_messages["required"] = says(
            _("Beskriv kort hva du trenger hjelp til."),
            _("Beskriv kort hva %(name)s trenger hjelp til."),
        )
        fields["current_services"].label = says(
            _("Hvilke tjenester har du i dag?"), _("Hvilke tjenester har %(name)s i dag?")
        )
        fields["transport_needed"].label = says(
            _("Trenger du transport?"), _("Trenger %(name)s transport?")
        )
        fields["transport_needed"].error_messages["required"] = says(
            _("Svar på om du trenger transport."), _("Svar på om %(name)s trenger transport.")
        )
        fields["meals_help"].label = says(
            _("Jeg trenger hjelp ved måltider"), _("%(name)s trenger hjelp ved måltider")
        )
        extra: dict[str, tuple[str, StrOrPromise, StrOrPromise]] = {
            Question.INTERESTS: (
                "label",
                _("Hvilke interesser har du?"),
                _("Hvilke interesser har %(name)s?"),
            ),
            Question.WORK: (
                "label",
                _("Arbeidserfaring og hva du vil jobbe med"),
                _("Arbeidserfaring og hva %(name)s vil jobbe med"),
            ),
            Question.DEMENTIA: (
                "help_text",
                _("Har du en demensdiagnose, eller er det under utredning?"),
                _("Har %(name)s en demensdiagnose, eller er det under utredning?"),
            ),
        }
        for key in self.extra_keys:
            if key in extra:
                attribute, you, other = extra[key]
                setattr(fields[f"extra_{key}"], attribute, says(you, other))

    def clean_transport_needed(self) -> bool | None:
        return _to_bool(self.cleaned_data["transport_needed"])

    def clean_days(self) -> list[int]:
        return [int(day) for day in self.cleaned_data["days"]]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        cleaned["extra_answers"] = {
            key: cleaned.pop(f"extra_{key}")
            for key in self.extra_keys
            if cleaned.get(f"extra_{key}") not in (None, "")
        }
        return cleaned

    @staticmethod
    def initial_from(application: Application) -> dict[str, object]:
        initial: dict[str, object] = {
            field: getattr(application, field)
            for field in (
                "wants",
                "need_description",
                "current_services",
                "meals_help",
                "diet",
                "other_information",
            )
        }
        initial["days"] = [str(day) for day in application.days]
        if application.transport_needed is not None:
            initial["transport_needed"] = "yes" if application.transport_needed else "no"
        for key, value in (application.extra_answers or {}).items():
            initial[f"extra_{key}"] = value
        return initial


class OffersForm(CrispyFormMixin, forms.Form):
    offers: forms.ModelMultipleChoiceField[Offer] = forms.ModelMultipleChoiceField(
        label=_("Hvilke tilbud ønsker personen?"),
        help_text=_(
            "Valgfritt. Kommunen ser på alle tilbud som passer, også andre enn dem du velger."
        ),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        service_type: ServiceType,
        addressee: Addressee | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField[Offer], self.fields["offers"])
        if addressee is not None:
            field.label = addressee.says(
                _("Hvilke tilbud ønsker du?"), _("Hvilke tilbud ønsker %(name)s?")
            )
        field.queryset = offers_for_service_type(service_type)
        field.label_from_instance = lambda offer: (  # type: ignore[assignment]  # as above
            f"{offer.tr('title')} ({offer.unit.name})"
        )


class AttachmentsForm(CrispyFormMixin, FilesMixin, forms.Form):
    # A field named "files": Django moves declared fields into ``base_fields``, so
    # ``self.files`` stays the uploaded files.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Velg filer"),
        help_text=_(
            "PDF, JPEG eller PNG, høyst 10 MB per fil og 5 filer til sammen. Vedlegg er frivillig."
        ),
        required=False,
    )

    def __init__(self, *args: Any, existing_count: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing_count = existing_count

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        self.clean_files_field()
        return cleaned


class ConfirmForm(CrispyFormMixin, forms.Form):
    confirmed_truthful = forms.BooleanField(
        label=_(
            "Jeg bekrefter at opplysningene er riktige og fullstendige, og at kommunen kan "
            "behandle dem for å avgjøre søknaden"
        ),
        error_messages={
            "required": _("Bekreft at opplysningene er riktige før du sender søknaden.")
        },
    )


# --- after submission ----------------------------------------------------------------


class ReplyForm(CrispyFormMixin, FilesMixin, forms.Form):
    body = forms.CharField(
        label=_("Ditt svar"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Skriv svaret ditt.")},
    )
    # A field named "files": Django moves declared fields into ``base_fields``, so
    # ``self.files`` stays the uploaded files.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Legg ved filer"),
        help_text=_("PDF, JPEG eller PNG, høyst 10 MB per fil."),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing_count = 0

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        self.clean_files_field()
        return cleaned


class DocumentsForm(CrispyFormMixin, FilesMixin, forms.Form):
    # A field named "files": Django moves declared fields into ``base_fields``, so
    # ``self.files`` stays the uploaded files.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Velg filer"),
        help_text=_("PDF, JPEG eller PNG, høyst 10 MB per fil og 5 filer om gangen."),
        error_messages={"required": _("Velg minst én fil.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing_count = 0

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        self.clean_files_field()
        return cleaned


class AppealForm(CrispyFormMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Hvorfor klager du?"),
        help_text=_("Skriv hva i vedtaket du mener er feil, og hvorfor."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": _("Skriv hvorfor du klager på vedtaket.")},
    )
    wanted_outcome = forms.CharField(
        label=_("Hva ønsker du at kommunen skal endre?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
