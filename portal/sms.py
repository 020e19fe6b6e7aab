"""Text messages, through a backend chosen like Django's e-mail backends: the setting
SMS_BACKEND names a class with ``send(to, text)``. The console backend (the default)
writes each message to standard output; the memory backend keeps them in ``outbox``
(tests). A municipality plugs in its SMS provider with a class of its own.

Messages carry no identity numbers or health details: a short text and a link."""

import sys
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_BACKEND = "portal.sms.ConsoleBackend"


@dataclass(frozen=True)
class TextMessage:
    to: str  # E.164 (portal.phone)
    text: str


class Backend(Protocol):
    def send(self, message: TextMessage) -> None: ...


class ConsoleBackend:
    def send(self, message: TextMessage) -> None:
        sys.stdout.write(f"SMS to {message.to}:\n{message.text}\n{'-' * 40}\n")
        sys.stdout.flush()


outbox: list[TextMessage] = []


class MemoryBackend:
    def send(self, message: TextMessage) -> None:
        outbox.append(message)


def get_backend() -> Backend:
    backend: type[Backend] = import_string(getattr(settings, "SMS_BACKEND", DEFAULT_BACKEND))
    return backend()


def send_sms(*, to: str, text: str) -> None:
    """Send one text message now (callers queue it as a task, after their commit)."""
    get_backend().send(TextMessage(to=to, text=text))
