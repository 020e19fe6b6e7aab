"""Log-in with ID-porten (OpenID Connect) through mozilla-django-oidc.

Authorization code flow with PKCE (S256), state and nonce (the library), and on top of
it what ID-porten needs: the ID token's issuer, audience, expiry and ``acr`` (level of
assurance, at least ``idporten-loa-substantial``) are checked, and the ``pid`` claim
(the national identity number) becomes ``user.national_id``, the only way it is ever
set. The identity number is never logged.

Configured from the environment (see the "Citizen log-in" block at the end of
portal/settings.py); without IDPORTEN_ENABLED the URLs answer 404.

Logging out of the portal also ends the ID-porten session when the citizen came in
through ID-porten: portal.views.LogoutView sends the browser on to ID-porten's
end_session_endpoint (``OIDC_OP_LOGOUT_ENDPOINT``) with the ID token as
``id_token_hint`` and ``post_logout_redirect_uri`` (``IDPORTEN_POST_LOGOUT_REDIRECT_URI``,
by default the front page on SITE_URL, which must be registered with ID-porten).
"""

import logging
import uuid
from urllib.parse import urlencode

import jwt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView
from stdnum.no import fodselsnummer

from portal import idporten_sessions
from portal.roles import Role

logger = logging.getLogger(__name__)

# Levels of assurance accepted, weakest last; "high" also satisfies "substantial".
ACCEPTED_ACR = ("idporten-loa-substantial", "idporten-loa-high")
CLOCK_SKEW_SECONDS = 30
PLACEHOLDER_EMAIL_DOMAIN = "id-porten.invalid"
# The ID token of an ID-porten log-in, kept in the session for the log-out.
ID_TOKEN_SESSION_KEY = "idporten_id_token"  # noqa: S105 (a session key name, not a secret)
DEFAULT_LOGOUT_ENDPOINT = "https://login.idporten.no/logout"


class IdPortenBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as error:
            # A forged, replayed, expired or too weak token: no log-in, and the reason
            # (never the token or its claims) in the log.
            logger.warning("ID-porten log-in refused: %s", error)
            return None

    def _verify_jws(self, payload, key):
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("unexpected signing algorithm")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.get_settings("OIDC_OP_ISSUER"),
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub", "auth_time"]},
            )
        except jwt.ExpiredSignatureError:
            raise SuspiciousOperation("ID token expired") from None
        except jwt.InvalidAudienceError:
            raise SuspiciousOperation("ID token audience is not this client") from None
        except jwt.InvalidIssuerError:
            raise SuspiciousOperation("ID token issuer is not ID-porten") from None
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token invalid ({type(error).__name__})") from None

    def retrieve_matching_jwk(self, token):
        # ID-porten names its signing key in every token; the library would fail with a
        # KeyError (a 500) on a token without one.
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.InvalidTokenError:
            raise SuspiciousOperation("token unreadable") from None
        if not kid:
            raise SuspiciousOperation("token names no signing key (kid)")
        return super().retrieve_matching_jwk(token)

    def get_user(self, user_id):
        # mozilla-django-oidc returns inactive users too; Django's ModelBackend does not.
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None

    def get_userinfo(self, access_token, id_token, payload):
        # ID-porten puts pid and acr in the (verified) ID token; no userinfo call needed.
        return payload

    def verify_claims(self, claims) -> bool:
        if claims.get("acr") not in ACCEPTED_ACR:
            logger.warning("ID-porten log-in refused: level of assurance too low")
            return False
        if not fodselsnummer.is_valid(str(claims.get("pid", ""))):
            logger.warning("ID-porten log-in refused: no valid pid claim")
            return False
        return True

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(national_id=claims["pid"])

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None and not user.is_active:
            raise SuspiciousOperation("account disabled")
        if user is not None:
            # Needed for the log-out (id_token_hint) and the session's length and sid.
            # Kept on the request: login() rotates the session afterwards, and
            # callback() stores them there.
            self.request.idporten_id_token = id_token
            self.request.idporten_claims = payload
        return user

    @transaction.atomic
    def create_user(self, claims):
        """The first ID-porten log-in. A citizen already logged in with a local account
        has their identity added to it; otherwise a new account is made (ID-porten gives
        no e-mail address, so it gets a placeholder until the citizen adds one)."""
        pid = claims["pid"]
        current = getattr(self.request, "user", None)
        User = get_user_model()
        try:
            if current is not None and current.is_authenticated and not current.national_id:
                # Locked: two log-ins finishing at once must not both claim the account.
                user = User.objects.select_for_update().get(pk=current.pk)
                user.national_id = pid
                user.save(update_fields=["national_id"])
                logger.info("Verified identity added to account %s", user.pk)
                return user
            user = User.objects.create_user(
                email=f"{uuid.uuid4().hex}@{PLACEHOLDER_EMAIL_DOMAIN}",
                password=None,
                national_id=pid,
            )
        except IntegrityError:
            raise SuspiciousOperation("identity already linked to another account") from None
        group, _created = Group.objects.get_or_create(name=Role.CITIZEN.value)
        user.groups.add(group)
        logger.info("Account %s created from ID-porten", user.pk)
        return user


def _require_enabled():
    if not getattr(settings, "IDPORTEN_ENABLED", False):
        raise Http404


def start(request):
    """Send the citizen to ID-porten (state, nonce and PKCE S256 kept in the session)."""
    _require_enabled()
    return OIDCAuthenticationRequestView.as_view()(request)


def callback(request):
    _require_enabled()
    response = OIDCAuthenticationCallbackView.as_view()(request)
    id_token = getattr(request, "idporten_id_token", None)
    if not id_token or not request.user.is_authenticated:
        messages.error(request, _("Innloggingen med ID-porten mislyktes. Prøv igjen."))
        return response
    # A local account that adds its verified identity is not logged in again by the
    # library, so rotate the key here too: the session now reaches more.
    request.session.cycle_key()
    request.session[ID_TOKEN_SESSION_KEY] = id_token
    claims = request.idporten_claims
    idporten_sessions.begin(request, sid=claims.get("sid"), auth_time=int(claims["auth_time"]))
    return response


def end_session_url(request) -> str | None:
    """Where to send the browser after the portal's own log-out, so the ID-porten
    session ends too; None when the session did not come from ID-porten. Call before
    the session is flushed."""
    id_token = request.session.get(ID_TOKEN_SESSION_KEY)
    if not id_token or not getattr(settings, "IDPORTEN_ENABLED", False):
        return None
    endpoint = getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", DEFAULT_LOGOUT_ENDPOINT)
    redirect_uri = getattr(settings, "IDPORTEN_POST_LOGOUT_REDIRECT_URI", None) or (
        settings.SITE_URL + reverse("portal:home")
    )
    query = urlencode({"id_token_hint": id_token, "post_logout_redirect_uri": redirect_uri})
    return f"{endpoint}?{query}"


def has_placeholder_email(user) -> bool:
    return user.email.endswith("@" + PLACEHOLDER_EMAIL_DOMAIN)
