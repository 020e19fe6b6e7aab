"""Text messages (SMS), sent like e-mail: through a backend named by a setting, queued
through django.tasks after the surrounding transaction commits.

``send_sms(to_e164, text)`` is all callers use. The backend is ``settings.SMS_BACKEND``
(a dotted path) with ``settings.SMS_OPTIONS`` as keyword arguments:

- ``portal.sms.ConsoleBackend``: writes each message to standard output (development);
- ``portal.sms.LocmemBackend``: keeps them in ``portal.sms.outbox`` (tests);
- ``portal.sms.DisabledBackend``: sends nothing and logs a warning (production until a
  provider is configured).

A municipality plugs in its SMS provider by writing a subclass of ``BaseSmsBackend``
whose ``send_messages`` hands the messages to the provider (its HTTP API) and raises
``SmsNotSent`` when the provider refuses them; docs/participation.md shows how.

Phone numbers are E.164 (portal.phone). Full numbers never go to the logs: the task logs
``mask_phone(number)`` (country code and the last two digits).
"""

import logging
import sys
from dataclasses import dataclass
from functools import partial
from typing import Any, TextIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.module_loading import import_string

from portal.phone import normalise_phone
from portal.tasks import MAX_ATTEMPTS, RETRY_DELAYS

logger = logging.getLogger(__name__)

# Messages longer than this are refused: 3 concatenated GSM-7 segments (3 × 153).
MAX_LENGTH = 459


@dataclass(frozen=True)
class TextMessage:
    to: str  # E.164
    text: str


class SmsNotSent(Exception):
    """A text message was not sent. The message never contains the number."""


def mask_phone(number: str) -> str:
    """A number for the logs: +47******67."""
    number = number or ""
    if len(number) <= 5:
        return "*" * len(number)
    prefix = number[:3] if number.startswith("+") else ""
    return prefix + "*" * (len(number) - len(prefix) - 2) + number[-2:]


class BaseSmsBackend:
    """What every backend does: take options from ``SMS_OPTIONS``, send messages."""

    def __init__(self, **options: Any) -> None:
        self.options = options

    def send_messages(self, messages: list[TextMessage]) -> int:
        """Send the messages; return how many were sent. Raise ``SmsNotSent`` (without
        the number in its text) when the provider refuses or cannot be reached."""
        raise NotImplementedError

    def send(self, message: TextMessage) -> None:
        """One message (the same as ``send_messages([message])``)."""
        self.send_messages([message])


class ConsoleBackend(BaseSmsBackend):
    """Development: the messages on standard output, the number masked."""

    def __init__(self, stream: TextIO | None = None, **options: Any) -> None:
        super().__init__(**options)
        self.stream = stream or sys.stdout

    def send_messages(self, messages: list[TextMessage]) -> int:
        for message in messages:
            self.stream.write(f"SMS to {mask_phone(message.to)}:\n{message.text}\n{'-' * 40}\n")
        self.stream.flush()
        return len(messages)


# The messages the locmem backend has "sent" (tests read and clear it).
outbox: list[TextMessage] = []


class LocmemBackend(BaseSmsBackend):
    """Tests: the messages in ``portal.sms.outbox``."""

    def send_messages(self, messages: list[TextMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


class DisabledBackend(BaseSmsBackend):
    """No SMS provider configured: nothing is sent; a warning says so (no number)."""

    def send_messages(self, messages: list[TextMessage]) -> int:
        logger.warning("%d text message(s) not sent: no SMS_BACKEND configured", len(messages))
        return 0


def get_backend() -> BaseSmsBackend:
    backend_class = import_string(settings.SMS_BACKEND)
    return backend_class(**getattr(settings, "SMS_OPTIONS", {}))


def is_enabled() -> bool:
    """Whether text messages reach anyone (a backend other than the disabled one)."""
    return not issubclass(import_string(settings.SMS_BACKEND), DisabledBackend)


@task(takes_context=True)
def send_sms_task(context, *, to: str, text: str, attempt: int = 1) -> dict | None:
    """Send one text message; when the backend raises ``SmsNotSent`` (or a connection
    error), try again after 1, 5, 15 and 60 minutes as e-mails do (portal.tasks), then
    give up: logged as an error without the number."""
    try:
        get_backend().send_messages([TextMessage(to=to, text=text)])
    except (SmsNotSent, OSError) as error:
        kind = type(error).__name__
        this_task = context.task_result.task
        if attempt < MAX_ATTEMPTS and this_task.get_backend().supports_defer:
            run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
            this_task.using(run_after=run_after).enqueue(to=to, text=text, attempt=attempt + 1)
            logger.warning(
                "Text message to %s not sent (attempt %d of %d, %s); trying again later",
                mask_phone(to),
                attempt,
                MAX_ATTEMPTS,
                kind,
            )
            return {"sent": False, "next_attempt": attempt + 1}
        logger.error(
            "Text message to %s given up after %d attempt(s) (%s)", mask_phone(to), attempt, kind
        )
        raise SmsNotSent(f"Text message not sent after {attempt} attempt(s): {kind}") from None
    logger.info("Text message sent to %s", mask_phone(to))
    return None


def _enqueue(to: str, text: str) -> None:
    try:
        send_sms_task.enqueue(to=to, text=text)
    except Exception:
        # As with e-mail: a broken provider or queue must never undo the user's work.
        logger.exception("Could not send or queue a text message to %s", mask_phone(to))


def _is_e164(number: str) -> bool:
    if not number or not number.startswith("+"):
        return False
    try:
        return normalise_phone(number) == number
    except ValidationError:
        return False


def send_sms(to_e164: str, text: str) -> None:
    """Queue a text message to ``to_e164`` (E.164, e.g. +4791234567) after the
    surrounding transaction commits (at once outside one). ValueError for a number
    that is not E.164 or an empty or too long text."""
    if not _is_e164(to_e164):
        raise ValueError("The number must be in E.164 format (+4791234567).")
    text = text.strip()
    if not text or len(text) > MAX_LENGTH:
        raise ValueError(f"A text message has 1 to {MAX_LENGTH} characters.")
    transaction.on_commit(partial(_enqueue, to_e164, text))
