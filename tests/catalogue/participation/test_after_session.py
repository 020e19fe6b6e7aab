"""The selector a feedback invitation connects to: attended sign-ups of sessions that
ended in a window, with an e-mail address (catalogue.participation.after_session)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from catalogue.feedback.models import FeedbackInvitation
from catalogue.participation.after_session import (
    attended_signups_to_invite,
    invite_attended_to_feedback,
)
from catalogue.participation.jobs import run_periodic
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


def test_those_who_came_get_one_feedback_link_once_and_no_one_else(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    ended = SessionFactory(
        starts_at=now - datetime.timedelta(hours=5), ends_at=now - datetime.timedelta(hours=3)
    )
    came = SignUpFactory(session=ended, attended=True, email="kari@example.no", language="nn")
    SignUpFactory(session=ended, attended=False, email="ola@example.no")

    with django_capture_on_commit_callbacks(execute=True):
        assert run_periodic(now)["session_feedback_invited"] == 1
    assert invite_attended_to_feedback(now) == 0  # once per sign-up

    came.refresh_from_db()
    assert came.feedback_invited_at == now
    invitation = FeedbackInvitation.objects.get()
    assert invitation.offer == ended.offer
    assert invitation.reference == f"session:{ended.pk}"
    assert [message.to for message in mail.outbox] == [["kari@example.no"]]
    assert "/tilbakemelding/" in mail.outbox[0].body
