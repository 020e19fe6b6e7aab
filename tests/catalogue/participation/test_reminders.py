"""The reminder the day before a session: e-mail, or a text message without e-mail;
exactly once; in the sign-up's language (catalogue.participation.reminders), and run by
the scheduled jobs."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from catalogue.participation import reminders
from catalogue.participation.models import SignUp
from portal import sms
from referrals.records.tasks import run_retention
from tests.catalogue.factories import SessionFactory, SignUpFactory

pytestmark = pytest.mark.django_db

# 10.00 Oslo time on a Monday; "tomorrow" is Tuesday 2026-03-10.
NOW = timezone.make_aware(datetime.datetime(2026, 3, 9, 10, 0))


def at(day: int, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 3, day, hour, 0))


def session_on(day: int, hour: int = 18, **extra):
    starts = at(day, hour)
    return SessionFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **extra)


def test_confirmed_sign_ups_for_tomorrow_get_one_e_mail(django_capture_on_commit_callbacks):
    tomorrow = session_on(10, offer__title="Strikkekafé")
    confirmed = SignUpFactory(session=tomorrow, email="anne@eksempel.no", name="Anne")
    SignUpFactory(session=tomorrow, status=SignUp.Status.WAITING)
    SignUpFactory(session=tomorrow, status=SignUp.Status.CANCELLED)
    SignUpFactory(session=session_on(11))  # the day after tomorrow
    SignUpFactory(session=session_on(9, hour=18))  # later today
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_reminders(NOW) == 1
    [message] = mail.outbox
    assert message.to == ["anne@eksempel.no"]
    assert message.subject == "Påminnelse: Strikkekafé i morgen"
    assert "Anne har plass på «Strikkekafé» i morgen, tirsdag" in message.body
    assert "kl. 18.00" in message.body
    confirmed.refresh_from_db()
    assert confirmed.reminded_at == NOW
    # The link in the reminder is the sign-up's page, and works.
    token = message.body.split("/lenke/")[-1].split("/")[0]
    assert SignUp.hash_token(token) == confirmed.token_hash
    assert sms.outbox == []


def test_each_sign_up_is_reminded_exactly_once(django_capture_on_commit_callbacks):
    SignUpFactory(session=session_on(10))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_reminders(NOW) == 1
        assert reminders.send_reminders(NOW + datetime.timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1


def test_without_e_mail_the_reminder_is_a_text_message(django_capture_on_commit_callbacks):
    signup = SignUpFactory(
        session=session_on(10, hour=11, offer__title="Turgruppe"), email="", phone="+4791234567"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_reminders(NOW) == 1
    assert mail.outbox == []
    [message] = sms.outbox
    assert message.to == "+4791234567"
    assert message.text.startswith("Påminnelse: Turgruppe i morgen kl. 11.00. Meld av her: http")
    signup.refresh_from_db()
    assert SignUp.hash_token(message.text.rsplit("/lenke/", 1)[-1].split("/")[0]) == (
        signup.token_hash
    )


@pytest.mark.parametrize(
    ("language", "subject", "sms_start"),
    [
        ("nn", "Påminning: Kurs i morgon", "Påminning: Kurs i morgon kl. 18.00."),
        ("en", "Reminder: Kurs tomorrow", "Reminder: Kurs tomorrow at 18.00."),
    ],
)
def test_the_reminder_is_in_the_sign_ups_language(
    django_capture_on_commit_callbacks, language, subject, sms_start
):
    session = session_on(10, offer__title="Kurs")
    SignUpFactory(session=session, language=language)
    SignUpFactory(session=session, language=language, email="")
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_reminders(NOW)
    assert mail.outbox[0].subject == subject
    assert sms.outbox[0].text.startswith(sms_start)


def test_the_participation_command_and_the_daily_job_send_reminders_and_pass_on_lapsed_offers(
    django_capture_on_commit_callbacks, capsys, time_machine
):
    time_machine.move_to(NOW, tick=False)
    session = session_on(10)
    SignUpFactory(session=session)
    lapsed = SignUpFactory(
        session=session_on(12),
        status=SignUp.Status.OFFERED,
        offer_expires_at=NOW - datetime.timedelta(minutes=5),
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_participation", "--now")
    out = capsys.readouterr().out
    assert "offers_lapsed: 1" in out
    assert "reminders_sent: 1" in out
    lapsed.refresh_from_db()
    assert lapsed.status == SignUp.Status.CANCELLED
    SignUpFactory(session=session)
    with django_capture_on_commit_callbacks(execute=True):
        counts = run_retention.call()
    assert counts["reminders_sent"] == 1
    assert counts["offers_lapsed"] == 0
