"""Background rendering of decision letters the renderer could not produce at once.

``casework.issue_decision`` and ``casework.correct_decision`` store the decision even
when WeasyPrint fails; its letter is then pending and ``render_pending_letter`` is
enqueued after commit. A failing attempt is retried later with a growing delay (on
backends that can run a task later; the database backend in production can) up to
``MAX_ATTEMPTS``; then it is logged as an error for operations, who run
``manage.py retry_pending_letters`` once the cause is fixed.
"""

import logging
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from portal.emails import render_email
from referrals.cases.models import Decision
from referrals.letters import dispatch as dispatch_services
from referrals.letters import services as letter_services
from referrals.letters.models import LetterDispatch

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# Wait before attempt n + 1 (after n failures): 1 min, 5 min, 30 min, 2 h, 6 h.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)


def retry_delay(attempts: int) -> timedelta:
    """The wait after ``attempts`` failed attempts."""
    return BACKOFF[min(max(attempts, 1), len(BACKOFF)) - 1]


def _enqueue(decision_id: int, run_after: datetime | None = None) -> None:
    try:
        if run_after is None:
            render_pending_letter.enqueue(decision_id=decision_id)
        else:
            render_pending_letter.using(run_after=run_after).enqueue(decision_id=decision_id)
    except Exception:
        # The decision is stored and pending; retry_pending_letters finds it again.
        logger.exception("Could not queue the letter of decision %s", decision_id)


def enqueue_letter(decision: Decision) -> None:
    """Render ``decision``'s pending letter after the surrounding transaction commits."""
    transaction.on_commit(partial(_enqueue, decision.pk))


def _schedule_retry(decision_id: int, attempts: int) -> None:
    if attempts >= MAX_ATTEMPTS:
        logger.error(
            "The letter of decision %s could not be rendered after %s attempts; the "
            "citizen has not been notified. Fix the renderer and run "
            "'manage.py retry_pending_letters'.",
            decision_id,
            attempts,
        )
        return
    if not render_pending_letter.get_backend().supports_defer:
        # E.g. the immediate backend in development: retrying now would fail again.
        logger.warning(
            "The letter of decision %s is pending; run 'manage.py retry_pending_letters'.",
            decision_id,
        )
        return
    run_after = timezone.now() + retry_delay(attempts)
    transaction.on_commit(partial(_enqueue, decision_id, run_after))


@task()
def render_pending_letter(*, decision_id: int) -> bool:
    """Render and freeze a pending decision letter and notify the citizen once; on
    failure, retry later with a growing delay, at most ``MAX_ATTEMPTS`` times."""
    if letter_services.produce_pending_letter(decision_id=decision_id):
        return True
    attempts = (
        Decision.objects.filter(pk=decision_id).values_list("letter_attempts", flat=True).first()
    )
    if attempts is not None:
        _schedule_retry(decision_id, attempts)
    return False


@task()
def send_letter_notice(*, dispatch_id: int) -> bool:
    """The digital channel's notice: an e-mail saying a letter is in the recipient's
    inbox on the portal (the reference and a link only). The dispatch is ``sent`` when
    the mail server took it; on a connection or SMTP error it is ``failed`` and
    ``manage.py retry_letter_dispatches`` tries again. The letter is on the case
    either way."""
    dispatch = LetterDispatch.objects.select_related("application").filter(pk=dispatch_id).first()
    if dispatch is None or dispatch.status not in (
        LetterDispatch.Status.QUEUED,
        LetterDispatch.Status.FAILED,
    ):
        return False
    recipient = dispatch_services.recipient_of(dispatch)
    if recipient is None or not recipient.email:
        dispatch_services.mark_failed(dispatch_id, "no e-mail address for the notice")
        return False
    application = dispatch.application
    subject, body = render_email(
        template="referrals/letters/emails/letter_in_inbox.txt",
        context={
            "reference": application.reference,
            "link": settings.SITE_URL
            + reverse("referrals:application_detail", kwargs={"reference": application.reference}),
            "decision": dispatch.is_decision,
            "municipality_name": settings.MUNICIPALITY_NAME,
        },
        language=recipient.language,
    )
    try:
        EmailMultiAlternatives(subject=subject, body=body, to=[recipient.email]).send()
    except OSError as error:  # refused, reset, timed out; every smtplib error is one
        dispatch_services.mark_failed(
            dispatch_id, f"the notice e-mail was not sent ({type(error).__name__})"
        )
        return False
    dispatch_services.mark_sent(dispatch_id)
    return True
