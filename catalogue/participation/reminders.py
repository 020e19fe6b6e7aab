"""The reminder the day before a session (docs/participation.md, "Reminders").

Every confirmed sign-up for a session that starts tomorrow (Oslo's calendar day after
``now``) gets one reminder, in the language it was made in (``SignUp.language``):

- by e-mail when the sign-up has an e-mail address;
- by text message (portal.sms) when it has none: the phone number is always there,
  since the form asks for it. Never both, so nobody gets the same news twice (and the
  municipality pays for a text only when an e-mail cannot reach the person).

``SignUp.reminded_at`` is set in the same statement that claims the sign-up
(``UPDATE … WHERE reminded_at IS NULL``), so two runs at once, or the job run every
15 minutes and the daily job, send each reminder exactly once. A sign-up confirmed
after the reminders went out (a place freed up today) is reminded by the next run.

The reminder's link is a fresh one (as every message's: only the newest works).
"""

import datetime
import logging

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from catalogue.participation import services
from catalogue.participation.lists import day_bounds
from catalogue.participation.models import SignUp
from portal import sms
from portal.emails import queue_email

logger = logging.getLogger(__name__)

# A title longer than this is shortened in the text message (the rest is in the link).
SMS_TITLE_LENGTH = 80


def due_for_reminder(now: datetime.datetime | None = None) -> QuerySet[SignUp]:
    """Confirmed sign-ups not yet reminded whose session starts tomorrow (local day)."""
    now = now or timezone.now()
    start, end = day_bounds(timezone.localdate(now) + datetime.timedelta(days=1))
    return SignUp.objects.filter(
        status=SignUp.Status.CONFIRMED,
        reminded_at__isnull=True,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
        session__starts_at__gt=now,
    )


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Send tomorrow's reminders; returns how many were sent (queued)."""
    now = now or timezone.now()
    sent = 0
    for pk in list(due_for_reminder(now).order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            claimed = SignUp.objects.filter(
                pk=pk, reminded_at__isnull=True, status=SignUp.Status.CONFIRMED
            ).update(reminded_at=now)
            if not claimed:
                continue
            signup = SignUp.objects.select_related("session__offer", "session__location").get(pk=pk)
            token = signup.new_token()
            signup.save(update_fields=["token_hash"])
            remind(signup, token)
            sent += 1
    logger.info("Reminders: %d sent", sent)
    return sent


def remind(signup: SignUp, token: str) -> None:
    """The reminder itself: an e-mail, or a text message when there is no e-mail."""
    if signup.email:
        location = signup.session.location
        with override(signup.language):  # the offer's title in the person's language
            context = services.email_context(signup, token)
        context["where"] = f"{location.name}, {location.full_address}" if location else ""
        queue_email(
            to=[signup.email],
            template="catalogue/participation/emails/reminder.txt",
            context=context,
            language=signup.language,
        )
    elif signup.phone:
        sms.send_sms(signup.phone, reminder_text(signup, token))


def reminder_text(signup: SignUp, token: str) -> str:
    """The text message: the offer, the time and the link, in the sign-up's language."""
    starts = timezone.localtime(signup.session.starts_at)
    with override(signup.language):
        title = str(signup.session.offer.tr("title"))
        if len(title) > SMS_TITLE_LENGTH:
            title = title[: SMS_TITLE_LENGTH - 1] + "…"
        return _("Påminnelse: %(title)s i morgen kl. %(start)s. Meld av her: %(link)s") % {
            "title": title,
            "start": f"{starts:%H.%M}",
            "link": services.manage_url(token),
        }
