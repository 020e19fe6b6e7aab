"""How long a portal session that came from ID-porten lives, and how ID-porten ends it.

ID-porten is a single sign-on: one ID-porten session (``sid``) serves every service the
citizen logs in to. Digdir requires every OIDC integration to end its own session when
the citizen logs out of ID-porten elsewhere (front-channel logout), and recommends
back-channel logout as well:

- Front-channel: ID-porten's log-out page frames ``frontchannel_logout_uri`` with
  ``?iss=…&sid=…``. The browser does not send our session cookie into that frame (a
  third-party, SameSite=Lax cookie), so the session is found by ``sid``, not by cookie.
  The view may be framed by exactly ID-porten's origin (the end-session endpoint's).
- Back-channel: ID-porten POSTs a signed ``logout_token`` (a JWT with the
  back-channel-logout event and the ``sid``) from its servers to
  ``backchannel_logout_uri``; it is verified like an ID token.

Both record the ``sid`` as ended (portal.models.EndedIdPortenSession). Sessions cannot be
listed by user or by sid (database or Redis), so :class:`IdPortenSessionMiddleware`
checks the ``sid`` of an ID-porten session on each request and ends the session once
its ``sid`` is recorded.

The same middleware makes the session last as ID-porten's does (Digdir, "SSO og SLO":
30 minutes, extended by use up to 120 minutes after the authentication): it ends after
``IDPORTEN_SESSION_IDLE_MINUTES`` without a request and at the latest
``IDPORTEN_SESSION_MAX_MINUTES`` after ``auth_time``; then the citizen logs in again.
"""

import logging
import time
from datetime import timedelta
from urllib.parse import urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from portal.models import EndedIdPortenSession

logger = logging.getLogger(__name__)

SID_SESSION_KEY = "idporten_sid"
ENDS_AT_SESSION_KEY = "idporten_session_ends_at"  # auth_time + the longest session
LAST_SEEN_SESSION_KEY = "idporten_last_seen"
ACTIVITY_RESOLUTION_SECONDS = 60
BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout"
LOGOUT_TOKEN_MAX_AGE_SECONDS = 5 * 60
CLOCK_SKEW_SECONDS = 30


def begin(request, *, sid: str | None, auth_time: int) -> None:
    """Remember, in the (new) session of an ID-porten log-in, its ``sid`` and when it
    must end. Call after the session key has rotated."""
    now = int(time.time())
    if sid:
        request.session[SID_SESSION_KEY] = sid
    request.session[ENDS_AT_SESSION_KEY] = auth_time + settings.IDPORTEN_SESSION_MAX_SECONDS
    request.session[LAST_SEEN_SESSION_KEY] = now


def end_idporten_session(*, sid: str) -> None:
    """Record that ID-porten ended the session ``sid``: every portal session from it
    ends at its next request."""
    longest = settings.IDPORTEN_SESSION_MAX_SECONDS + CLOCK_SKEW_SECONDS
    with transaction.atomic():
        # Two logout calls for one sid may arrive at once (front- and back-channel).
        EndedIdPortenSession.objects.bulk_create(
            [EndedIdPortenSession(sid=sid)], ignore_conflicts=True
        )
        # No session from ID-porten outlives the longest session, nor does its record.
        EndedIdPortenSession.objects.filter(
            ended_at__lt=timezone.now() - timedelta(seconds=longest)
        ).delete()
    logger.info("ID-porten session ended by ID-porten")


