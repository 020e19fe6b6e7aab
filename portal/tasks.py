"""Background work shared by the whole portal."""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

# A send that fails because the mail server is unreachable or answers with an error is
# tried again after these delays (about 80 minutes in all), then given up and logged.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(minutes=60),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


class EmailNotSent(Exception):
    """An e-mail was given up. The message names the subject and the kind of error,
    never the recipient (SMTP error messages can contain addresses), so it is safe in
    the task results and the logs."""


def _error_kind(error: OSError) -> str:
    code = getattr(error, "smtp_code", None)
    return f"{type(error).__name__} {code}" if code else type(error).__name__


def _try_to_send(message: EmailMultiAlternatives) -> OSError | None:
    """Send; return the connection or SMTP error instead of raising it, so nothing
    raised later chains it (and the addresses its text may contain) into a traceback."""
    try:
        message.send(fail_silently=False)
    except OSError as error:  # refused, reset, timed out; every smtplib error is one
        return error
    return None


@task(takes_context=True)
def send_email(
    context, *, to: list[str], subject: str, body: str, html_body: str = "", attempt: int = 1
) -> dict | None:
    """Send one e-mail; on a connection or SMTP error, queue the next attempt.

    Callers enqueue this after their transaction commits; e-mails carry no identity
    numbers or health details, only a reference and a link.

    Attempt ``attempt`` of ``MAX_ATTEMPTS``: when it fails, the same task is enqueued
    again with ``run_after`` (1, 5, 15, 60 minutes) on the backend that ran it, and this
    run returns normally: the retry is the follow-up, not a crash. The last attempt, a
    recipient the server refuses, or a backend that cannot defer (the immediate backend
    of development and tests) gives up: logged as an error without the recipient and
    raised as ``EmailNotSent``, so the task result records the failure.
    """
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    error = _try_to_send(message)
    if error is None:
        logger.info("E-mail sent: %s", subject)
        return None

    kind = _error_kind(error)
    this_task = context.task_result.task
    retryable = not isinstance(error, smtplib.SMTPRecipientsRefused)
    if retryable and attempt < MAX_ATTEMPTS and this_task.get_backend().supports_defer:
        run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
        this_task.using(run_after=run_after).enqueue(
            to=to, subject=subject, body=body, html_body=html_body, attempt=attempt + 1
        )
        logger.warning(
            "E-mail %r not sent (attempt %d of %d, %s); trying again after %s",
            subject,
            attempt,
            MAX_ATTEMPTS,
            kind,
            run_after.isoformat(timespec="seconds"),
        )
        return {"sent": False, "next_attempt": attempt + 1, "run_after": run_after.isoformat()}

    if not retryable:
        reason = "the mail server refused the recipient"
    elif attempt >= MAX_ATTEMPTS:
        reason = "no attempts left"
    else:
        reason = "the task backend cannot retry later"
    logger.error("E-mail %r given up after %d attempt(s) (%s; %s)", subject, attempt, kind, reason)
    raise EmailNotSent(f"E-mail {subject!r} not sent after {attempt} attempt(s): {kind}")
