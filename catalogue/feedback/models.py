"""A one-time invitation to give feedback on an offer, and the anonymous answers.

An invitation knows the offer, the occasion and when it was made, expires and was used;
never who it was sent to (the e-mail address is used to send it and then forgotten).
An answer knows the offer, the three scores, the free text and the month it was given;
no foreign key to the invitation and no time finer than the month, so an answer cannot
be tied back to an invitation or a person (docs/feedback.md)."""

from uuid import uuid4

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

FREE_TEXT_MAX_LENGTH = 1000


class Occasion(models.TextChoices):
    SESSION = "session", _("etter en samling")
    DAY_CENTRE = "day_centre", _("etter tre måneder med dagsenterplass")


class FeedbackInvitation(models.Model):
    offer = models.ForeignKey(
        "catalogue.Offer",
        verbose_name=_("tilbud"),
        on_delete=models.CASCADE,
        related_name="feedback_invitations",
    )
    occasion = models.CharField(_("anledning"), max_length=20, choices=Occasion.choices)
    # What the link was made for, e.g. a session, when there is one (free text until
    # sessions exist; never a person).
    reference = models.CharField(_("referanse"), max_length=100, blank=True)
    # SHA-256 of the token in the link; the token itself is never stored.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("opprettet"), default=timezone.now)
    expires_at = models.DateTimeField(_("utløper"))
    # The first day of the month it was used, not the moment: nothing to match with an
    # answer, whose month is all it keeps too.
    used_at = models.DateTimeField(_("brukt"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitasjon til tilbakemelding")
        verbose_name_plural = _("invitasjoner til tilbakemelding")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.offer_id}/{self.occasion}/{self.created_at:%Y-%m-%d}"


def _score(verbose_name: StrOrPromise) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class FeedbackAnswer(models.Model):
    """One anonymous answer: three scores from 1 (very poor) to 5 (very good). A random
    primary key, so the order of the rows does not tell the order of the answers."""

    id = models.UUIDField(primary_key=True, default=uuid4, editable=False)
    offer = models.ForeignKey(
        "catalogue.Offer",
        verbose_name=_("tilbud"),
        on_delete=models.CASCADE,
        related_name="feedback_answers",
    )
    enjoyed = _score(_("hadde det bra"))
    took_part = _score(_("fikk være med på det de ønsket"))
    recommend = _score(_("vil anbefale tilbudet"))
    free_text = models.TextField(_("fritekst"), max_length=FREE_TEXT_MAX_LENGTH, blank=True)
    # The first day of the month it was given: no finer time is kept.
    answered_on = models.DateField(_("måned"))

    class Meta:
        verbose_name = _("tilbakemelding")
        verbose_name_plural = _("tilbakemeldinger")
        ordering = ["-answered_on"]
        indexes = [models.Index(fields=["offer", "answered_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(enjoyed__gte=1, enjoyed__lte=5)
                & models.Q(took_part__gte=1, took_part__lte=5)
                & models.Q(recommend__gte=1, recommend__lte=5),
                name="feedback_scores_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer_id}/{self.answered_on:%Y-%m}"
