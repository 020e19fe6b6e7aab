"""Ending a user's sessions, and the log line when log-in is locked.

Sessions are not indexed by user (the database backend stores them opaquely, the cache
backend cannot be listed), so they are ended through the auth hash instead: every
session carries a hash of the user's password *and* ``User.session_epoch``
(portal.models). Raising the epoch makes every existing session fail Django's check on
its next request, where Django flushes it. This works with database and cache (Redis)
sessions alike and on any number of app servers, because the user row is read from the
database on each request anyway.

A user who is deactivated (admin, shell, management command, code: anything that calls
``save()``) has the epoch raised at once, so re-activating the account later never
brings an old session back. ``QuerySet.update(is_active=False)`` bypasses ``save()``;
call :func:`end_all_sessions` after it. A deleted user's sessions point at a row that no
longer exists and are refused by every backend.

Connected in PortalConfig.ready().
"""

import logging

from axes.signals import user_locked_out
from django.contrib.auth import SESSION_KEY
from django.db import transaction
from django.db.models import F
from django.db.models.signals import pre_save
from django.dispatch import receiver

from portal.models import User

logger = logging.getLogger(__name__)


def end_all_sessions(user: User) -> None:
    """End every session of ``user`` on its next request (any backend, any server)."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
        user.session_epoch = User.objects.values_list("session_epoch", flat=True).get(pk=user.pk)
    logger.info("All sessions ended for account %s", user.pk)


@receiver(pre_save, sender=User, dispatch_uid="portal.sessions.end_on_deactivation")
def end_sessions_on_deactivation(sender, instance: User, raw=False, update_fields=None, **kwargs):
    if raw or instance.is_active or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    if not User.objects.filter(pk=instance.pk, is_active=True).exists():
        return  # already inactive: its sessions were ended when it was deactivated
    # Written now (the save below may not include the field) and kept on the instance,
    # so a full save does not write the old value back.
    end_all_sessions(instance)


@receiver(user_locked_out, dispatch_uid="portal.sessions.log_lockout")
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """One line per lockout with the account number, never the e-mail address or
    identity number (django-axes keeps the attempts in AccessAttempt for the admin)."""
    account = None
    if username:
        account = User.objects.filter(email__iexact=username).values_list("pk", flat=True).first()
    shown = account if account is not None else "unknown"
    if getattr(request, "portal_address_locked", False):
        # portal.lockout: too many failures from the address across accounts.
        logger.warning(
            "Log-in refused for an address after failures across accounts (account %s)", shown
        )
        return
    logger.warning("Log-in locked after repeated failures (account %s)", shown)


class EndedSessionMiddleware:
    """Flush a session that still names a user who may no longer use it (deactivated or
    deleted), so nothing of it lingers in the browser. Place after
    AuthenticationMiddleware. The auth hash above already refuses such a session; this
    only removes it at once instead of when the account is re-activated."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if (
            session is not None
            and user is not None
            and SESSION_KEY in session
            and not user.is_authenticated
        ):
            session.flush()
        return self.get_response(request)
