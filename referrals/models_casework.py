"""Models for the casework side (issue 5): who handles which cases, the access log,
internal notes, reusable reason paragraphs and the content of a decision.

Imported at the end of ``referrals/models.py`` so Django sees them in the ``referrals``
app. Changes go through ``referrals.casework``; access through ``referrals.access``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from referrals.models import Application, Decision, ServiceType

__all__ = [
    "AccessLogEntry",
    "AppendOnlyError",
    "CaseworkerAssignment",
    "DecisionContent",
    "InternalNote",
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

    class Meta:
        verbose_name = _("vedtaksinnhold")
        verbose_name_plural = _("vedtaksinnhold")

    def __str__(self) -> str:
        return str(self.decision)
