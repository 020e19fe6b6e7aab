"""Log-in with ID-porten (OpenID Connect) through mozilla-django-oidc.

Authorization code flow with PKCE (S256), state and nonce (the library), and on top of
it what ID-porten needs: the answer must name ID-porten as its issuer (``iss``, RFC
9207); the ID token's issuer, audience, expiry, ``auth_time`` and ``acr`` (level of
assurance, at least ``idporten-loa-substantial``) are checked, and the ``pid`` claim
(the national identity number) becomes ``user.national_id``, the only way it is ever
set. The identity number is never logged. ID-porten is asked to speak the reader's
language (``ui_locales``). The portal authenticates at the token endpoint with the
client secret or, as Digdir recommends, ``private_key_jwt`` (IDPORTEN_CLIENT_AUTH_METHOD).

A log-in that does not work (cancelled, too low a level, a refused code, ID-porten out
of reach, a token that fails a check) ends on a page that says so (``failed``), never
an error page. The reason goes to the log, never the token or its claims.
An ID-porten log-in never joins whatever local account happens to be logged in (the
previous person at a shared computer): it logs in the account that has the ``pid``, or a
new one, and Django's log-in ends the other session. A local account gets the verified
identity only when its owner asks for it on the account page (``link``, a POST that
starts the log-in at ID-porten and marks that one authorization request in the session,
for a few minutes, once). A log-in cancelled at ID-porten leaves the session as it was.
A session that logged in this way is marked as verified (``verified_national_id``):
applying for oneself then uses that number, locked, and the application records that
the identity was verified.

Configured from the environment (see the "Citizen log-in" block at the end of
portal/settings.py); without IDPORTEN_ENABLED the URLs answer 404.

Logging out of the portal also ends the ID-porten session when the citizen came in
through ID-porten: portal.views.LogoutView ends the portal session, then a page of ours
sends the browser on to ID-porten's end_session_endpoint (``OIDC_OP_LOGOUT_ENDPOINT``)
with the ID token as ``id_token_hint`` and ``post_logout_redirect_uri``
(``IDPORTEN_POST_LOGOUT_REDIRECT_URI``, by default the front page on SITE_URL, which
must be registered with ID-porten). How long the session lives and how ID-porten ends
it (front- and back-channel logout) is in portal.idporten_sessions.
"""

import logging
import time
import uuid
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_safe
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
# That this session proved its identity with ID-porten: a keyed hash of the pid (the
# number itself is not stored), compared with user.national_id when read.
VERIFIED_IDENTITY_SESSION_KEY = "idporten_verified_identity"
# ID-porten's user interface languages (ui_locales) for the reader's language.
UI_LOCALES = {"nb": "nb", "nn": "nn", "en": "en"}
# Why a log-in failed, shown on the failure page (a code in its address, nothing personal).
FAILURE_CANCELLED = "avbrutt"
FAILURE_LEVEL = "sikkerhetsniva"
FAILURE_UNAVAILABLE = "utilgjengelig"
FAILURE_OTHER = "feil"
FAILURES = (FAILURE_CANCELLED, FAILURE_LEVEL, FAILURE_UNAVAILABLE, FAILURE_OTHER)
# A single sign-on log-in that would leave less than this of ID-porten's session is done
# again with prompt=login (the citizen authenticates afresh and gets a whole session)
# rather than logging the citizen out again within minutes.
SHORTEST_SESSION_SECONDS = 10 * 60
FORCE_LOGIN_SESSION_KEY = "idporten_prompt_login"
PROMPT_LOGIN_SENT_SESSION_KEY = "idporten_prompt_login_sent"
# The owner of the local account logged in asked, on the account page, to add their
# verified identity to it: which account, which authorization request (its state) and
# until when. Used up by the first answer from ID-porten, whatever it is.
LINK_SESSION_KEY = "idporten_link_account"
LINK_SECONDS = 10 * 60
CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
CLIENT_ASSERTION_LIFETIME_SECONDS = 60


def _oauth_error(response) -> str:
    """The OAuth error code of a refused token request (never the whole body)."""
    try:
        code = response.json().get("error")
    except (ValueError, AttributeError):
        code = None
    return f"{code or 'no error code'} (HTTP {response.status_code})"


def client_assertion() -> str:
    """private_key_jwt (RFC 7523): a short-lived JWT signed with the client's own key,
    registered with ID-porten under IDPORTEN_CLIENT_KEY_ID, instead of a shared secret."""
    now = int(time.time())
    client_id = settings.OIDC_RP_CLIENT_ID
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": settings.OIDC_OP_ISSUER,
        "iat": now,
        "exp": now + CLIENT_ASSERTION_LIFETIME_SECONDS,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(
        claims,
        settings.IDPORTEN_CLIENT_PRIVATE_KEY,
        algorithm="RS256",
        headers={"kid": settings.IDPORTEN_CLIENT_KEY_ID},
    )


def callback_url() -> str:
    """The redirect_uri, as registered with ID-porten: on SITE_URL. mozilla-django-oidc
    builds it from the request's Host (``absolutify``), which the client chooses."""
    return settings.SITE_URL + reverse(settings.OIDC_AUTHENTICATION_CALLBACK_URL)


class IdPortenBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as error:
            # A forged, replayed, expired or too weak token: no log-in, and the reason
            # (never the token or its claims) in the log.
            logger.warning("ID-porten log-in refused: %s", error)
            return None
        except requests.HTTPError as error:
            # The token endpoint refused the code (invalid_grant: used, expired, not
            # ours) or this client (invalid_client).
            logger.warning("ID-porten refused the token request: %s", _oauth_error(error.response))
            return None
        except requests.RequestException as error:
            logger.error("ID-porten could not be reached: %s", type(error).__name__)
            self._failed(FAILURE_UNAVAILABLE)
            return None
        except ValueError:
            logger.error("ID-porten's token endpoint answered something other than JSON")
            return None

    def _failed(self, reason: str) -> None:
        if getattr(self, "request", None) is not None:
            self.request.idporten_failure = reason

    def get_token(self, payload):
        # The same redirect_uri as in the authorization request (RFC 6749, 4.1.3).
        payload = {**payload, "redirect_uri": callback_url()}
        if settings.IDPORTEN_CLIENT_AUTH_METHOD != "private_key_jwt":
            return super().get_token(payload)
        payload = {key: value for key, value in payload.items() if key != "client_secret"}
        payload["client_assertion_type"] = CLIENT_ASSERTION_TYPE
        payload["client_assertion"] = client_assertion()
        response = requests.post(
            self.OIDC_OP_TOKEN_ENDPOINT,
            data=payload,
            verify=self.get_settings("OIDC_VERIFY_SSL", True),
            timeout=self.get_settings("OIDC_TIMEOUT", None),
            proxies=self.get_settings("OIDC_PROXY", None),
        )
        self.raise_token_response_error(response)
        return response.json()

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
            self._failed(FAILURE_LEVEL)
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
            # The verified pid, for marking the session verified (verified_national_id).
            self.request.idporten_pid = payload["pid"]
            self.request.idporten_claims = payload
        return user

    @transaction.atomic
    def create_user(self, claims):
        """The first ID-porten log-in with this pid. The local account logged in gets
        the identity only when its owner asked for it (``link``); otherwise a new
        account is made, and logging it in ends the other session (ID-porten gives no
        e-mail address, so it gets a placeholder until the citizen adds one)."""
        pid = claims["pid"]
        current = getattr(self.request, "user", None)
        User = get_user_model()
        try:
            if (
                current is not None
                and current.is_authenticated
                and not current.national_id
                and getattr(self.request, "idporten_link_account", None) == current.pk
            ):
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
                full_name=_name_from_claims(claims),
            )
        except IntegrityError:
            raise SuspiciousOperation("identity already linked to another account") from None
        group, _created = Group.objects.get_or_create(name=Role.CITIZEN.value)
        user.groups.add(group)
        logger.info("Account %s created from ID-porten", user.pk)
        return user


def _name_from_claims(claims) -> str:
    """ID-porten usually gives no name; when a name claim comes, it prefills the
    account (the citizen may still change it)."""
    name = claims.get("name") or " ".join(
        part for part in (claims.get("given_name"), claims.get("family_name")) if part
    )
    return str(name).strip()[:200]


def _identity_digest(national_id: str) -> str:
    return salted_hmac("portal.oidc.verified_identity", national_id, algorithm="sha256").hexdigest()


