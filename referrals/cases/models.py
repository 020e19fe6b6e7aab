"""The case: an application for an individual service and what is recorded on it.

Every room builds on these: the citizen's application (``referrals.applications``),
casework, letters, capacity, reporting and records. Who handles a case, the access log,
consultations and the content of a decision live here too, because more than one room
reads them. Texts here are stored data; the application's own status words for citizens
are in ``Application.Status``.
"""

import uuid
from datetime import date, datetime, timedelta
from pathlib import PurePosixPath
from typing import Any, NoReturn, NotRequired, Self, TypedDict

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import APPEAL_WEEKS, AppealBasis, Offer, ServiceType
from portal.phone import PhoneNumberField
from referrals.cases.deadlines import appeal_deadline
from referrals.cases.identity import mask_national_id


class ReferenceSequence(models.Model):
    """The last reference number handed out per year (2026-000123). Locked while
    incremented, so concurrent submissions never share a number."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("referansenummerserie")
        verbose_name_plural = _("referansenummerserier")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class ApplicationQuerySet(models.QuerySet["Application"]):
    def drafts(self) -> Self:
        return self.filter(status=Application.Status.DRAFT)

    def submitted(self) -> Self:
        return self.exclude(status=Application.Status.DRAFT)

    def stale_drafts(self, *, now: datetime | None = None) -> Self:
        now = now or timezone.now()
        return self.drafts().filter(updated_at__lt=now - timedelta(days=DRAFT_RETENTION_DAYS))


DRAFT_RETENTION_DAYS = 30


class Application(models.Model):
    """One application for one service, from the first step (a draft) through the
    decision and any appeal."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast, ikke sendt")
        SUBMITTED = "submitted", _("Sendt")
        RECEIVED = "received", _("Mottatt av kommunen")
        UNDER_ASSESSMENT = "assessment", _("Under behandling")
        AWAITING_INFORMATION = "awaiting_information", _("Venter på opplysninger fra deg")
        DECIDED = "decided", _("Vedtak fattet")
        APPEALED = "appealed", _("Klage mottatt")
        WITHDRAWN = "withdrawn", _("Trukket tilbake")
        CLOSED = "closed", _("Avsluttet")

    class Relation(models.TextChoices):
        RELATIVE = "relative", _("Pårørende")
        GUARDIAN = "guardian", _("Verge")
        POWER_OF_ATTORNEY = "power_of_attorney", _("Fullmektig (har fullmakt)")
        PROFESSIONAL = "professional", _("Fagperson (for eksempel fastlege eller hjemmetjeneste)")

    class Basis(models.TextChoices):
        CONSENT = "consent", _("Personen har samtykket til at jeg søker")
        POWER_OF_ATTORNEY = "power_of_attorney", _("Jeg har fullmakt")
        GUARDIANSHIP = "guardianship", _("Jeg er oppnevnt verge")
        CANNOT_CONSENT = "cannot_consent", _("Personen kan ikke samtykke")

    class Want(models.TextChoices):
        COMPANY = "company", _("Selskap og noen å snakke med")
        MEANINGFUL = "meaningful", _("Noe meningsfylt å gjøre")
        PHYSICAL = "physical", _("Fysisk aktivitet")
        RESPITE = "respite", _("Avlastning for pårørende")

    class Identity(models.TextChoices):
        """How the identity number of the person the application is about is known."""

        VERIFIED = "idporten", _("Bekreftet med ID-porten")
        STATED = "stated", _("Oppgitt av søkeren, ikke bekreftet")

    class Language(models.TextChoices):
        NB = "nb", _("Norsk bokmål")
        NN = "nn", _("Norsk nynorsk")
        EN = "en", _("Engelsk")
        OTHER = "other", _("Annet språk")

    # Status groups used by the citizen pages and the casework side.
    OPEN_STATUSES = (
        Status.SUBMITTED,
        Status.RECEIVED,
        Status.UNDER_ASSESSMENT,
        Status.AWAITING_INFORMATION,
    )
    CLOSED_STATUSES = (Status.WITHDRAWN, Status.CLOSED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # From the start form: a double click on "start" finds the draft the first click made.
    start_token = models.UUIDField(null=True, blank=True, editable=False)
    reference = models.CharField(_("referanse"), max_length=20, unique=True, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("tjenestetype"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("søker"),
        on_delete=models.PROTECT,
        related_name="applications_filed",
    )

    # Step 2: who is applying, and on what basis.
    on_behalf = models.BooleanField(_("på vegne av en annen"), null=True, blank=True)
    relation = models.CharField(_("relasjon"), max_length=30, choices=Relation.choices, blank=True)
    power_of_attorney_scope = models.CharField(_("fullmaktens omfang"), max_length=500, blank=True)
    basis = models.CharField(_("grunnlag"), max_length=30, choices=Basis.choices, blank=True)
    cannot_consent_reason = models.CharField(
        _("hvorfor personen ikke kan samtykke"), max_length=500, blank=True
    )
    document_later = models.BooleanField(_("dokument ettersendes"), default=False)

    # Step 3: the person it is about. The identity number is shown masked only.
    person_name = models.CharField(_("navn"), max_length=200, blank=True)
    person_national_id = models.CharField(
        _("fødselsnummer"), max_length=11, blank=True, db_index=True
    )
    # Set only by services.submit_application: "verified" when the applicant applied
    # for themselves in a session logged in with ID-porten whose pid is this number;
    # otherwise the number is only what the applicant typed. Never from form input.
    person_identity = models.CharField(
        _("identitet"),
        max_length=20,
        choices=Identity.choices,
        default=Identity.STATED,
        editable=False,
    )
    person_address = models.CharField(_("adresse"), max_length=200, blank=True)
    person_postcode = models.CharField(_("postnummer"), max_length=4, blank=True)
    person_place = models.CharField(_("poststed"), max_length=100, blank=True)
    # Which district's caseworkers handle the case (the casework queue filters on it).
    district = models.ForeignKey(
        "catalogue.District",
        verbose_name=_("bydel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    person_phone = PhoneNumberField(_("telefon"), max_length=30, blank=True)
    person_email = models.EmailField(_("e-post"), blank=True)
    person_language = models.CharField(
        _("foretrukket språk"), max_length=10, choices=Language.choices, blank=True
    )
    person_language_other = models.CharField(_("annet språk"), max_length=100, blank=True)
    interpreter_needed = models.BooleanField(_("trenger tolk"), default=False)
    interpreter_language = models.CharField(_("tolkespråk"), max_length=100, blank=True)

    # A caregiver's own application (pårørendestøtte, ``ServiceType.for_caregivers``):
    # the caregiver is the applicant and the person above (the party); the person they
    # care for is named here, and the care burden described. The identity number is
    # optional and, like the party's, only ever shown masked (never in URLs, logs or
    # e-mails).
    class CaredForConsent(models.TextChoices):
        CONSENT = "consent", _("Personen har samtykket til at jeg søker")
        CANNOT_CONSENT = "cannot_consent", _("Personen kan ikke samtykke")

    class CareDuration(models.TextChoices):
        UNDER_6_MONTHS = "under_6_months", _("Mindre enn et halvt år")
        UNDER_1_YEAR = "under_1_year", _("Et halvt til ett år")
        UNDER_3_YEARS = "under_3_years", _("Ett til tre år")
        OVER_3_YEARS = "over_3_years", _("Mer enn tre år")

    cared_for_name = models.CharField(_("navn på den som får omsorg"), max_length=200, blank=True)
    cared_for_birth_year = models.PositiveSmallIntegerField(
        _("fødselsår til den som får omsorg"), null=True, blank=True
    )
    cared_for_national_id = models.CharField(
        _("fødselsnummer til den som får omsorg"), max_length=11, blank=True
    )
    cared_for_relation = models.CharField(
        _("søkerens relasjon til den som får omsorg"), max_length=100, blank=True
    )
    cared_for_consent = models.CharField(
        _("samtykke fra den som får omsorg"),
        max_length=20,
        choices=CaredForConsent.choices,
        blank=True,
    )
    cared_for_no_consent_reason = models.CharField(
        _("hvorfor den som får omsorg ikke kan samtykke"), max_length=500, blank=True
    )
    care_hours_per_week = models.PositiveSmallIntegerField(
        _("omsorgstimer per uke"), null=True, blank=True
    )
    care_nights_per_month = models.PositiveSmallIntegerField(
        _("netter med omsorg per måned"), null=True, blank=True
    )
    care_duration = models.CharField(
        _("hvor lenge omsorgen har vart"), max_length=20, choices=CareDuration.choices, blank=True
    )
    care_tasks = models.TextField(_("omsorgsoppgavene"), blank=True)

    # Step 4: the applicant's contact details (when on behalf).
    applicant_name = models.CharField(_("søkers navn"), max_length=200, blank=True)
    applicant_phone = PhoneNumberField(_("søkers telefon"), max_length=30, blank=True)
    applicant_email = models.EmailField(_("søkers e-post"), blank=True)
    applicant_may_receive_copies = models.BooleanField(
        _("søker kan få kopi av brev"), default=False
    )
    # Where paper copies of the letters go (step 4); the person's own postal address
    # is ``person_address``/``person_postcode``/``person_place`` (step 3).
    applicant_address = models.CharField(_("søkers adresse"), max_length=200, blank=True)
    applicant_postcode = models.CharField(_("søkers postnummer"), max_length=4, blank=True)
    applicant_place = models.CharField(_("søkers poststed"), max_length=100, blank=True)
    # Set when the person ended the access of the one who applied on their behalf
    # (``services.end_representative_access``; what follows: ``referrals.cases.representation``).
    representative_access_ended_at = models.DateTimeField(
        _("søkers tilgang avsluttet"), null=True, blank=True
    )
    representative_access_ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("søkers tilgang avsluttet av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # Step 5: the need.
    wants = models.JSONField(_("ønsker"), default=list, blank=True)
    need_description = models.TextField(_("beskrivelse av behovet"), blank=True)
    current_services = models.TextField(_("tjenester i dag"), blank=True)
    days = models.JSONField(_("dager som passer"), default=list, blank=True)
    transport_needed = models.BooleanField(_("trenger transport"), null=True, blank=True)
    meals_help = models.BooleanField(_("hjelp ved måltider"), default=False)
    diet = models.CharField(_("spesialkost"), max_length=300, blank=True)
    other_information = models.TextField(_("andre opplysninger"), blank=True)
    extra_answers = models.JSONField(_("svar på tilleggsspørsmål"), default=dict, blank=True)

    # Step 6.
    preferred_offers = models.ManyToManyField(
        "catalogue.Offer", verbose_name=_("ønskede tilbud"), blank=True, related_name="applications"
    )

    # Step 8.
    confirmed_truthful = models.BooleanField(_("bekreftet riktig og fullstendig"), default=False)
    language = models.CharField(_("søkers språk"), max_length=5, default="nb")
    furthest_step = models.PositiveSmallIntegerField(default=1)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    submitted_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    due_date = models.DateField(_("forventet vedtak innen"), null=True, blank=True)
    decided_at = models.DateTimeField(_("vedtatt"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("trukket"), null=True, blank=True)
    # Set by the casework side (issue 5): who handles the case.
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saksbehandler"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications_handled",
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("søknad")
        verbose_name_plural = _("søknader")
        ordering = ["-submitted_at", "-created_at"]
        permissions = [
            ("decide_application", _("Kan fatte vedtak i søknader")),
            # Four eyes: the approver role (portal.roles.Role.APPROVER).
            ("approve_decision", _("Kan godkjenne vedtak som krever to godkjenninger")),
        ]
        # The caseworkers' queue sorts by deadline and counts per status within a
        # caseworker's scope (service type, district); measured in bench/casework.py.
        indexes = [
            models.Index(fields=["due_date", "submitted_at", "id"], name="application_queue_order"),
            models.Index(
                fields=["service_type", "district", "status"], name="application_scope_status"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(reference__isnull=False),
                name="application_submitted_has_reference",
            ),
            models.UniqueConstraint(
                fields=["applicant", "start_token"], name="application_unique_start_token"
            ),
        ]

    def __str__(self) -> str:
        return self.reference or f"draft {self.public_id}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def masked_national_id(self) -> str:
        return mask_national_id(self.person_national_id)

    @property
    def masked_cared_for_national_id(self) -> str:
        return mask_national_id(self.cared_for_national_id)

    @property
    def for_caregiver(self) -> bool:
        """A caregiver's own application (the service type says so)."""
        return self.service_type.for_caregivers

    @property
    def identity_verified(self) -> bool:
        return self.person_identity == self.Identity.VERIFIED

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def can_withdraw(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def can_add_documents(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def draft_expires_on(self) -> date:
        return timezone.localdate(self.updated_at) + timedelta(days=DRAFT_RETENTION_DAYS)


def attachment_upload_to(instance: "Attachment", filename: str) -> str:
    # The stored name is generated by the server; the user's file name is kept only as
    # a label. The extension follows the detected type, never the uploaded name.
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        instance.content_type, "bin"
    )
    return str(PurePosixPath("applications") / uuid.uuid4().hex / f"{uuid.uuid4().hex}.{extension}")


class Attachment(models.Model):
    """A document attached to an application (at any step, or with a message reply)."""

    class Kind(models.TextChoices):
        POWER_OF_ATTORNEY = "power_of_attorney", _("Fullmakt")
        GUARDIANSHIP = "guardianship", _("Vergefullmakt")
        DOCUMENT = "document", _("Dokument")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    message = models.ForeignKey(
        "Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments"
    )
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.DOCUMENT)
    file = models.FileField(_("fil"), upload_to=attachment_upload_to, max_length=200)
    original_name = models.CharField(_("filnavn"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("størrelse i byte"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    after_submission = models.BooleanField(_("ettersendt"), default=False)

    class Meta:
        verbose_name = _("vedlegg")
        verbose_name_plural = _("vedlegg")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ApplicationEvent(models.Model):
    """One line on the application's timeline."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Søknaden ble sendt")
        STATUS_CHANGED = "status_changed", _("Status endret")
        MESSAGE_FROM_MUNICIPALITY = "message_in", _("Melding fra kommunen")
        MESSAGE_FROM_APPLICANT = "message_out", _("Svar fra deg")
        DOCUMENTS_ADDED = "documents_added", _("Dokumenter ettersendt")
        WITHDRAWN = "withdrawn", _("Søknaden ble trukket tilbake")
        DECIDED = "decided", _("Vedtak fattet")
        APPEALED = "appealed", _("Klage sendt")
        REPRESENTATIVE_ACCESS_ENDED = (
            "representative_access_ended",
            _("Personen saken gjelder avsluttet søkerens tilgang"),
        )
        INTERNAL = "internal", _("Intern hendelse")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    status = models.CharField(max_length=30, choices=Application.Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    visible_to_citizen = models.BooleanField(default=True)
    # What happened, as a code and its facts (referrals.cases.events); the text is made
    # in the reader's language when shown. Blank on events from before the codes.
    action = models.CharField(max_length=80, blank=True, db_index=True)
    data = models.JSONField(default=dict, blank=True)
    # The text of an event from before the codes (never written any more).
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("hendelse")
        verbose_name_plural = _("hendelser")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application}: {self.kind}"


class Message(models.Model):
    """A message between the municipality and the applicant on one application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_municipality = models.BooleanField(_("fra kommunen"))
    body = models.TextField(_("melding"))
    reply_by = models.DateField(_("svarfrist"), null=True, blank=True)
    in_reply_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replies"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    # Not stored: the message's attachments, set by the case page's selector
    # (``referrals.casework.selectors.case_page_data``).
    attachment_list: list[Attachment]

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldinger")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application}: {self.body[:40]}"


class Decision(models.Model):
    """The hook for the casework side (issue 5): an issued decision (enkeltvedtak) and
    its frozen letter. The citizen pages show the letter and compute the appeal deadline
    from ``appeal_basis``; casework adds the full content (facts, reasons, grant)."""

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Innvilget")
        PARTLY_GRANTED = "partly_granted", _("Delvis innvilget")
        REFUSED = "refused", _("Avslått")
        REJECTED = "rejected", _("Avvist")

    class LetterStatus(models.TextChoices):
        READY = "ready", _("Brevet er laget")
        PENDING = "pending", _("Brevet lages")

    # The outcomes that grant a service, and so carry a grant (offer, weekdays, hours …).
    GRANTING = frozenset({Outcome.GRANTED, Outcome.PARTLY_GRANTED})

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices)
    legal_basis = models.TextField(_("hjemmel"), blank=True)
    appeal_basis = models.CharField(
        _("grunnlag for klagefrist"), max_length=20, choices=AppealBasis.choices
    )
    issued_at = models.DateTimeField(_("utstedt"), default=timezone.now)
    letter = models.FileField(_("brev"), upload_to="letters/", max_length=200, blank=True)
    letter_sha256 = models.CharField(max_length=64, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("godkjent av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Den andre saksbehandleren, når tjenestetypen krever godkjenning."),
    )
    # A decision is saved even when its letter cannot be rendered at once; the letter
    # is then rendered and frozen later (``referrals.letters.tasks``) and the citizen
    # is notified only when it exists.
    letter_status = models.CharField(
        _("brevstatus"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.READY
    )
    letter_attempts = models.PositiveSmallIntegerField(_("forsøk på å lage brevet"), default=0)
    # Set on the old decision when a later one (a correction, or a new decision after
    # an appeal) replaces it; the old letter and its SHA-256 never change.
    replaced_at = models.DateTimeField(_("erstattet"), null=True, blank=True)
    # Set when Statsforvalteren changed (endret) or quashed (opphevet) this decision on
    # appeal, with the date of its decision: the mark both case pages show. Written by
    # casework when the outcome is registered.
    appeal_outcome = models.CharField(
        _("Statsforvalterens avgjørelse"),
        max_length=20,
        choices=[
            ("reversed", _("Endret av Statsforvalteren")),
            ("quashed", _("Opphevet av Statsforvalteren")),
        ],
        blank=True,
    )
    appeal_outcome_on = models.DateField(_("dato for klageavgjørelsen"), null=True, blank=True)

    class Meta:
        verbose_name = _("vedtak")
        verbose_name_plural = _("vedtak")
        ordering = ["issued_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application}: {self.outcome}"

    @property
    def letter_pending(self) -> bool:
        return self.letter_status == self.LetterStatus.PENDING

    @property
    def appeal_weeks(self) -> int:
        return APPEAL_WEEKS[AppealBasis(self.appeal_basis)]

    @property
    def appeal_deadline(self) -> date:
        """The last day to appeal: the deadline runs from the day the letter is issued
        and never ends on a Saturday, Sunday or public holiday (``deadlines``)."""
        return appeal_deadline(timezone.localdate(self.issued_at), self.appeal_weeks)


class Appeal(models.Model):
    """An appeal (klage). It goes to the municipality, which reconsiders the decision
    before forwarding it to Statsforvalteren."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Mottatt, kommunen vurderer saken på nytt")
        GRANTED = "granted", _("Kommunen har gitt deg medhold")
        FORWARDED = "forwarded", _("Sendt til Statsforvalteren")
        RESOLVED = "resolved", _("Avgjort av Statsforvalteren")
        WITHDRAWN = "withdrawn", _("Trukket tilbake")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="appeals")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="appeals")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reasons = models.TextField(_("begrunnelse for klagen"))
    wanted_outcome = models.TextField(_("hva som ønskes endret"), blank=True)
    registered_on_paper = models.BooleanField(_("mottatt på papir"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    late = models.BooleanField(_("sendt etter fristen"), default=False)

    class Meta:
        verbose_name = _("klage")
        verbose_name_plural = _("klager")
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_status_display()}"


class CaseworkerAssignment(models.Model):
    """A caseworker handles one service type, in one district or (no district) in all."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saksbehandler"),
        on_delete=models.CASCADE,
        related_name="casework_assignments",
    )
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("tjenestetype"),
        on_delete=models.CASCADE,
        related_name="caseworker_assignments",
    )
    district = models.ForeignKey(
        "catalogue.District",
        verbose_name=_("bydel"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="caseworker_assignments",
        help_text=_("Tomt betyr alle bydeler."),
    )

    class Meta:
        verbose_name = _("saksbehandleransvar")
        verbose_name_plural = _("saksbehandleransvar")
        permissions = [
            ("view_casework_statistics", _("Kan se statistikk for saksbehandlingen")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "service_type", "district"],
                name="caseworker_assignment_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.service_type} / {self.district or '*'}"


class AppendOnlyError(Exception):
    """The access log is never changed or deleted through the application."""


class AccessLogQuerySet(models.QuerySet["AccessLogEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The access log is append-only")


class AccessLogEntry(models.Model):
    """One staff access to a person's data (Normen: tilgangslogg). Append-only.

    ``person`` is a pseudonymous key (the application's database id and the person's
    name), never the national identity number.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Lest")
        CHANGE = "change", _("Endret")
        DOWNLOAD = "download", _("Lastet ned")
        LIST = "list", _("Listet")

    at = models.DateTimeField(_("tidspunkt (UTC)"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruker"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    user_label = models.CharField(_("brukerens navn"), max_length=200, blank=True)
    role = models.CharField(_("rolle"), max_length=30, blank=True)
    unit_label = models.CharField(_("enhet"), max_length=300, blank=True)
    application_id_logged = models.PositiveBigIntegerField(
        _("søknadens id"), null=True, blank=True, db_index=True
    )
    reference = models.CharField(_("referanse"), max_length=40, blank=True, db_index=True)
    person = models.CharField(_("person (pseudonym nøkkel)"), max_length=250, blank=True)
    object_type = models.CharField(_("objekttype"), max_length=40)
    object_id = models.CharField(_("objekt-id"), max_length=80, blank=True)
    action = models.CharField(_("handling"), max_length=20, choices=Action.choices)
    detail = models.CharField(_("detalj"), max_length=200, blank=True)
    allowed = models.BooleanField(_("tillatt"), default=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("tilgangslogg")
        verbose_name_plural = _("tilgangslogg")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_label} {self.action} {self.object_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or kwargs.get("force_update"):
            raise AppendOnlyError("The access log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only")


class DecisionFields(models.Model):
    """What a decision says that an issued decision (``DecisionContent``) and one
    awaiting approval (``casework.DecisionProposal``) both hold: the facts, the reasons
    and, for a grant, what it contains."""

    facts = models.TextField(_("faktiske forhold"))
    reasons = models.TextField(_("begrunnelse"))
    offer = models.ForeignKey(
        "catalogue.Offer",
        verbose_name=_("tilbud"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    weekdays = models.JSONField(_("ukedager"), default=list, blank=True)
    hours = models.CharField(_("tidsrom"), max_length=100, blank=True)
    start_date = models.DateField(_("startdato"), null=True, blank=True)
    review_date = models.DateField(_("dato for ny vurdering"), null=True, blank=True)
    transport = models.BooleanField(_("transport"), default=False)
    meals = models.BooleanField(_("måltider"), default=False)
    egenandel = models.CharField(_("egenandel"), max_length=200, blank=True)

    class Meta:
        abstract = True


class DecisionContent(DecisionFields):
    """What a decision (enkeltvedtak) says, beyond the outcome and legal basis kept on
    ``Decision``: the facts, the reasons and, for a grant, what it contains. Written
    once, when the decision is issued; the letter PDF is rendered from it and frozen."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="content")
    language = models.CharField(_("språk"), max_length=5, default="nb")
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_phone = PhoneNumberField(_("kontaktpersonens telefon"), max_length=30, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-post"), blank=True)
    # A correction of an issued decision (``Decision.replaces``): why it was corrected.
    correction_reason = models.TextField(_("hvorfor vedtaket er rettet"), blank=True)
    # Four eyes: the caseworker who approved it, as named in the letter (the drafter
    # is the contact person).
    approved_by_name = models.CharField(_("godkjent av"), max_length=200, blank=True)
    # Per granted weekday, what the grant gave when it was issued (the letter says it):
    # ``{"weekday": 0-4, "place": true}`` for a place from the start date, or
    # ``{"weekday": 0-4, "place": false, "position": n}`` for the waiting list. Written
    # by casework from the capacity room's allocations before the letter is rendered.
    day_places = models.JSONField(_("plass eller venteliste per dag"), default=list, blank=True)

    class Meta:
        verbose_name = _("vedtaksinnhold")
        verbose_name_plural = _("vedtaksinnhold")

    def __str__(self) -> str:
        return str(self.decision)


class DayPlace(TypedDict, total=False):
    """One granted weekday in ``DecisionContent.day_places``."""

    weekday: int
    place: bool
    position: int


class DecisionContentValues(TypedDict):
    """The fields of a ``DecisionContent``: the decided values beyond the outcome and
    the legal basis, the contact person and the letter's language."""

    facts: str
    reasons: str
    offer: Offer | None
    weekdays: list[int]
    hours: str
    start_date: date | None
    review_date: date | None
    transport: bool
    meals: bool
    egenandel: str
    contact_name: str
    contact_phone: str
    contact_email: str
    language: str
    correction_reason: str
    approved_by_name: NotRequired[str]


class Consultation(models.Model):
    """A caseworker asks another unit about a case; the unit's leaders answer on the
    case. Internal: never shown to the citizen."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="consultations"
    )
    unit = models.ForeignKey(
        "catalogue.Unit",
        verbose_name=_("enhet"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    question = models.TextField(_("spørsmål til enheten"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("svar"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # The unit said it has a free place for the person: its offers may be granted even
    # when they are of another service type (``casework.forms.DecisionForm``).
    has_free_place = models.BooleanField(_("enheten har ledig plass"), default=False)

    # Not stored: the form a unit leader answers it with, set by the case page
    # (``referrals.casework.views``).
    answer_form: forms.BaseForm

    class Meta:
        verbose_name = _("drøfting med enhet")
        verbose_name_plural = _("drøftinger med enheter")
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application}: {self.unit_id}"
