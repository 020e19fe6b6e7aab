"""Texts libraries write in English outside their catalogues, in the reader's language
in the admin (portal.library_texts)."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.utils import translation

from portal.admin import AdminPasswordChangeForm
from tests.factories import make_user

MOMENT = datetime.datetime(2026, 12, 4, 13, 5, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("language", "attempt", "log", "failure"),
    [
        (
            "nb",
            "Innloggingsforsøk 4. des 2026 14:05",
            "Innlogging for kari@example.no 4. des 2026 14:05",
            "Mislykket innlogging for kari@example.no 4. des 2026 14:05 fra 10.0.0.1 – sperret",
        ),
        (
            "nn",
            "Innloggingsforsøk 4. des 2026 14:05",
            "Innlogging for kari@example.no 4. des 2026 14:05",
            "Mislukka innlogging for kari@example.no 4. des 2026 14:05 frå 10.0.0.1 – sperra",
        ),
        (
            "en",
            "Log-in attempt 4 Dec 2026 14:05",
            "Log-in by kari@example.no 4 Dec 2026 14:05",
            "Failed log-in by kari@example.no 4 Dec 2026 14:05 from 10.0.0.1 – locked out",
        ),
    ],
)
def test_log_in_records_are_named_in_the_readers_language(language, attempt, log, failure):
    who = {"username": "kari@example.no", "attempt_time": MOMENT, "ip_address": "10.0.0.1"}
    with translation.override(language):
        assert str(AccessAttempt(attempt_time=MOMENT)) == attempt
        assert str(AccessLog(**who)) == log
        assert str(AccessFailureLog(locked_out=True, **who)) == failure


def test_the_task_queue_has_a_name_staff_can_read():
    with translation.override("nn"):
        assert str(apps.get_app_config("django_tasks_database").verbose_name) == (
            "Bakgrunnsoppgåver"
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "warning"),
    [
        ("nb", "går brukerens nåværende passord tapt"),
        ("en", "the user's current password is lost"),
    ],
)
def test_the_admins_password_form_warns_in_the_readers_language(language, warning):
    user = make_user(email="kari@example.no")
    with translation.override(language):
        help_text = str(AdminPasswordChangeForm(user).fields["usable_password"].help_text)
    assert warning in help_text
    assert "the current password for this user will be lost" not in help_text
