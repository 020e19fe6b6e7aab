"""Changes: invite someone to give feedback on an offer, and store an answer.

``invite`` makes a one-time link and, given an e-mail address, sends it (queued on
commit through portal.emails); the address is not stored. ``answer`` uses the link up
and stores the answer apart from it (docs/feedback.md)."""

import hashlib
import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from catalogue.feedback.models import FeedbackAnswer, FeedbackInvitation, Occasion
from catalogue.models import Offer
from portal.emails import queue_email

INVITATION_DAYS = 30


class InvitationClosed(Exception):
    """The link was used already, or has expired."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def _start_of_month(moment: datetime) -> datetime:
    local = timezone.localtime(moment)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def invite(
    offer: Offer,
    occasion: Occasion | str,
    email: str | None = None,
    *,
    reference: str = "",
    language: str | None = None,
) -> str:
    """Make a one-time feedback link for ``offer`` and return its full address; with
    ``email``, send the link there after the transaction commits (``language``: the
    e-mail's, the site's default otherwise). Neither the address nor the token is kept."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        FeedbackInvitation.objects.create(
            offer=offer,
            occasion=Occasion(occasion),
            reference=reference[:100],
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + timedelta(days=INVITATION_DAYS),
        )
        url = settings.SITE_URL + reverse("catalogue:feedback_answer", kwargs={"token": token})
        if email:
            language = language or settings.LANGUAGE_CODE
            with translation.override(language):
                title = str(offer.tr("title"))
            queue_email(
                to=[email],
                template="catalogue/feedback/invitation_email.txt",
                context={
                    "offer": offer,
                    "title": title,
                    "link": url,
                    "days": INVITATION_DAYS,
                    "municipality_name": settings.MUNICIPALITY_NAME,
                },
                language=language,
            )
    return url


def answer(
    *,
    invitation: FeedbackInvitation,
    enjoyed: int,
    took_part: int,
    recommend: int,
    free_text: str = "",
) -> FeedbackAnswer:
    """Use the invitation up and store the answer without any tie to it.

    The invitation row is locked: two submits of the same link at once give one answer
    and one ``InvitationClosed``."""
    now = timezone.now()
    with transaction.atomic():
        locked = FeedbackInvitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.used_at is not None or locked.expires_at <= now:
            raise InvitationClosed
        locked.used_at = _start_of_month(now)
        locked.save(update_fields=["used_at"])
        return FeedbackAnswer.objects.create(
            offer_id=locked.offer_id,
            enjoyed=enjoyed,
            took_part=took_part,
            recommend=recommend,
            free_text=free_text,
            answered_on=first_of_month(timezone.localdate(now)),
        )


# A link past its expiry is kept this long, so that it answers "already used or too old"
# (410) for a while rather than "unknown" (404); then it is deleted by the daily job.
KEEP_EXPIRED_DAYS = 90


def delete_old_invitations(*, now: datetime | None = None) -> int:
    """Delete invitations that expired more than ``KEEP_EXPIRED_DAYS`` ago, used or
    not (called by ``referrals.records.retention.run_retention``). Answers stay: they
    are not tied to the invitations."""
    cutoff = (now or timezone.now()) - timedelta(days=KEEP_EXPIRED_DAYS)
    count, _ = FeedbackInvitation.objects.filter(expires_at__lt=cutoff).delete()
    return count
