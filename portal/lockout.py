"""Who is locked out after failed log-ins (django-axes, configured in portal/settings.py).

- A password log-in counts per account *and* client address (AXES_LOCKOUT_PARAMETERS):
  AXES_FAILURE_LIMIT wrong passwords for an account from one address lock that account
  from that address only, so an attacker elsewhere cannot lock the owner out.
- An address from which AXES_ADDRESS_FAILURE_LIMIT password log-ins failed within the
  cool-off period, across all accounts, is refused for every account (password
  spraying). The limit is higher, because many people may share one address.
- A new password set through the e-mailed reset link lifts the account's lock at every
  address (``clear_failures``), as the lock-out page says: whoever sets it has the
  mailbox, and the wrong guesses were against the old password. Asking for the link
  changes nothing, and a lock on the address stays.
- A failed ID-porten callback has no account name. It counts per browser session,
  never for the address, so one citizen's (or an attacker's) failures never lock out
  the other citizens behind the same address (a library, an office, a mobile network).

The address is portal.client_ip.address_for_limits (AXES_CLIENT_IP_CALLABLE). The
attempts live in the database (AccessAttempt), which every app server shares.
"""

import hashlib
import uuid

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

# Account names of attempts without a password (ID-porten callbacks). Never an e-mail
# address (those have no spaces), so never an account of a password log-in.
SESSION_PREFIX = "# session "

# Default; the setting of the same name overrides it (read at call time).
AXES_ADDRESS_FAILURE_LIMIT = 30


def username(request: HttpRequest, credentials: dict | None) -> str:
    """The account name failures count for (AXES_USERNAME_CALLABLE).

    A password log-in: the e-mail address as typed, trimmed and in lower case (log-in
    is case-insensitive, so ``Kari@…`` must not get its own five attempts). Anything
    else (an ID-porten callback): the browser session, hashed."""
    if credentials is None:
        typed = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        typed = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    if typed:
        return str(typed).strip().lower()
    return SESSION_PREFIX + _session_fingerprint(request, credentials)


def _session_fingerprint(request: HttpRequest, credentials: dict | None) -> str:
    session = getattr(request, "session", None)
    key = getattr(session, "session_key", None)
    if not key:
        # No session: the attempt counts on its own (the nonce is one log-in attempt).
        key = (credentials or {}).get("nonce") or uuid.uuid4().hex
    return hashlib.sha256(f"{settings.SECRET_KEY}:{key}".encode()).hexdigest()[:32]


def clear_failures(*, user) -> None:
    """The account's failed password log-ins are forgotten (after a password reset)."""
    AxesProxyHandler.reset_attempts(username=user.email.strip().lower())


def is_password_attempt(name: str | None) -> bool:
    return bool(name) and not (name or "").startswith(SESSION_PREFIX)


def address_failure_limit() -> int:
    return int(getattr(settings, "AXES_ADDRESS_FAILURE_LIMIT", AXES_ADDRESS_FAILURE_LIMIT))


def address_failures(request: HttpRequest) -> int:
    """Failed password log-ins from the request's address, across all accounts, within
    the cool-off period."""
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return 0  # unknown: counting all unknown clients together would lock everybody
    attempts = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
    ).exclude(username__startswith=SESSION_PREFIX)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class PortalAxesHandler(AxesDatabaseHandler):
    """axes' database handler with the address limit on top (see the module text)."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        if not is_password_attempt(get_client_username(request, credentials)):
            # For the lock-out page: this browser is locked, not an account.
            request.portal_session_locked = True
            return failures
        if address_failures(request) >= address_failure_limit():
            request.portal_address_locked = True
            return max(failures, get_failure_limit(request, credentials))
        return failures
