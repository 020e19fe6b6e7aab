"""Helpers in the retention job and in the personal-data export."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from referrals.records import retention
from referrals.records.personal_data import personal_data_for
from referrals.volunteers import services
from referrals.volunteers.models import HelperProfile, PoliceCertificateCheck, RoleKind
from tests.factories import make_user
from tests.referrals.volunteers.factories import (
    EnrolmentFactory,
    HelperProfileFactory,
    VolunteerRoleFactory,
)

pytestmark = pytest.mark.django_db


def test_a_stopped_helper_is_deleted_after_the_period():
    helper = HelperProfileFactory()
    now = timezone.now()
    services.stop_helper(helper, now=now)
    assert retention.delete_stopped_helpers(now=now + dt.timedelta(days=89)) == 0
    assert retention.delete_stopped_helpers(now=now + dt.timedelta(days=91)) == 1
    assert not HelperProfile.objects.exists()


def test_a_quiet_helper_is_asked_and_deleted_without_an_answer(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    quiet = HelperProfileFactory(last_confirmed_at=now - dt.timedelta(days=366))
    answering = HelperProfileFactory(last_confirmed_at=now - dt.timedelta(days=366))
    HelperProfileFactory(last_confirmed_at=now - dt.timedelta(days=100))
    with django_capture_on_commit_callbacks(execute=True):
        counts = retention.ask_or_delete_inactive_helpers(now=now)
    assert counts == {"helpers_asked": 2, "inactive_helpers_deleted": 0}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([quiet.email, answering.email])
    services.confirm_still_helping(answering)
    later = now + dt.timedelta(days=31)
    counts = retention.ask_or_delete_inactive_helpers(now=later)
    assert counts["inactive_helpers_deleted"] == 1
    assert not HelperProfile.objects.filter(pk=quiet.pk).exists()
    assert HelperProfile.objects.filter(pk=answering.pk).exists()


def test_run_retention_includes_the_helpers():
    counts = retention.run_retention(now=timezone.now())
    assert {"stopped_helpers_deleted", "helpers_asked", "inactive_helpers_deleted"} <= set(counts)


def test_the_personal_data_export_holds_the_helper_profile():
    user = make_user()
    helper = HelperProfileFactory(user=user, name="Hege Hjelper", experience="Speiderleder")
    enrolment = EnrolmentFactory(helper=helper, role=VolunteerRoleFactory(kind=RoleKind.AVLASTER))
    services.sign_pledge(helper)
    PoliceCertificateCheck.objects.create(
        enrolment=enrolment,
        shown_on=dt.date(2026, 11, 1),
        result=PoliceCertificateCheck.Result.NO_REMARKS,
    )
    data = personal_data_for(user)
    exported = data["helper"]
    assert exported["name"] == "Hege Hjelper"
    assert exported["experience"] == "Speiderleder"
    assert len(exported["pledges"]) == 1
    role = exported["roles"][0]
    assert role["police_certificate_checks"][0]["certificate_dated"] == dt.date(2026, 11, 1)
    assert personal_data_for(make_user())["helper"] is None
