"""Background work shared by the whole portal."""

import logging

from django.core.mail import EmailMultiAlternatives
from django.tasks import task

logger = logging.getLogger(__name__)


@task()
def send_email(*, to: list[str], subject: str, body: str, html_body: str = "") -> None:
    """Send one e-mail. Raises on failure so the task backend records it for retry.

    Callers enqueue this after their transaction commits; e-mails carry no identity
    numbers or health details, only a reference and a link.
    """
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send(fail_silently=False)
    logger.info("E-mail sent: %s", subject)
