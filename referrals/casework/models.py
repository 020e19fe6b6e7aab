"""Models for the casework side (issue 5): who handles which cases, the access log,
internal notes, reusable reason paragraphs and the content of a decision.

Imported at the end of ``referrals/models.py`` so Django sees them in the ``referrals``
app. Changes go through ``referrals.casework.services``; access through ``referrals.cases.access``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import ServiceType
from referrals.cases.models import Application, Decision, DecisionFields


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
    """A reusable paragraph for the reasons of a decision (a decision template): written
    by an administrator for a service type, a legal basis and an outcome; the
    caseworker inserts it in the decision form and adapts it."""

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
    legal_basis = models.CharField(
        _("hjemmel"),
        max_length=300,
        blank=True,
        help_text=_(
            "Hjemmelen avsnittet bygger på, skrevet som i tjenestetypens hjemmel. Tomt betyr "
            "alle hjemler."
        ),
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
    # The municipality's new assessment of the case in the light of the appeal
    # (forvaltningsloven § 33 second paragraph), and its comments to Statsforvalteren.
    reassessment = models.TextField(_("kommunens nye vurdering"), blank=True)
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
    # What Statsforvalteren decided, in short (shown to the citizen), and the date of
    # its decision.
    outcome_note = models.TextField(_("merknad til avgjørelsen"), blank=True)
    outcome_date = models.DateField(
        _("dato for Statsforvalterens avgjørelse"), null=True, blank=True
    )
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


class DecisionProposal(DecisionFields):
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
