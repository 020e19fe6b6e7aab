"""Letters that are not decisions: the preliminary reply sent when a case takes more
than a month (forvaltningsloven § 11 a)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from referrals.cases.models import Application


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
