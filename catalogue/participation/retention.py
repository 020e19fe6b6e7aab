"""How long sign-ups are kept (docs/participation.md, "Personal data").

A sign-up (name, phone, e-mail, needs) is kept while its session is ahead and for
``settings.PARTICIPATION_RETENTION_DAYS`` (90 unless set) after the session ended: time
for the unit to answer questions, and for the feedback after the session. Then the
daily job (``referrals.records.tasks.run_retention``) deletes it, whatever its status
(confirmed, cancelled, waiting, never confirmed). The session itself (a time and a
number of places, no personal data) stays.
"""

import datetime
import logging

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from catalogue.participation.models import SignUp

logger = logging.getLogger(__name__)


def retention_days() -> int:
    return int(settings.PARTICIPATION_RETENTION_DAYS)


def expired_signups(now: datetime.datetime | None = None) -> QuerySet[SignUp]:
    """Sign-ups whose session ended more than the retention period ago."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
    return SignUp.objects.filter(session__ends_at__lt=cutoff)


def delete_old_signups(now: datetime.datetime | None = None) -> int:
    """Delete the expired sign-ups; returns how many (logged as a count only)."""
    deleted, _ = expired_signups(now).delete()
    logger.info("Participation retention: %d sign-up(s) deleted", deleted)
    return deleted