def verified_national_id(request) -> str:
    """The identity number this session proved with ID-porten, or "". A password
    log-in proves nothing about who is at the keyboard now, even to an account that
    once added its identity with ID-porten."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.national_id:
        return ""
    stored = request.session.get(VERIFIED_IDENTITY_SESSION_KEY, "")
    if stored and constant_time_compare(stored, _identity_digest(user.national_id)):
        return user.national_id
    return ""


def _require_enabled():
    if not getattr(settings, "IDPORTEN_ENABLED", False):
        raise Http404


class IdPortenAuthenticationRequestView(OIDCAuthenticationRequestView):
    def get_extra_params(self, request):
        params = {**super().get_extra_params(request), "redirect_uri": callback_url()}
        # ID-porten speaks the reader's language.
        params["ui_locales"] = UI_LOCALES.get(translation.get_language() or "", "nb")
        if request.session.pop(FORCE_LOGIN_SESSION_KEY, False):
            params["prompt"] = "login"
            request.session[PROMPT_LOGIN_SENT_SESSION_KEY] = True
        return params


class IdPortenLinkRequestView(IdPortenAuthenticationRequestView):
    """The log-in at ID-porten that adds the identity to the account logged in: the
    authorization request, with its state marked in the session (LINK_SESSION_KEY).
    Answered with a page of ours that leads on to ID-porten (a refresh of 0 seconds and
    a link): the CSP's form-action 'self' stops a form's redirect to another site."""

    http_method_names = ["post"]

    def post(self, request):
        authorization_url = self.get(request)["Location"]
        state = parse_qs(urlsplit(authorization_url).query)["state"][0]
        request.session[LINK_SESSION_KEY] = {
            "account": request.user.pk,
            "state": state,
            "until": time.time() + LINK_SECONDS,
        }
        return render(
            request,
            "registration/idporten_continue.html",
            {"authorization_url": authorization_url},
        )


@require_safe
def start(request):
    """Send the citizen to ID-porten (state, nonce and PKCE S256 kept in the session)."""
    _require_enabled()
    # An ordinary log-in: an earlier request to add the identity to an account is void.
    request.session.pop(LINK_SESSION_KEY, None)
    return IdPortenAuthenticationRequestView.as_view()(request)


@login_required
@require_http_methods(["GET", "POST"])
def link(request):
    """The account page where the owner of a local account adds their identity from
    ID-porten to it: it names the account, and its button (POST) goes to ID-porten."""
    _require_enabled()
    if request.user.national_id:
        raise Http404  # the account has its identity already
    if request.method == "POST":
        return IdPortenLinkRequestView.as_view()(request)
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts=None):
        next_url = ""  # only a path on this site
    return render(request, "registration/idporten_link.html", {"next": next_url})


def _link_requested(request) -> int | None:
    """The account this answer from ID-porten may add the identity to, if its owner
    asked (``link``): the request's mark is used up here, and counts only for the
    authorization request it was made for, in time, with the same account logged in."""
    mark = request.session.pop(LINK_SESSION_KEY, None)
    user = getattr(request, "user", None)
    if not isinstance(mark, dict) or user is None or not user.is_authenticated:
        return None
    if (
        mark.get("account") != user.pk
        or not constant_time_compare(str(mark.get("state", "")), request.GET.get("state", ""))
        or float(mark.get("until", 0)) < time.time()
    ):
        return None
    return user.pk


def _failed(reason: str):
    return redirect(f"{reverse('accounts:oidc_failed')}?{urlencode({'grunn': reason})}")


def _forget_state(request) -> None:
    states = request.session.get("oidc_states") or {}
    if states.pop(request.GET.get("state", ""), None) is not None:
        request.session.modified = True


@require_safe
def callback(request):
    _require_enabled()
    request.idporten_link_account = _link_requested(request)
    # RFC 9207: the answer must name ID-porten, or it may come from another provider
    # the browser was sent to (a mix-up attack). ID-porten always sends `iss`.
    if request.GET.get("iss") != settings.OIDC_OP_ISSUER:
        _forget_state(request)
        logger.warning("ID-porten log-in refused: the answer names another issuer (RFC 9207)")
        return _failed(FAILURE_OTHER)
    error = request.GET.get("error")
    if error:
        # Not through the library's view, which would also log out whoever is logged
        # in: a log-in cancelled at ID-porten leaves the session as it was.
        _forget_state(request)
        logger.info("ID-porten log-in ended at ID-porten: %s", error[:50])
        return _failed(FAILURE_CANCELLED if error == "access_denied" else FAILURE_OTHER)
    try:
        response = OIDCAuthenticationCallbackView.as_view()(request)
    except SuspiciousOperation as refusal:
        # An answer to a log-in this browser did not start (unknown state).
        logger.warning("ID-porten log-in refused: %s", refusal)
        return _failed(FAILURE_OTHER)
    id_token = getattr(request, "idporten_id_token", None)
    if not id_token or not request.user.is_authenticated:
        return _failed(getattr(request, "idporten_failure", FAILURE_OTHER))
    claims = request.idporten_claims
    auth_time = int(claims["auth_time"])
    if auth_time + settings.IDPORTEN_SESSION_MAX_SECONDS - time.time() < SHORTEST_SESSION_SECONDS:
        return _log_in_afresh(request)
    request.session.pop(PROMPT_LOGIN_SENT_SESSION_KEY, None)
    # A local account that adds its verified identity is not logged in again by the
    # library, so rotate the key here too: the session now reaches more.
    request.session.cycle_key()
    request.session[ID_TOKEN_SESSION_KEY] = id_token
    request.session[VERIFIED_IDENTITY_SESSION_KEY] = _identity_digest(request.idporten_pid)
    idporten_sessions.begin(request, sid=claims.get("sid"), auth_time=auth_time)
    return response


def _log_in_afresh(request):
    """The single sign-on session at ID-porten is nearly over: ask ID-porten once more,
    with prompt=login, so the citizen authenticates again (once; a second old answer
    is a failure)."""
    asked_already = request.session.get(PROMPT_LOGIN_SENT_SESSION_KEY, False)
    next_url = request.session.get("oidc_login_next")
    logout(request)
    if asked_already:
        logger.warning("ID-porten log-in refused: auth_time too old after prompt=login")
        return _failed(FAILURE_OTHER)
    request.session[FORCE_LOGIN_SESSION_KEY] = True
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    return redirect(reverse("accounts:oidc_start") + query)


@require_safe
def failed(request):
    """The page a citizen sees when the log-in with ID-porten did not work."""
    _require_enabled()
    reason = request.GET.get("grunn")
    return render(
        request,
        "registration/idporten_failed.html",
        {"reason": reason if reason in FAILURES else FAILURE_OTHER},
    )


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
