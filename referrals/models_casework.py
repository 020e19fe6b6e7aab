"""Models for the casework side (issue 5): who handles which cases, the access log,
internal notes, reusable reason paragraphs and the content of a decision.

Imported at the end of ``referrals/models.py`` so Django sees them in the ``referrals``
app. Changes go through ``referrals.casework``; access through ``referrals.access``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import ServiceType
from referrals.models import Application, Decision

__all__ = [
    "AccessLogEntry",
    "Allocation",
    "AppealForwarding",
    "Assessment",
    "WaitingListEntry",
    "AppendOnlyError",
    "CaseworkerAssignment",
    "Consultation",
    "DecisionContent",
    "DecisionProposal",
    "InternalNote",
    "PreliminaryReply",
    "ReasonParagraph",
]


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


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The access log is append-only")

    def delete(self):
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

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise AppendOnlyError("The access log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The access log is append-only")


class InternalNote(models.Model):
    """A note on a case for staff only; never shown to the citizen."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="internal_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("notat"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("internt notat")
        verbose_name_plural = _("interne notater")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application}: {self.body[:40]}"


class ReasonParagraph(models.Model):
    """A reusable paragraph for the reasons of a decision; the caseworker edits it."""

    title = models.CharField(_("tittel"), max_length=200)
    text = models.TextField(_("tekst (bokmål)"))
    text_nn = models.TextField(_("tekst (nynorsk)"), blank=True)
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("tjenestetype"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reason_paragraphs",
        help_text=_("Tomt betyr alle tjenestetyper."),
    )
    outcome = models.CharField(
        _("utfall"), max_length=20, choices=Decision.Outcome.choices, blank=True
    )
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        verbose_name = _("standardavsnitt")
        verbose_name_plural = _("standardavsnitt")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def text_in(self, language: str) -> str:
        return (self.text_nn if language == "nn" else "") or self.text


class DecisionContent(models.Model):
    """What a decision (enkeltvedtak) says, beyond the outcome and legal basis kept on
    ``Decision``: the facts, the reasons and, for a grant, what it contains. Written
    once, when the decision is issued; the letter PDF is rendered from it and frozen."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="content")
    language = models.CharField(_("språk"), max_length=5, default="nb")
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
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_phone = models.CharField(_("kontaktpersonens telefon"), max_length=30, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-post"), blank=True)
    # A correction of an issued decision (``Decision.replaces``): why it was corrected.
    correction_reason = models.TextField(_("hvorfor vedtaket er rettet"), blank=True)

    class Meta:
        verbose_name = _("vedtaksinnhold")
        verbose_name_plural = _("vedtaksinnhold")

    def __str__(self) -> str:
        return str(self.decision)


class PreliminaryReply(models.Model):
    """A preliminary reply (foreløpig svar, forvaltningsloven § 11a): sent when a case
    cannot be answered within a month, saying why and when to expect an answer. The
    letter PDF is frozen with its SHA-256 like a decision letter."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="preliminary_replies"
    )
    reason = models.TextField(_("hvorfor saken tar tid"))
    expected_date = models.DateField(_("forventet svar innen"))
    letter = models.FileField(_("brev"), upload_to="letters/", max_length=200, blank=True)
    letter_sha256 = models.CharField(max_length=64, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("foreløpig svar")
        verbose_name_plural = _("foreløpige svar")
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application}: {self.expected_date}"


