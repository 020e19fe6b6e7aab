"""The daily job (docs/retention.md), run through django.tasks so a worker does the
work: ``manage.py run_retention`` enqueues it (cron or a systemd timer). Besides the
retention rule it tries the failed letter dispatches again
(``referrals.letters.dispatch.retry_failed``), so a letter whose channel was down or
whose recipient had no address is sent without anyone remembering to, and invites the
people whose day-centre place started three months ago to give feedback
(``referrals.capacity.services.invite_to_feedback``, docs/feedback.md). It also runs
participation's periodic work (``catalogue.participation.jobs.run_periodic``: lapsed
offered places, tomorrow's reminders)."""

import logging

from django.tasks import task

from catalogue.participation.jobs import run_periodic as run_participation
from referrals.capacity.services import invite_to_feedback
from referrals.letters.dispatch import retry_failed
from referrals.records import retention

logger = logging.getLogger(__name__)


@task()
def run_retention() -> dict[str, int]:
    """Delete old drafts and undecided closed cases, remove the attachments of old
    decided cases once they are in the archive, retry the failed letter dispatches and
    send the three-month feedback invitations. Returns the counts (no personal data)."""
    counts = retention.run_retention()
    counts["letter_dispatches_retried"] = retry_failed()
    logger.info("Retried %d failed letter dispatch(es)", counts["letter_dispatches_retried"])
    counts["feedback_invitations_sent"] = invite_to_feedback()
    logger.info("Sent %d feedback invitation(s)", counts["feedback_invitations_sent"])
    # Participation's periodic work (also run every 15 minutes by run_participation):
    # lapsed offered places pass on, tomorrow's reminders go out.
    counts.update(run_participation())
    return counts


@task()
def delete_stale_drafts() -> int:
    """Delete drafts not touched for 30 days (also: manage.py delete_stale_drafts)."""
    return retention.delete_stale_drafts()
