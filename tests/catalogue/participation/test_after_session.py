"""The selector a feedback invitation connects to: attended sign-ups of sessions that
ended in a window, with an e-mail address (catalogue.participation.after_session)."""

import datetime

import pytest
from django.utils import timezone

from catalogue.participation.after_session import attended_signups_to_invite
from tests.catalogue.factories import SessionFactory, SignUpFactory

pytestmark = pytest.mark.django_db


def test_only_attended_sign_ups_of_sessions_ended_since_with_an_e_mail():
    now = timezone.now()
    since = now - datetime.timedelta(days=1)
    ended = SessionFactory(
        starts_at=now - datetime.timedelta(hours=5), ends_at=now - datetime.timedelta(hours=3)
    )
    earlier = SessionFactory(
        starts_at=now - datetime.timedelta(days=3), ends_at=now - datetime.timedelta(days=2)
    )
    coming = SessionFactory()
    came = SignUpFactory(session=ended, attended=True)
    SignUpFactory(session=ended, attended=False)
    SignUpFactory(session=ended, attended=None)
    SignUpFactory(session=ended, attended=True, email="")
    SignUpFactory(session=earlier, attended=True)
    SignUpFactory(session=coming, attended=True)
    assert list(attended_signups_to_invite(since, now)) == [came]
