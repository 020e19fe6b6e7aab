from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.managers import UserManager
from portal.phone import PhoneNumberField
from portal.roles import Role


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: a citizen, a relative, or a member of staff.

    E-mail is the log-in. Staff belong to one or more catalogue units, which later
    parts use to scope what they may see. Roles are Django groups (see portal.roles).
    """

    email = models.EmailField(_("e-postadresse"), unique=True)
    full_name = models.CharField(_("fullt navn"), max_length=200, blank=True)
    phone = PhoneNumberField(_("telefon"), max_length=30, blank=True)
    # Set only from a verified identity (ID-porten's ``pid`` claim), never typed in.
    # Never shown in URLs, logs or e-mails.
    national_id = models.CharField(_("fødselsnummer"), max_length=11, blank=True, db_index=True)
    # Reserved against digital communication from the public sector: letters go by
    # post. In production this comes from Kontakt- og reservasjonsregisteret (KRR,
    # Digdir), looked up before each dispatch; here it is recorded on the user (the
    # admin, or a future KRR synchronisation) and read by referrals.letters.dispatch.
    reserved_against_digital = models.BooleanField(
        _("reservert mot digital kommunikasjon"),
        default=False,
        help_text=_("Fra Kontakt- og reservasjonsregisteret: brev sendes i posten."),
    )
    units = models.ManyToManyField(
        "catalogue.Unit",
        verbose_name=_("enheter"),
        blank=True,
        related_name="staff",
        help_text=_("Enhetene den ansatte jobber for."),
    )
    is_staff = models.BooleanField(
        _("ansatt"),
        default=False,
        help_text=_("Om brukeren jobber i kommunen."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    date_joined = models.DateTimeField(_("registrert"), default=timezone.now)
    # A new address waiting for its owner to open the confirmation link
    # (views_accounts.request_email_change).
    pending_email = models.EmailField(_("ny e-postadresse"), blank=True, editable=False)
    # Part of every session's auth hash: raising it ends all the user's sessions on every
    # app server and with any session backend (see portal.sessions.end_all_sessions).
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"],
                condition=~models.Q(national_id=""),
                name="user_unique_national_id",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def _session_hash(self, secret=None) -> str:
        # Django's hash covers the password only; the epoch lets us end sessions without
        # touching the password. Epoch 0 keeps Django's value, so existing sessions live on.
        value = self.password if not self.session_epoch else f"{self.password}:{self.session_epoch}"
        return salted_hmac(
            "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash",
            value,
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_session_auth_hash(self) -> str:
        return self._session_hash()

    def get_session_auth_fallback_hash(self):
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret=fallback_secret)

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        """First name, else the e-mail address; empty for an ID-porten citizen who has
        neither a name on file nor a real address yet (only the placeholder)."""
        from portal.oidc import has_placeholder_email

        if self.full_name:
            return self.full_name.split(" ")[0]
        return "" if has_placeholder_email(self) else self.email

    def has_role(self, role: Role) -> bool:
        from portal.permissions import group_names

        return role.value in group_names(self)

    @property
    def role_names(self) -> list[str | Promise]:
        from portal.permissions import group_names

        return [Role(name).label for name in sorted(group_names(self)) if name in Role.values]


class EndedIdPortenSession(models.Model):
    """An ID-porten session (its ``sid``) that ID-porten has told us is over (front- or
    back-channel logout). Every portal session that came from it is ended at its next
    request (portal.idporten_sessions), on any app server and with any session backend.
    Rows older than the longest possible ID-porten session are removed as new ones come.
    """

    sid = models.CharField(_("sesjons-ID i ID-porten"), max_length=255, primary_key=True)
    ended_at = models.DateTimeField(_("avsluttet"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("avsluttet ID-porten-sesjon")
        verbose_name_plural = _("avsluttede ID-porten-sesjoner")

    def __str__(self) -> str:
        return self.sid
