"""Texts that libraries write in English outside their translation catalogues, and that
staff see in the admin. They get the portal's own translations here (wired up in
portal.apps); the catalogue strings of Django and the libraries are completed in
locale_overrides/ instead.

To report upstream: django-axes names its records in English (``__str__``), and
django-tasks-db's app name and admin columns are not marked for translation.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_lazy

TASKS_APP_NAME = gettext_lazy("Bakgrunnsoppgaver")
TASK_TRACEBACK = gettext_lazy("feilspor")
TASK_RUN_AFTER = gettext_lazy("kjøres etter")


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def access_attempt_name(attempt) -> str:
    return gettext("Innloggingsforsøk %(time)s") % {"time": _when(attempt.attempt_time)}


def access_log_name(log) -> str:
    return gettext("Innlogging for %(username)s %(time)s") % {
        "username": log.username,
        "time": _when(log.attempt_time),
    }


def access_failure_name(failure) -> str:
    name = gettext("Mislykket innlogging for %(username)s %(time)s fra %(address)s") % {
        "username": failure.username,
        "time": _when(failure.attempt_time),
        "address": failure.ip_address,
    }
    if failure.locked_out:
        name += " – " + gettext("sperret")
    return name


def install() -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    AccessAttempt.__str__ = access_attempt_name
    AccessLog.__str__ = access_log_name
    AccessFailureLog.__str__ = access_failure_name
