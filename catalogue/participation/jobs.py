"""The scheduled work of participation (docs/participation.md, "Scheduled jobs").

- ``run_periodic``: places offered and not taken in time pass on
  (``services.expire_offers``), and tomorrow's reminders go out
  (``reminders.send_reminders``), and those who came to a session that has ended get
  the one-time feedback link (``after_session.invite_attended_to_feedback``). Run every 15 minutes by
  ``manage.py run_participation``, and also by the daily job, so a municipality that
  schedules only the daily job still gets both (once a day).
- The deletion of old sign-ups (``retention.delete_old_signups``) belongs to the daily
  retention job (``referrals.records.retention.run_retention``).

Every step is idempotent; the counts carry no personal data.
"""

import datetime

from django.utils import timezone

from catalogue.participation import after_session, reminders, services


def run_periodic(now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    return {
        "offers_lapsed": services.expire_offers(now),
        "reminders_sent": reminders.send_reminders(now),
        "session_feedback_invited": after_session.invite_attended_to_feedback(now),
    }
