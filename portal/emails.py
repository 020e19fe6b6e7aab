"""Queue e-mails through the tasks framework, after the surrounding transaction commits."""

import logging
from functools import partial

from django.db import transaction
from django.template import Context, loader
from django.utils import translation

from portal.tasks import send_email

logger = logging.getLogger(__name__)


def _enqueue(to: list[str], subject: str, body: str) -> None:
    try:
        send_email.enqueue(to=to, subject=subject, body=body)
    except Exception:
        # A broken mail server or queue must never undo or block the user's work;
        # the failure is logged (without the recipient) for operations to follow up.
        logger.exception("Could not send or queue the e-mail %r", subject)


def render_email(*, template: str, context: dict, language: str | None = None) -> tuple[str, str]:
    """``template`` rendered in ``language``: (subject, body); the subject is its first line."""
    with translation.override(language or translation.get_language()):
        # Plain-text e-mail: no HTML escaping ("&" stays "&"); nothing here is HTML.
        # The engine's own Template (django.template.backends.django's wrapper holds it).
        engine_template = loader.get_template(template).template  # type: ignore[attr-defined]
        rendered = engine_template.render(Context(context, autoescape=False))
        rendered = rendered.strip()
    subject, _, body = rendered.partition("\n")
    return subject.strip(), body.strip()


def queue_email(
    *, to: list[str], template: str, context: dict, language: str | None = None
) -> None:
    """Render ``template`` (subject on the first line) in ``language`` and send on commit."""
    subject, body = render_email(template=template, context=context, language=language)
    transaction.on_commit(partial(_enqueue, to, subject, body))
