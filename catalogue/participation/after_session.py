"""Who may be asked for feedback after a session: the selector a feedback invitation
connects to (docs/participation.md, "After the session")."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from catalogue.participation.models import SignUp


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
