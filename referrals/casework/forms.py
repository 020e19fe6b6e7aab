"""Forms for the casework pages. They clean and normalise input only; saving is done by
``referrals.casework.services``."""

import functools
from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from catalogue.models import District, Offer, ServiceType, Unit, Weekday
from portal.compiled import CompiledQuery, compile_once, run
from portal.forms import CrispyFormMixin
from portal.models import User
from referrals.applications.forms import place_field, postcode_field, street_field
from referrals.capacity import selectors as capacity_selectors
from referrals.cases import staff_cache
from referrals.cases.identity import looks_like_national_id, normalise_national_id
from referrals.cases.models import Application, Consultation, Decision
from referrals.cases.presentation import staff_status_choices
from referrals.casework.models import AppealForwarding, Assessment
from referrals.casework.selectors import QueueFilters


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, object] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _no_national_id(value: str) -> None:
    if looks_like_national_id(value):
        raise forms.ValidationError(
            _(
                "Søk på referanse eller navn her. Fødselsnummer søker du på i skjemaet "
                "«Finn saker for en person»."
            ),
            code="national_id",
        )


class QueueFilterForm(CrispyFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Søk på referanse eller navn"),
        required=False,
        max_length=100,
        validators=[_no_national_id],
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    # The choices show each term's name in the reader's language (str()); a service
    # type's long texts and questions stay unread.
    service_type = forms.ModelChoiceField(
        label=_("Tjenestetype"),
        queryset=ServiceType.objects.only("name", "name_nn", "name_en"),
        required=False,
        empty_label=_("Alle"),
    )
    district = forms.ModelChoiceField(
        label=_("Bydel"),
        queryset=District.objects.only("name", "name_nn", "name_en"),
        required=False,
        empty_label=_("Alle"),
    )
    assigned = forms.ChoiceField(
        label=_("Saksbehandler"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("me", _("Mine saker")),
            ("unassigned", _("Ikke tildelt")),
        ],
    )
    overdue = forms.BooleanField(label=_("Bare saker over fristen"), required=False)
    due_soon = forms.BooleanField(label=_("Frist innen 7 dager"), required=False)
    needs_preliminary = forms.BooleanField(
        label=_("Trenger foreløpig svar (eldre enn en måned)"), required=False
    )
    appeal_deadline = forms.ChoiceField(
        label=_("Klager til behandling"),
        help_text=_(
            "Klager kommunen ennå ikke har behandlet, etter fristen for å sende dem videre."
        ),
        required=False,
        choices=[
            ("", _("Alle saker")),
            ("near", _("Fristen nærmer seg (innen 7 dager)")),
            ("past", _("Fristen er passert")),
        ],
    )
    appeal_stage = forms.ChoiceField(
        label=_("Klager sendt til Statsforvalteren"),
        required=False,
        choices=[
            ("", _("Alle saker")),
            ("forwarded", _("Venter på Statsforvalterens avgjørelse")),
            ("new_decision", _("Opphevet eller endret: nytt vedtak trengs")),
        ],
    )
    awaiting_approval = forms.BooleanField(
        label=_("Vedtak som venter på godkjenning"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [("", _("Alle"))] + [
            (value, label)
            for value, label in staff_status_choices()
            if value != Application.Status.DRAFT
        ]
        # The service types and districts, read with SQL compiled once per process
        # (form_html would read them through the ORM to render and key the form).
        for name in TERM_FIELDS:
            field = cast(forms.ModelChoiceField[Any], self.fields[name])
            assert field.queryset is not None  # both are declared with theirs
            terms = run(field.queryset, _terms_query(name, connection.vendor), {})
            iterator = field.iterator(field)
            field.choices = [("", field.empty_label), *(iterator.choice(term) for term in terms)]

    def filters(self) -> QueueFilters:
        if not self.is_valid():
            return QueueFilters()
        data = self.cleaned_data
        return QueueFilters(
            status=data["status"],
            service_type=data["service_type"].pk if data["service_type"] else None,
            district=data["district"].pk if data["district"] else None,
            assigned=data["assigned"],
            overdue=data["overdue"],
            due_soon=data["due_soon"],
            needs_preliminary=data["needs_preliminary"],
            appeal_deadline=data["appeal_deadline"],
            appeal_stage=data["appeal_stage"],
            awaiting_approval=data["awaiting_approval"],
            q=data["q"].strip(),
        )


TERM_FIELDS = ("service_type", "district")


@functools.cache
def _terms_query(name: str, vendor: str) -> CompiledQuery:
    """The choices of QueueFilterForm's field ``name`` (its declared queryset, a fixed
    query), compiled once per process: compiling the two queries cost more CPU than
    running them, on every queue page."""
    field = cast(forms.ModelChoiceField[Any], QueueFilterForm.base_fields[name])
    assert field.queryset is not None
    return compile_once(field.queryset, {})


class PersonSearchForm(CrispyFormMixin, forms.Form):
    """A person's cases by national identity number. Sent by POST only, so the number
    never travels in a URL."""

    national_id = forms.CharField(
        label=_("Fødselsnummer eller D-nummer"),
        help_text=_("11 sifre."),
        max_length=20,
        error_messages={"required": _("Skriv fødselsnummeret eller D-nummeret.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def clean_national_id(self) -> str:
        return normalise_national_id(self.cleaned_data["national_id"])


class AssignForm(CrispyFormMixin, forms.Form):
    assignee: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Tildel til"), queryset=None, empty_label=None
    )

    def __init__(
        self,
        *args: Any,
        colleagues: QuerySet[User] | None = None,
        choices: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField[User], self.fields["assignee"])
        if colleagues is None:
            # Only shown, never validated: the case page's form, with its choices given
            # (building the colleagues' query cost more than the rest of the form). It
            # keeps the declared queryset (None): nothing reads it.
            assert choices is not None and not self.is_bound  # noqa: S101
        else:
            field.queryset = colleagues
        if choices is not None and not self.is_bound:
            # The case page shows the form: its choices from the cache
            # (casework.selectors.colleague_choices); a posted form is validated
            # against ``colleagues``.
            field.choices = choices


class CloseForm(CrispyFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor avsluttes saken?"),
        help_text=_("Begrunnelsen vises på tidslinjen til saken."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Skriv hvorfor saken avsluttes.")},
    )


class NoteForm(CrispyFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Internt notat"),
        help_text=_("Vises bare for saksbehandlere, aldri for innbyggeren."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": _("Skriv notatet.")},
    )


class ConsultForm(CrispyFormMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Enhet"),
        queryset=Unit.objects.none(),
        empty_label=_("Velg enhet"),
        error_messages={"required": _("Velg enheten du vil drøfte saken med.")},
    )
    question = forms.CharField(
        label=_("Hva vil du drøfte?"),
        help_text=_(
            "Enhetslederne får en e-post med referansenummer og lenke. Teksten vises aldri "
            "for innbyggeren."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": _("Skriv hva du vil drøfte.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField[Unit], self.fields["unit"])
        if self.is_bound:
            field.queryset = Unit.objects.filter(kind=Unit.Kind.MUNICIPAL).order_by("name")
        else:
            # Shown on every case page: the choices from the cache; a posted form is
            # validated against the queryset.
            field.choices = [("", field.empty_label), *staff_cache.municipal_unit_choices()]


class AnswerConsultationForm(CrispyFormMixin, forms.Form):
    answer = forms.CharField(
        label=_("Svar"),
        help_text=_("Svaret vises på saken for saksbehandlerne, aldri for innbyggeren."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": _("Skriv svaret.")},
    )
    has_free_place = forms.BooleanField(
        label=_("Enheten har ledig plass til søkeren"),
        help_text=_("Saksbehandleren kan da innvilge et av enhetens tilbud."),
        required=False,
    )


class ReturnDecisionForm(CrispyFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Hva må rettes?"),
        help_text=_("Saksbehandleren som skrev vedtaket, ser kommentaren. Den er intern."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": _("Skriv hva som må rettes.")},
    )


class RequestInformationForm(CrispyFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Hvilke opplysninger trenger du?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Skriv hvilke opplysninger du trenger.")},
    )
    reply_by = forms.DateField(
        label=_("Svarfrist"),
        widget=DateInput(),
        error_messages={
            "required": _("Velg en svarfrist."),
            "invalid": _("Skriv datoen som dd.mm.åååå."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reply_by"].initial = timezone.localdate() + timedelta(days=14)

    def clean_reply_by(self) -> date:
        reply_by: date = self.cleaned_data["reply_by"]
        if reply_by <= timezone.localdate():
            raise forms.ValidationError(_("Svarfristen må være etter i dag."))
        return reply_by


class DecisionForm(CrispyFormMixin, forms.Form):
    decisions_seen = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    outcome = forms.ChoiceField(
        label=_("Utfall"),
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg utfall.")},
    )
    legal_basis = forms.ChoiceField(
        label=_("Hjemmel"), error_messages={"required": _("Velg hjemmel.")}
    )
    facts = forms.CharField(
        label=_("Faktiske forhold"),
        help_text=_("Hva kommunen har lagt til grunn (forvaltningsloven § 25)."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Skriv de faktiske forholdene.")},
    )
    reasons = forms.CharField(
        label=_("Begrunnelse"),
        help_text=_(
            "Hvorfor kommunen har kommet til dette resultatet (forvaltningsloven §§ 24–25)."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Skriv begrunnelsen.")},
    )
    offer = forms.ModelChoiceField(
        label=_("Tilbud"),
        help_text=_(
            "Ledige plasser per ukedag fra startdatoen (fra i dag når startdatoen ikke er "
            "valgt). Tilbud hos en enhet som har svart at den har ledig plass, er også med."
        ),
        queryset=Offer.objects.none(),
        required=False,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Dager"),
        choices=[(day.value, day.label) for day in Weekday if day.value < 5],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    hours = forms.CharField(
        label=_("Tidsrom"), help_text=_("For eksempel 09.00–15.00."), required=False, max_length=100
    )
    start_date = forms.DateField(label=_("Startdato"), widget=DateInput(), required=False)
    grant_without_place = forms.BooleanField(
        label=_("Innvilg også dager uten ledig plass"),
        help_text=_("Søkeren settes på venteliste for dagene som er fulle."),
        required=False,
    )
    review_date = forms.DateField(
        label=_("Dato for ny vurdering"),
        help_text=_("Et vedtak om tjeneste er tidsbegrenset eller har en dato for ny vurdering."),
        widget=DateInput(),
        required=False,
    )
    transport = forms.BooleanField(label=_("Transport inngår"), required=False)
    meals = forms.BooleanField(label=_("Måltider inngår"), required=False)
    egenandel = forms.CharField(
        label=_("Egenandel"),
        help_text=_("For eksempel «kr 95 per dag for mat». La stå tomt hvis gratis."),
        required=False,
        max_length=200,
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bases = [
            line.strip()
            for line in (application.service_type.legal_basis or "").splitlines()
            if line.strip()
        ] or [str(_("helse- og omsorgstjenesteloven § 3-2"))]
        cast(forms.ChoiceField, self.fields["legal_basis"]).choices = [
            (basis, basis) for basis in bases
        ]
        self.application = application
        # Every offer that can deliver the service: of the service applied for, or at a
        # unit that answered a consultation on this case with a free place.
        consulted = Consultation.objects.filter(
            application=application, answered_at__isnull=False, has_free_place=True
        ).values("unit_id")
        self.first_day = self._start_from_data() or timezone.localdate()
        offers = Offer.objects.filter(
            Q(service_type=application.service_type)
            | Q(participation=Offer.Participation.APPLICATION, unit__in=consulted)
        ).select_related("unit")
        field = cast(forms.ModelChoiceField[Offer], self.fields["offer"])
        field.queryset = capacity_selectors.with_free_places(
            offers, first_day=self.first_day, exclude_application=application.pk
        )
        field.label_from_instance = self._offer_label  # type: ignore[method-assign,assignment]
        self.days_without_place: list[int] = []

    def _start_from_data(self) -> date | None:
        """The start date typed so far (the free places are counted from it)."""
        if not self.is_bound:
            return None
        try:
            value: date | None = self.fields["start_date"].clean(
                self.data.get(self.add_prefix("start_date"))
            )
        except forms.ValidationError:
            return None
        return value

    def _offer_label(self, offer: Offer) -> str:
        name = offer.title
        free = capacity_selectors.free_by_weekday(offer)
        if offer.capacity_per_day is None:
            return name
        days = ", ".join(
            f"{Weekday(day).label} {count}" for day, count in free.items() if count is not None
        )
        return str(
            _("%(offer)s – ledige plasser fra %(date)s: %(days)s")
            % {"offer": name, "date": self.first_day.strftime("%d.%m.%Y"), "days": days}
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("outcome") in Decision.GRANTING:
            if not data.get("offer"):
                self.add_error("offer", _("Velg tilbudet som innvilges."))
            if not data.get("weekdays"):
                self.add_error("weekdays", _("Velg minst én dag."))
            if not data.get("start_date"):
                self.add_error("start_date", _("Velg startdato."))
            if not data.get("review_date"):
                self.add_error("review_date", _("Velg dato for ny vurdering."))
            start, review = data.get("start_date"), data.get("review_date")
            if start and review and review <= start:
                self.add_error(
                    "review_date", _("Datoen for ny vurdering må være etter startdatoen.")
                )
            self._check_places(data)
        return data

    def _check_places(self, data: dict[str, Any]) -> None:
        """Days granted without a free place put the person on the waiting list: only
        when the caseworker has ticked that they mean it."""
        offer, weekdays, start = data.get("offer"), data.get("weekdays"), data.get("start_date")
        if not (offer and weekdays and start):
            return
        free = capacity_selectors.free_by_weekday(offer)
        self.days_without_place = [day for day in weekdays if free.get(day) == 0]
        if self.days_without_place and not data.get("grant_without_place"):
            self.add_error(
                "weekdays",
                _(
                    "%(offer)s har ingen ledig plass fra %(date)s på %(days)s. Velg andre "
                    "dager, eller kryss av for å innvilge likevel: søkeren settes da på "
                    "venteliste for disse dagene."
                )
                % {
                    "offer": offer.title,
                    "date": start.strftime("%d.%m.%Y"),
                    "days": ", ".join(str(Weekday(d).label) for d in self.days_without_place),
                },
            )


class PreliminaryReplyForm(CrispyFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor tar saken tid?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Skriv hvorfor saken tar tid.")},
    )
    expected_date = forms.DateField(
        label=_("Forventet svar innen"),
        widget=DateInput(),
        error_messages={
            "required": _("Velg når søkeren kan vente svar."),
            "invalid": _("Skriv datoen som dd.mm.åååå."),
        },
    )

    def clean_expected_date(self) -> date:
        expected: date = self.cleaned_data["expected_date"]
        if expected <= timezone.localdate():
            raise forms.ValidationError(_("Datoen for forventet svar må være etter i dag."))
        return expected


class PaperAppealForm(CrispyFormMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Klagen (begrunnelse)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv inn klagen.")},
    )
    wanted_outcome = forms.CharField(
        label=_("Hva klageren ønsker endret"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    received_on = forms.DateField(
        label=_("Mottatt dato"),
        widget=DateInput(),
        error_messages={
            "required": _("Velg datoen klagen ble mottatt."),
            "invalid": _("Skriv datoen som dd.mm.åååå."),
        },
    )

    def clean_received_on(self) -> date:
        received: date = self.cleaned_data["received_on"]
        if received > timezone.localdate():
            raise forms.ValidationError(_("Mottatt dato kan ikke være frem i tid."))
        return received


class ForwardAppealForm(CrispyFormMixin, forms.Form):
    reassessment = forms.CharField(
        label=_("Kommunens nye vurdering av saken"),
        help_text=_(
            "Hva kommunen har vurdert på nytt etter klagen, og hva den kom fram til "
            "(forvaltningsloven § 33). Følger saken til Statsforvalteren."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Skriv kommunens nye vurdering av saken.")},
    )
    comments = forms.CharField(
        label=_("Kommunens merknader til klagen"),
        help_text=_("Hvorfor kommunen opprettholder vedtaket. Følger saken til Statsforvalteren."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Skriv kommunens merknader.")},
    )


class StatsforvalterOutcomeForm(CrispyFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Statsforvalterens avgjørelse"),
        choices=AppealForwarding.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg Statsforvalterens avgjørelse.")},
    )
    outcome_date = forms.DateField(
        label=_("Dato for Statsforvalterens avgjørelse"),
        widget=DateInput(),
        error_messages={
            "required": _("Velg datoen Statsforvalteren avgjorde klagen."),
            "invalid": _("Skriv datoen som dd.mm.åååå."),
        },
    )
    note = forms.CharField(
        label=_("Hva Statsforvalteren kom fram til"),
        help_text=_("Kort om avgjørelsen og begrunnelsen. Innbyggeren ser dette på sin side."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv kort hva Statsforvalteren kom fram til.")},
    )

    def clean_outcome_date(self) -> date:
        day: date = self.cleaned_data["outcome_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Datoen kan ikke være frem i tid."))
        return day


class AssessmentForm(CrispyFormMixin, forms.ModelForm[Assessment]):
    """Cleans the assessment; ``casework.save_assessment`` saves it."""

    class Meta:
        model = Assessment
        fields = [
            "functional_level",
            "functional_notes",
            "social_network",
            "relative_burden",
            "respite_needed",
            "transport_needed",
            "meals_help_needed",
            "interests",
            "notes",
        ]
        widgets = {
            "functional_level": forms.RadioSelect,
            "relative_burden": forms.RadioSelect,
            "functional_notes": forms.Textarea(attrs={"rows": 3}),
            "social_network": forms.Textarea(attrs={"rows": 3}),
            "interests": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("functional_level", "relative_burden"):
            field = cast(forms.ChoiceField, self.fields[name])
            # (value, label) pairs from the model field; the stubs give the setter's type.
            choices = cast(list[tuple[str, StrOrPromise]], field.choices)
            field.choices = [choice for choice in choices if choice[0] != ""]


class PostalAddressForm(CrispyFormMixin, forms.Form):
    """The postal address of the person the case is about, validated as in the
    application wizard. A case made on the person's behalf gets
    ``RepresentedPostalAddressForm`` (``postal_address_form`` picks): each class has
    its own fields, so the crispy layout (built from the fields) always fits."""

    person_address = street_field("person")
    person_postcode = postcode_field("person")
    person_place = place_field("person")

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {name: getattr(application, name) for name in self.base_fields}
        )
        super().__init__(*args, **kwargs)


class RepresentedPostalAddressForm(PostalAddressForm):
    """With the representative's address, which may be left empty as a whole (not
    known); filled, it is validated like the person's."""

    applicant_address = street_field("applicant")
    applicant_postcode = postcode_field("applicant")
    applicant_place = place_field("applicant")

    REPRESENTATIVE_FIELDS = ("applicant_address", "applicant_postcode", "applicant_place")

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, application=application, **kwargs)
        self.fields["person_address"].label = _("Adressen til personen søknaden gjelder")
        self.fields["applicant_address"].label = _("Adressen til representanten")
        self.fields["applicant_address"].help_text = _(
            "Verge, fullmektig eller den som har fått kopi av brevene. La feltene stå tomme "
            "hvis adressen ikke er kjent."
        )
        filled = any(
            str(self.data.get(self.add_prefix(name), "")).strip()
            for name in self.REPRESENTATIVE_FIELDS
        )
        if not filled:
            for name in self.REPRESENTATIVE_FIELDS:
                self.fields[name].required = False


def postal_address_form(*args: Any, application: Application, **kwargs: Any) -> PostalAddressForm:
    """The address form that fits the case."""
    form_class = RepresentedPostalAddressForm if application.on_behalf else PostalAddressForm
    return form_class(*args, application=application, **kwargs)


def postal_addresses(data: dict[str, Any], *, on_behalf: bool) -> dict[str, Any]:
    """The keyword arguments of ``services.update_postal_addresses`` from the cleaned
    data of ``postal_address_form``."""

    def address(prefix: str) -> dict[str, str]:
        return {
            "street": data[f"{prefix}_address"],
            "postcode": data[f"{prefix}_postcode"],
            "place": data[f"{prefix}_place"],
        }

    representative = None
    if on_behalf and data.get("applicant_address"):
        representative = address("applicant")
    return {"person": address("person"), "representative": representative}
