"""Matching a person who needs help (a ``HelpRequest``) with a ready helper.

A match is proposed by a coordinator; the person (or their representative) and the
helper each accept before it starts. Names and contact details are shared only once
both have accepted (``Match.started``). Follow-up: check-ins from both sides after 2, 6
and 12 weeks, and the monthly hours a paid støttekontakt reports.
"""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from referrals.volunteers.models import HelperProfile, HelpRequest

CHECK_IN_WEEKS = (2, 6, 12)


class Match(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Foreslått")
        ACCEPTED_BY_PERSON = "accepted_by_person", _("Godtatt av personen")
        ACCEPTED_BY_HELPER = "accepted_by_helper", _("Godtatt av hjelperen")
        STARTED = "started", _("Startet")
        DECLINED = "declined", _("Avslått")
        ENDED = "ended", _("Avsluttet")

    class EndedReason(models.TextChoices):
        DECLINED_BY_PERSON = "declined_by_person", _("Personen takket nei")
        DECLINED_BY_HELPER = "declined_by_helper", _("Hjelperen takket nei")
        NO_LONGER_NEEDED = "no_longer_needed", _("Behovet er ikke lenger til stede")
        HELPER_STOPPED = "helper_stopped", _("Hjelperen sluttet")
        POOR_FIT = "poor_fit", _("Samarbeidet fungerte ikke")
        OTHER = "other", _("Annet")

    # Statuses in which the match holds the help request (no other proposal meanwhile).
    ACTIVE = (
        Status.PROPOSED,
        Status.ACCEPTED_BY_PERSON,
        Status.ACCEPTED_BY_HELPER,
        Status.STARTED,
    )

    help_request = models.ForeignKey(
        HelpRequest, verbose_name=_("forespørsel"), on_delete=models.CASCADE, related_name="matches"
    )
    helper = models.ForeignKey(
        HelperProfile, verbose_name=_("hjelper"), on_delete=models.CASCADE, related_name="matches"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("foreslått av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("foreslått"), default=timezone.now)
    person_accepted_at = models.DateTimeField(_("godtatt av personen"), null=True, blank=True)
    person_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("godtatt av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    helper_accepted_at = models.DateTimeField(_("godtatt av hjelperen"), null=True, blank=True)
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    ended_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)
    ended_reason = models.CharField(
        _("årsak til avslutning"), max_length=30, choices=EndedReason.choices, blank=True
    )
    ended_text = models.CharField(_("om avslutningen"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matcher")
        ordering = ["-proposed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.helper} – {self.help_request_id} ({self.status})"

    @property
    def started(self) -> bool:
        return self.status == self.Status.STARTED

    @property
    def active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def person_has_accepted(self) -> bool:
        return self.person_accepted_at is not None

    @property
    def helper_has_accepted(self) -> bool:
        return self.helper_accepted_at is not None


class CheckIn(models.Model):
    """ "Hvordan går det?" from one side of a started match, N weeks after its start."""

    class Side(models.TextChoices):
        PERSON = "person", _("Personen")
        HELPER = "helper", _("Hjelperen")

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="check_ins")
    side = models.CharField(_("fra"), max_length=10, choices=Side.choices)
    week = models.PositiveSmallIntegerField(_("uke"))
    rating = models.PositiveSmallIntegerField(
        _("Hvordan går det?"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("kommentar"), blank=True)
    answered_at = models.DateTimeField(_("svart"), default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("oppfølging")
        verbose_name_plural = _("oppfølginger")
        ordering = ["match", "week", "side"]
        constraints = [
            models.UniqueConstraint(fields=["match", "side", "week"], name="match_check_in_unique")
        ]

    def __str__(self) -> str:
        return f"{self.match_id} {self.side} {self.week}: {self.rating}"


class HoursReport(models.Model):
    """The hours a paid støttekontakt worked in one month, reported for payroll.

    Accounting material (bokføringsloven § 13): it outlives the helper's profile and the
    match. The helper's name and e-mail and the unit are copied when the hours are
    reported, so payroll can read the report after the match is gone (``match`` then
    null); records.retention deletes it after the accounting period (docs/retention.md).
    """

    match = models.ForeignKey(
        Match, on_delete=models.SET_NULL, null=True, blank=True, related_name="hours_reports"
    )
    helper_name = models.CharField(_("hjelper"), max_length=200, blank=True)
    helper_email = models.EmailField(_("e-post"), blank=True)
    unit = models.ForeignKey(
        "catalogue.Unit",
        verbose_name=_("enhet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    month = models.DateField(_("måned"), help_text=_("Den første dagen i måneden."))
    hours = models.DecimalField(
        _("timer"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(300)],
    )
    note = models.CharField(_("merknad"), max_length=300, blank=True)
    reported_at = models.DateTimeField(_("rapportert"), default=timezone.now)

    class Meta:
        verbose_name = _("timerapport")
        verbose_name_plural = _("timerapporter")
        ordering = ["-month", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["match", "month"], name="match_hours_month_unique")
        ]

    def __str__(self) -> str:
        return f"{self.match_id} {self.month:%Y-%m}: {self.hours}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The snapshot payroll needs once the match is gone, taken while it is there.
        if self.match is not None:
            self.helper_name = self.helper_name or self.match.helper.name
            self.helper_email = self.helper_email or self.match.helper.email
            self.unit_id = self.unit_id or self.match.help_request.unit_id
        super().save(*args, **kwargs)
