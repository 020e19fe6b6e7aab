"""A mail server that can be switched off: an e-mail backend that refuses the
connection, as SMTP does when the server is down, while ``MAIL_SERVER.down`` is set;
otherwise it delivers to the test outbox (``django.core.mail.outbox``)."""

import threading

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

BACKEND = "tests.reliability.mail.SwitchableMailServer"


class _Switch:
    def __init__(self):
        self.down = False
        self.attempts = 0
        self._lock = threading.Lock()

    def attempt(self) -> bool:
        with self._lock:
            self.attempts += 1
            return not self.down


MAIL_SERVER = _Switch()


class SwitchableMailServer(LocmemBackend):
    def send_messages(self, messages):
        if not MAIL_SERVER.attempt():
            # What smtplib gives when nothing listens on the mail server's port; the
            # text names the server, never a recipient.
            raise ConnectionRefusedError(111, "Connection refused")
        return super().send_messages(messages)
