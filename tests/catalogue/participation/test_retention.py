"""Sign-ups are deleted PARTICIPATION_RETENTION_DAYS after their session, by the daily
job; the privacy notice states the period (catalogue.participation.retention)."""

import datetime

import pytest
from django.utils import timezone

from catalogue.participation import retention
from catalogue.participation.models import Session, SignUp
from referrals.records import retention as daily
from tests.catalogue.factories import SessionFactory, SignUpFactory

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 6, 1, 12, 0))


def ended(days_ago: float):
    ends = NOW - datetime.timedelta(days=days_ago)
    return SessionFactory(starts_at=ends - datetime.timedelta(hours=2), ends_at=ends)


def test_sign_ups_go_90_days_after_the_session_whatever_their_status():
    old = ended(91)
    SignUpFactory(session=old)
    SignUpFactory(session=old, status=SignUp.Status.CANCELLED)
    SignUpFactory(session=old, status=SignUp.Status.PENDING_EMAIL)
    kept = SignUpFactory(session=ended(89))
    coming = SignUpFactory(session=ended(-3))
    assert retention.delete_old_signups(NOW) == 3
    assert set(SignUp.objects.values_list("pk", flat=True)) == {kept.pk, coming.pk}
    # The session itself (no personal data) stays; a second run finds nothing.
    assert Session.objects.filter(pk=old.pk).exists()
    assert retention.delete_old_signups(NOW) == 0


def test_the_period_is_a_setting(settings):
    settings.PARTICIPATION_RETENTION_DAYS = 30
    SignUpFactory(session=ended(31))
    assert retention.delete_old_signups(NOW) == 1


def test_the_daily_job_deletes_them_and_logs_counts_only(caplog):
    SignUpFactory(session=ended(100), name="Per Nordmann", phone="+4798765432")
    with caplog.at_level("INFO"):
        counts = daily.run_retention(now=NOW)
    assert counts["signups_deleted"] == 1
    assert "signups_deleted=1" in caplog.text
    assert "Per Nordmann" not in caplog.text
    assert "98765432" not in caplog.text


def test_the_privacy_notice_states_what_is_stored_and_for_how_long(client, settings):
    settings.PARTICIPATION_RETENTION_DAYS = 90
    body = client.get("/personvern/").content.decode()
    assert "Når du melder deg på et tilbud" in body
    assert "Påmeldinger slettes 90 dager etter at tidspunktet var." in body
    assert "aldri fødselsnummer" in body
