"""A helper is ready (matchable) for a role only when every required checklist item is
done, the pledge (where listed) is signed and, where the role requires it, a police
certificate check passed and is not past its renewal date."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from catalogue.models import District
from portal.roles import Role
from referrals.volunteers import selectors, services
from referrals.volunteers.models import (
    ChecklistItem,
    HelperProfile,
    HelperRoleEnrolment,
    PoliceCertificateCheck,
    RoleKind,
)
from tests.factories import make_user
from tests.referrals.volunteers.factories import (
    ChecklistItemFactory,
    EnrolmentFactory,
    VolunteerRoleFactory,
)

pytestmark = pytest.mark.django_db

Status = HelperRoleEnrolment.Status


@pytest.fixture
def staff():
    return make_user(Role.UNIT_LEADER)


def stottekontakt_enrolment():
    role = VolunteerRoleFactory(kind=RoleKind.STOTTEKONTAKT)
    conversation = ChecklistItemFactory(role=role, kind=ChecklistItem.Kind.CONVERSATION)
    ChecklistItemFactory(role=role, kind=ChecklistItem.Kind.PLEDGE, label="Taushetserklæring")
    ChecklistItemFactory(role=role, kind=ChecklistItem.Kind.REFERENCES, required=False)
    return EnrolmentFactory(role=role), conversation


def test_not_ready_until_checklist_pledge_and_certificate(staff):
    enrolment, conversation = stottekontakt_enrolment()
    assert not selectors.is_ready(enrolment)

    services.tick_item(enrolment, conversation, by=staff)
    assert not selectors.is_ready(enrolment)  # pledge and certificate missing
    enrolment.refresh_from_db()
    assert enrolment.status == Status.ONBOARDING

    services.sign_pledge(enrolment.helper)
    assert not selectors.is_ready(enrolment)  # the certificate is still missing

    services.record_police_check(
        enrolment,
        shown_on=timezone.localdate(),
        result=PoliceCertificateCheck.Result.NO_REMARKS,
        renew_by=timezone.localdate() + timedelta(days=3 * 365),
        by=staff,
    )
    assert selectors.is_ready(enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.READY


def test_a_certificate_with_remarks_means_never_ready(staff):
    enrolment, conversation = stottekontakt_enrolment()
    services.tick_item(enrolment, conversation, by=staff)
    services.sign_pledge(enrolment.helper)
    services.record_police_check(
        enrolment,
        shown_on=timezone.localdate(),
        result=PoliceCertificateCheck.Result.NOT_ACCEPTED,
        renew_by=None,
        by=staff,
    )
    assert not selectors.is_ready(enrolment)
    assert selectors.ready_helpers(RoleKind.STOTTEKONTAKT).count() == 0


def test_a_check_past_its_renewal_date_is_not_valid(staff):
    enrolment, conversation = stottekontakt_enrolment()
    services.tick_item(enrolment, conversation, by=staff)
    services.sign_pledge(enrolment.helper)
    today = timezone.localdate()
    services.record_police_check(
        enrolment,
        shown_on=today - timedelta(days=400),
        result=PoliceCertificateCheck.Result.NO_REMARKS,
        renew_by=today + timedelta(days=10),
        by=staff,
    )
    assert selectors.is_ready(enrolment, today=today)
    assert not selectors.is_ready(enrolment, today=today + timedelta(days=11))
    # The stored status (the onboarding page, the statistics) follows the next night.
    assert services.refresh_expired(today=today + timedelta(days=10)) == 0
    assert services.refresh_expired(today=today + timedelta(days=11)) == 1
    enrolment.refresh_from_db()
    assert enrolment.status == Status.ONBOARDING


def test_an_ordinary_volunteer_needs_no_certificate_and_cannot_get_one_recorded(staff):
    role = VolunteerRoleFactory(kind=RoleKind.VOLUNTEER)
    item = ChecklistItemFactory(role=role)
    enrolment = EnrolmentFactory(role=role)
    services.tick_item(enrolment, item, by=staff)
    assert selectors.is_ready(enrolment)
    with pytest.raises(services.VolunteerError):
        services.record_police_check(
            enrolment,
            shown_on=date(2026, 1, 1),
            result=PoliceCertificateCheck.Result.NO_REMARKS,
            renew_by=None,
            by=staff,
        )
    assert not PoliceCertificateCheck.objects.exists()


def test_a_volunteer_with_minors_needs_the_certificate(staff):
    role = VolunteerRoleFactory(kind=RoleKind.VOLUNTEER, involves_minors=True)
    enrolment = EnrolmentFactory(role=role)
    assert not selectors.is_ready(enrolment)
    services.record_police_check(
        enrolment,
        shown_on=timezone.localdate(),
        result=PoliceCertificateCheck.Result.NO_REMARKS,
        renew_by=None,
        by=staff,
    )
    assert selectors.is_ready(enrolment)


def test_ready_helpers_are_active_ready_and_of_the_kind(staff):
    district = District.objects.create(name="Nord", slug="nord")
    ready_role = VolunteerRoleFactory(kind=RoleKind.VOLUNTEER)
    ready = EnrolmentFactory(role=ready_role)
    ready.helper.district = district
    ready.helper.save()
    services.refresh_status(ready)
    paused = EnrolmentFactory(role=ready_role)
    services.pause_helper(paused.helper)
    waiting_role = VolunteerRoleFactory(kind=RoleKind.VOLUNTEER)
    ChecklistItemFactory(role=waiting_role)
    EnrolmentFactory(role=waiting_role)

    found = selectors.ready_helpers(RoleKind.VOLUNTEER)
    assert list(found) == [ready.helper]
    assert list(selectors.ready_helpers(RoleKind.VOLUNTEER, district_id=district.pk)) == [
        ready.helper
    ]
    assert not selectors.ready_helpers(RoleKind.STOTTEKONTAKT).exists()
    assert HelperProfile.objects.count() == 3


def test_a_stopped_helper_ends_every_role(staff):
    enrolment = EnrolmentFactory(role=VolunteerRoleFactory())
    services.stop_helper(enrolment.helper)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.ENDED
    assert not selectors.is_ready(enrolment)


def test_staff_cannot_tick_the_pledge_or_another_roles_item(staff):
    enrolment, _conversation = stottekontakt_enrolment()
    pledge = enrolment.role.checklist_items.get(kind=ChecklistItem.Kind.PLEDGE)
    with pytest.raises(services.VolunteerError):
        services.tick_item(enrolment, pledge, by=staff)
    with pytest.raises(services.VolunteerError):
        services.tick_item(enrolment, ChecklistItemFactory(), by=staff)
