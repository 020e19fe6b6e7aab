"""Taking part in an offer: its sessions (a date and time with a number of places, one
of a series such as a course of eight Tuesdays) and the sign-ups for them, with the
waiting list and the needs the unit must know (transport, a meal, a companion,
language help).

A sign-up stores the minimum: a name, a phone number, an e-mail address for the
links, the needs; never an identity number. Models refer to the catalogue's by name
("catalogue.Offer"), so catalogue.models can gather them without an import cycle.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.phone import PhoneNumberField


class Session(models.Model):
    """One time an offer takes place, with its places. Offers taking sign-ups
    (``Offer.Participation.SIGNUP``) take them per session; for open offers a session
    only tells when to come."""

    offer = models.ForeignKey(
        "catalogue.Offer",
        verbose_name=_("tilbud"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    location = models.ForeignKey(
        "catalogue.Location",
        verbose_name=_("sted"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    places = models.PositiveSmallIntegerField(_("plasser"), default=10)
    # The sessions of one course, created together (services.create_series).
    series = models.UUIDField(_("kursrekke"), null=True, blank=True, db_index=True)
    # Set on every session of a series by the unit: one signs up for the course as a
    # whole (every remaining session, one place or one position in the queue).
    whole_course = models.BooleanField(
        _("påmelding gjelder hele kurset"),
        default=False,
        help_text=_("Deltakerne melder seg på alle gangene samlet, ikke én og én."),
    )
    cancel_deadline_hours = models.PositiveSmallIntegerField(
        _("frist for avmelding (timer før start)"),
        default=24,
        help_text=_("Etter fristen kan man ikke melde seg av på nett, bare ringe."),
    )
    confirm_within_hours = models.PositiveSmallIntegerField(
        _("frist for å takke ja til ledig plass (timer)"),
        null=True,
        blank=True,
        help_text=_("La stå tomt for å gi ledig plass direkte til den neste på ventelisten."),
    )
    offers_transport = models.BooleanField(_("transport tilbys"), default=False)
    offers_meal = models.BooleanField(_("måltid tilbys"), default=False)
    accepts_companion_card = models.BooleanField(
        _("ledsager gratis med ledsagerbevis"), default=False
    )
    created_at = models.DateTimeField(_("opprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("tidspunkt")
        verbose_name_plural = _("tidspunkter")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["offer", "starts_at"], name="session_offer_starts_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(places__gt=0),
                name="session_places_positive",
                violation_error_message=_("Et tidspunkt må ha minst én plass."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("Slutten må komme etter starten."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def cancel_deadline(self) -> datetime:
        """Until when a sign-up can be cancelled online."""
        return self.starts_at - timedelta(hours=self.cancel_deadline_hours)

    def can_cancel_online(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) < self.cancel_deadline

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class SignUp(models.Model):
    """One person's place, or place in the queue, at one session."""

    class Status(models.TextChoices):
        PENDING_EMAIL = "pending_email", _("Venter på bekreftelse fra e-post")
        CONFIRMED = "confirmed", _("Påmeldt")
        WAITING = "waiting", _("På venteliste")
        OFFERED = "offered", _("Tilbudt ledig plass")
        CANCELLED = "cancelled", _("Avmeldt")

    class MobilityAid(models.TextChoices):
        NONE = "none", _("Ingen")
        WALKER = "walker", _("Rullator")
        WHEELCHAIR = "wheelchair", _("Rullestol")

    # The statuses that hold one of the session's places.
    HOLDS_PLACE = (Status.CONFIRMED, Status.OFFERED)
    # The statuses of a sign-up that is still alive (not cancelled).
    ACTIVE = (Status.PENDING_EMAIL, Status.CONFIRMED, Status.WAITING, Status.OFFERED)

    session = models.ForeignKey(
        Session, verbose_name=_("tidspunkt"), on_delete=models.CASCADE, related_name="signups"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # The queue order: the waiting list is ordered by this, then by id.
    created_at = models.DateTimeField(_("meldt på"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("fikk plass"), null=True, blank=True)
    # An offered place is held until then; after it, it passes on (services.expire_offers).
    offer_expires_at = models.DateTimeField(_("svarfrist for ledig plass"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("avmeldt"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("meldt på av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signups",
    )
    for_someone_else = models.BooleanField(_("meldt på av en annen"), default=False)
    name = models.CharField(_("navn"), max_length=200)
    phone = PhoneNumberField(_("telefon"), max_length=30)
    email = models.EmailField(_("e-post"), blank=True)
    needs_transport = models.BooleanField(_("trenger transport"), default=False)
    pickup_address = models.CharField(_("hentes på adresse"), max_length=200, blank=True)
    mobility_aid = models.CharField(
        _("hjelpemiddel"), max_length=20, choices=MobilityAid.choices, default=MobilityAid.NONE
    )
    needs_meal = models.BooleanField(_("vil ha måltid"), default=False)
    diet = models.CharField(_("kosthold og allergier"), max_length=200, blank=True)
    companion = models.BooleanField(_("har med ledsager"), default=False)
    language_help = models.CharField(_("trenger språkhjelp på"), max_length=100, blank=True)
    # The language the person signed up in: the e-mails about this sign-up use it.
    language = models.CharField(_("språk"), max_length=10, choices=settings.LANGUAGES, default="nb")
    # When the reminder the day before was sent (participation.reminders): once only.
    reminded_at = models.DateTimeField(_("påminnet"), null=True, blank=True)
    # When the one-time feedback link was sent after an attended session (once).
    feedback_invited_at = models.DateTimeField(_("bedt om tilbakemelding"), null=True, blank=True)
    # Ticked by the unit at the session: None until then.
    attended = models.BooleanField(_("møtte"), null=True, blank=True)
    # SHA-256 of the random token in the links of the e-mails (confirm, manage, cancel);
    # the token itself is never stored.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)

    # The person's sign-ups for every remaining session of a whole-course series share
    # this id (services.sign_up_course): taken, queued, confirmed and cancelled together.
    course = models.UUIDField(_("kurspåmelding"), null=True, blank=True, db_index=True)

    # Not stored: the token of the links just sent (services), for the page after.
    token = ""
    # Not stored: the place in the queue told in the e-mail just sent (services, counted
    # while the session was locked), for the page after; None when none was counted.
    told_position: int | None = None

    class Meta:
        verbose_name = _("påmelding")
        verbose_name_plural = _("påmeldinger")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["session", "status", "created_at"], name="signup_queue_idx"),
            models.Index(fields=["status", "offer_expires_at"], name="signup_offer_expiry_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.get_status_display()}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def new_token(self) -> str:
        """A fresh random token for the links; only its hash is kept."""
        token = secrets.token_urlsafe(24)
        self.token_hash = self.hash_token(token)
        return token