class Allocation(models.Model):
    """A place on one weekday at a day-centre offer, given by a grant."""

    offer = models.ForeignKey(
        "catalogue.Offer", on_delete=models.PROTECT, related_name="allocations"
    )
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="allocations"
    )
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="allocations")
    weekday = models.PositiveSmallIntegerField(_("ukedag"))
    start_date = models.DateField(_("fra dato"), null=True, blank=True)
    ended_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)
    # A planned end: the place is taken until this day and free from it on. Set with
    # ``ended_at`` when a place is ended today or earlier; alone when it ends later.
    ends_on = models.DateField(_("ledig fra og med"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tildelt plass")
        verbose_name_plural = _("tildelte plasser")
        ordering = ["weekday", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.offer_id}/{self.weekday}: {self.application}"


class WaitingListEntry(models.Model):
    """Someone granted a weekday that was full: they wait for a place, by priority and
    then by the date they were put on the list."""

    offer = models.ForeignKey(
        "catalogue.Offer", on_delete=models.PROTECT, related_name="waiting_list"
    )
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="waiting_list_entries"
    )
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")
    weekday = models.PositiveSmallIntegerField(_("ukedag"))
    priority = models.PositiveSmallIntegerField(
        _("prioritet"), default=2, help_text=_("1 er høyest.")
    )
    added_at = models.DateTimeField(_("satt på venteliste"), default=timezone.now)
    removed_at = models.DateTimeField(_("fjernet fra ventelisten"), null=True, blank=True)

    class Meta:
        verbose_name = _("venteliste")
        verbose_name_plural = _("venteliste")
        ordering = ["priority", "added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.offer_id}/{self.weekday}: {self.application}"


class AppealForwarding(models.Model):
    """The municipality upheld its decision after reconsidering an appeal and sent the
    case to Statsforvalteren, with a frozen case-file PDF; later Statsforvalteren's
    outcome is registered here."""

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Vedtaket er stadfestet")
        REVERSED = "reversed", _("Vedtaket er endret")
        QUASHED = "quashed", _("Vedtaket er opphevet og sendt tilbake")

    appeal = models.OneToOneField(
        "referrals.Appeal", on_delete=models.PROTECT, related_name="forwarding"
    )
    comments = models.TextField(_("kommunens merknader"))
    case_file = models.FileField(_("saksdokumenter"), upload_to="letters/", max_length=200)
    case_file_sha256 = models.CharField(max_length=64)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    forwarded_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(
        _("Statsforvalterens avgjørelse"), max_length=20, choices=Outcome.choices, blank=True
    )
    outcome_note = models.TextField(_("merknad til avgjørelsen"), blank=True)
    outcome_registered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("klage sendt til Statsforvalteren")
        verbose_name_plural = _("klager sendt til Statsforvalteren")

    def __str__(self) -> str:
        return str(self.appeal)


class Assessment(models.Model):
    """The caseworker's assessment (kartlegging) of the need: structured fields plus
    text. One per case, updated as the assessment goes on."""

    class Level(models.TextChoices):
        INDEPENDENT = "independent", _("Klarer seg selv")
        SOME_HELP = "some_help", _("Trenger noe hjelp")
        MUCH_HELP = "much_help", _("Trenger mye hjelp")
        FULL_HELP = "full_help", _("Trenger hjelp til det meste")

    class Burden(models.TextChoices):
        NONE = "none", _("Ingen pårørende eller ingen belastning")
        MODERATE = "moderate", _("Noe belastning")
        HIGH = "high", _("Stor belastning")

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="assessment"
    )
    functional_level = models.CharField(
        _("funksjonsnivå i dagliglivet"), max_length=20, choices=Level.choices, blank=True
    )
    functional_notes = models.TextField(_("om funksjonsnivået"), blank=True)
    social_network = models.TextField(_("sosialt nettverk"), blank=True)
    relative_burden = models.CharField(
        _("pårørendes belastning"), max_length=20, choices=Burden.choices, blank=True
    )
    respite_needed = models.BooleanField(_("pårørende trenger avlastning"), default=False)
    transport_needed = models.BooleanField(_("trenger transport"), default=False)
    meals_help_needed = models.BooleanField(_("trenger hjelp ved måltider"), default=False)
    interests = models.TextField(_("interesser"), blank=True)
    notes = models.TextField(_("annet"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kartlegging")
        verbose_name_plural = _("kartlegginger")

    def __str__(self) -> str:
        return str(self.application)


class DecisionProposal(models.Model):
    """A decision awaiting a second caseworker's approval (four eyes), for service
    types that require it. Nothing is sent to the citizen and nothing is frozen until
    a different caseworker approves it; then it is issued as a ``Decision`` exactly as
    without approval. Sent back, the drafting caseworker edits and resubmits it.
    Internal: never shown to the citizen."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", _("Venter på godkjenning")
        RETURNED = "returned", _("Sendt tilbake")
        APPROVED = "approved", _("Godkjent")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="decision_proposals"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AWAITING
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(_("utfall"), max_length=20, choices=Decision.Outcome.choices)
    legal_basis = models.TextField(_("hjemmel"), blank=True)
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
    submitted_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vurdert av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    return_comment = models.TextField(_("kommentar ved retur"), blank=True)
    # A correction of an issued decision waiting for approval: the decision it corrects.
    corrects = models.ForeignKey(
        Decision,
        verbose_name=_("retter vedtak"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    correction_reason = models.TextField(_("hvorfor vedtaket rettes"), blank=True)
    decision = models.OneToOneField(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposal",
    )

    class Meta:
        verbose_name = _("vedtak til godkjenning")
        verbose_name_plural = _("vedtak til godkjenning")
        ordering = ["submitted_at", "pk"]
        constraints = [
            # At most one proposal waiting for approval per case.
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(status="awaiting"),
                name="decision_proposal_one_awaiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_status_display()}"


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

    class Meta:
        verbose_name = _("drøfting med enhet")
        verbose_name_plural = _("drøftinger med enheter")
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application}: {self.unit_id}"