class IdPortenSessionMiddleware:
    """End a portal session from ID-porten when ID-porten ended it (its ``sid`` is
    recorded), when it has been idle too long, or when it has lasted as long as an
    ID-porten session may. Place after MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and ENDS_AT_SESSION_KEY in session:
            reason = self._reason_to_end(request)
            if reason is not None:
                logout(request)
                messages.info(request, reason)
        return self.get_response(request)

    def _reason_to_end(self, request) -> str | None:
        session = request.session
        now = int(time.time())
        sid = session.get(SID_SESSION_KEY)
        if sid and EndedIdPortenSession.objects.filter(sid=sid).exists():
            return _("Du er logget ut fordi du logget ut av ID-porten.")
        last_seen = int(session.get(LAST_SEEN_SESSION_KEY, 0))
        if now >= int(session[ENDS_AT_SESSION_KEY]) or (
            now - last_seen > settings.IDPORTEN_SESSION_IDLE_SECONDS
        ):
            return _("Innloggingen din er utløpt. Logg inn igjen for å fortsette.")
        # Written at most once a minute, not on every request.
        if now - last_seen >= ACTIVITY_RESOLUTION_SECONDS:
            session[LAST_SEEN_SESSION_KEY] = now
        return None


# --- the logout endpoints ID-porten calls ---------------------------------------------


def _require_enabled():
    if not getattr(settings, "IDPORTEN_ENABLED", False):
        raise Http404


def idporten_origin() -> str:
    """The origin of ID-porten's log-out page, which frames the front-channel logout."""
    parts = urlsplit(settings.OIDC_OP_LOGOUT_ENDPOINT)
    return f"{parts.scheme}://{parts.netloc}"


@require_safe
@never_cache
@xframe_options_exempt
def frontchannel_logout(request):
    """OpenID Connect Front-Channel Logout 1.0, ``frontchannel_logout_uri``: ID-porten
    frames this page with its ``iss`` and the ``sid`` of the session that ended."""
    _require_enabled()
    sid = request.GET.get("sid", "")
    issuer = request.GET.get("iss", "")
    if not sid or issuer != settings.OIDC_OP_ISSUER:
        logger.warning("Front-channel logout refused: no sid or wrong issuer")
        response = HttpResponse(status=400)
    else:
        end_idporten_session(sid=sid)
        if request.session.get(SID_SESSION_KEY) == sid:
            logout(request)  # the cookie came along (same site): end it at once
        response = render(request, "registration/frontchannel_logout.html")
    # Framed by ID-porten's log-out page, and by nothing else.
    response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": [idporten_origin()]}
    return response


class InvalidLogoutToken(Exception):
    pass


def verify_logout_token(token: str) -> dict:
    """The claims of a valid back-channel ``logout_token`` (OpenID Connect Back-Channel
    Logout 1.0, section 2.6), or InvalidLogoutToken."""
    from portal.oidc import IdPortenBackend

    try:
        if jwt.get_unverified_header(token).get("alg") != settings.OIDC_RP_SIGN_ALGO:
            raise InvalidLogoutToken("unexpected signing algorithm")
        key = IdPortenBackend().retrieve_matching_jwk(token)
        claims = jwt.decode(
            token,
            key,
            algorithms=[settings.OIDC_RP_SIGN_ALGO],
            audience=settings.OIDC_RP_CLIENT_ID,
            issuer=settings.OIDC_OP_ISSUER,
            leeway=CLOCK_SKEW_SECONDS,
            options={"require": ["iat", "iss", "aud", "jti"]},
        )
    except (jwt.InvalidTokenError, SuspiciousOperation) as error:
        raise InvalidLogoutToken(type(error).__name__) from None
    events = claims.get("events")
    if not isinstance(events, dict) or BACKCHANNEL_LOGOUT_EVENT not in events:
        raise InvalidLogoutToken("not a back-channel logout event")
    if "nonce" in claims:
        raise InvalidLogoutToken("a logout token has no nonce")
    if time.time() - int(claims["iat"]) > LOGOUT_TOKEN_MAX_AGE_SECONDS:
        raise InvalidLogoutToken("issued too long ago")
    if not claims.get("sid"):
        # Registered with backchannel_logout_session_required: the sid names the session.
        raise InvalidLogoutToken("no sid")
    return claims


@csrf_exempt  # a server-to-server call from ID-porten; the signed token is the proof
@require_POST
@never_cache
def backchannel_logout(request):
    """OpenID Connect Back-Channel Logout 1.0, ``backchannel_logout_uri``."""
    _require_enabled()
    try:
        claims = verify_logout_token(request.POST.get("logout_token", ""))
    except InvalidLogoutToken as error:
        logger.warning("Back-channel logout refused: %s", error)
        return JsonResponse({"error": "invalid_request"}, status=400)
    except requests.RequestException as error:
        logger.error("Back-channel logout: ID-porten's keys unreachable (%s)", type(error).__name__)
        return JsonResponse({"error": "temporarily_unavailable"}, status=503)
    end_idporten_session(sid=claims["sid"])
    return HttpResponse(status=200)
