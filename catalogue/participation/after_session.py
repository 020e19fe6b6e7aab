"""Who may be asked for feedback after a session: the selector a feedback invitation
connects to (docs/participation.md, "After the session")."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from catalogue.feedback.models import Occasion
from catalogue.feedback.services import invite
from catalogue.participation.models import SignUp

# How far back a run looks for sessions that ended: a job that did not run for a few
# days still asks, a session long past is not brought up again.
LOOKBACK = datetime.timedelta(days=7)


def attended_signups_to_invite(
    since: datetime.datetime, now: datetime.datetime | None = None
) -> QuerySet[SignUp]:
    """Sign-ups the unit ticked as attended, for sessions that ended between ``since``
    and ``now``, that have an e-mail address to send the one-time link to; with the
    session and its offer loaded. Ordered by session end, then id, so a job can call it
    with the end of its previous run as ``since``."""
    return (
        SignUp.objects.filter(
            attended=True,
            session__ends_at__gt=since,
            session__ends_at__lte=now or timezone.now(),
        )
        .exclude(email="")
        .select_related("session__offer")
        .order_by("session__ends_at", "pk")
    )


def invite_attended_to_feedback(now: datetime.datetime | None = None) -> int:
    """Send the one-time feedback link (catalogue.feedback) to each participant ticked
    as attended at a session that ended in the last week, once per sign-up, in the
    sign-up's language. The invitation names the session, never the person, and the
    answer is not linked to the invitation. Returns the number sent."""
    now = now or timezone.now()
    signups = attended_signups_to_invite(now - LOOKBACK, now).filter(
        feedback_invited_at__isnull=True
    )
    sent = 0
    for signup in signups:
        invite(
            signup.session.offer,
            Occasion.SESSION,
            signup.email,
            reference=f"session:{signup.session_id}",
            language=signup.language,
        )
        SignUp.objects.filter(pk=signup.pk).update(feedback_invited_at=now)
        sent += 1
    return sent
