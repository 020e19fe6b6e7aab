"""Filters for the LOGGING setting (portal/settings.py)."""

import logging


class SuspiciousRequestFilter(logging.Filter):
    """A request Django refuses as suspicious (SuspiciousOperation: a Host not in
    ALLOWED_HOSTS, too many fields, a forged session) is the client's doing, answered
    with a 400. Django logs each at ERROR with its traceback, so every scanner that
    comes by would set off the alerts on ERROR lines. Written once, as a WARNING line
    without the traceback; the message says what was refused."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = (
                logging.WARNING,
                logging.getLevelName(logging.WARNING),
            )
        record.exc_info = record.exc_text = None
        record.stack_info = None
        return True
