"""Letters that are not decisions: the preliminary reply sent when a case takes more
than a month (forvaltningsloven § 11 a)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from referrals.cases.models import Application, Decision


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


class PrintBatch(models.Model):
    """A pile of paper letters printed together: one PDF (each letter preceded by an
    address sheet for a window envelope), made by office staff from the print queue and
    marked printed once it has gone through the printer and into envelopes."""

    created_at = models.DateTimeField(_("laget"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laget av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    printed_at = models.DateTimeField(_("skrevet ut"), null=True, blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet ut av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("utskriftsbunke")
        verbose_name_plural = _("utskriftsbunker")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.pk}: {self.created_at:%Y-%m-%d %H:%M}"


class LetterDispatch(models.Model):
    """How one frozen letter reached (or is to reach) one recipient: the party, or a
    representative with a right to copies. The letter itself never changes; a dispatch
    that failed is tried again and the letter is still on the case
    (``referrals.letters.dispatch``; the statuses: docs/letters-dispatch.md)."""

    class Recipient(models.TextChoices):
        PARTY = "party", _("Parten")
        REPRESENTATIVE = "representative", _("Representant (kopi)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        SENT = "sent", _("Sendt")
        PRINTED = "printed", _("Skrevet ut og lagt i posten")
        FAILED = "failed", _("Feilet, prøves igjen")

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="dispatches"
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dispatches",
    )
    preliminary_reply = models.ForeignKey(
        PreliminaryReply,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dispatches",
    )
    recipient = models.CharField(_("mottaker"), max_length=20, choices=Recipient.choices)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The address as it was when the letter was dispatched (what the envelope says).
    name = models.CharField(_("navn"), max_length=200)
    street = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(_("postnummer"), max_length=4, blank=True)
    place = models.CharField(_("poststed"), max_length=100, blank=True)
    # A key of settings.LETTER_CHANNELS ("digital", "paper", …).
    channel = models.CharField(_("kanal"), max_length=30)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    created_at = models.DateTimeField(_("lagt i kø"), default=timezone.now)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merket av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    attempts = models.PositiveSmallIntegerField(_("forsøk"), default=0)
    # What went wrong, for the staff (a kind of error, never an address or a number).
    failure = models.CharField(_("feil"), max_length=200, blank=True)
    batch = models.ForeignKey(
        PrintBatch,
        verbose_name=_("utskriftsbunke"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dispatches",
    )

    class Meta:
        verbose_name = _("utsending av brev")
        verbose_name_plural = _("utsendinger av brev")
        ordering = ["created_at", "pk"]
        permissions = [("print_letters", _("Kan skrive ut brev som skal sendes i posten"))]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(decision__isnull=False, preliminary_reply__isnull=True)
                    | models.Q(decision__isnull=True, preliminary_reply__isnull=False)
                ),
                name="letterdispatch_one_letter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.recipient} {self.channel} {self.status}"

    @property
    def letter_file(self) -> "models.fields.files.FieldFile":
        letter = self.decision if self.decision_id is not None else self.preliminary_reply
        assert letter is not None
        return letter.letter

    @property
    def is_decision(self) -> bool:
        return self.decision_id is not None

    @property
    def failure_text(self) -> str:
        """What went wrong, in the staff's words (``failure`` is the technical kind)."""
        if not self.failure:
            return ""
        if self.failure.startswith("no complete postal address"):
            return str(_("Mangler fullstendig postadresse."))
        if self.failure.startswith("no e-mail address"):
            return str(_("Mangler e-postadresse for varselet."))
        if self.failure.startswith(("the notice e-mail", "could not queue the notice")):
            return str(_("E-postvarselet kom ikke fram."))
        return str(_("Teknisk feil i utsendingen."))
