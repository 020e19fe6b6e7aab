"""The volunteers' lists cost the same number of queries for one row as for several:
the public list, the API, the helper's own page, the coordinators' onboarding page and
the ready helpers matching proposes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.roles import Role
from referrals.volunteers import selectors, services
from referrals.volunteers.models import (
    ChecklistItem,
    HelpRequestTime,
    PartOfDay,
    PoliceCertificateCheck,
    RoleKind,
    VolunteerRoleTime,
)
from tests.catalogue.factories import UnitFactory
from tests.referrals.casework.factories import make_unit_leader
from tests.referrals.helpers import MODEL_BACKEND, make_user
from tests.referrals.volunteers.factories import (
    ChecklistItemFactory,
    EnrolmentFactory,
    HelperProfileFactory,
    HelpRequestFactory,
    InterestFactory,
    VolunteerRoleFactory,
)

pytestmark = pytest.mark.django_db


def count_queries(get) -> int:
    get()  # what the first request of a test does once (the session, caches)
    with CaptureQueriesContext(connection) as queries:
        response = get()
    assert response.status_code == 200
    return len(queries)


def onboarded(helper, unit, by):
    """An enrolment in a støttekontakt role of ``unit`` with each kind of checklist
    item, the required one ticked, the pledge signed and a certificate check recorded."""
    role = VolunteerRoleFactory(unit=unit, kind=RoleKind.STOTTEKONTAKT)
    conversation = ChecklistItemFactory(role=role, kind=ChecklistItem.Kind.CONVERSATION)
    ChecklistItemFactory(role=role, kind=ChecklistItem.Kind.COURSE, required=False)
    ChecklistItemFactory(role=role, kind=ChecklistItem.Kind.PLEDGE)
    ChecklistItemFactory(role=role, kind=ChecklistItem.Kind.POLICE_CERTIFICATE)
    enrolment = EnrolmentFactory(helper=helper, role=role)
    services.tick_item(enrolment, conversation, by=by)
    services.sign_pledge(helper)
    services.record_police_check(
        enrolment,
        shown_on=timezone.localdate(),
        result=PoliceCertificateCheck.Result.NO_REMARKS,
        renew_by=None,
        by=by,
    )
    return enrolment


def public_listing(unit):
    interest = InterestFactory()
    role = VolunteerRoleFactory(unit=unit)
    role.interests.add(interest)
    VolunteerRoleTime.objects.create(role=role, weekday=0, part=PartOfDay.MORNING)
    wanted = HelpRequestFactory(unit=unit)
    wanted.interests.add(interest)
    HelpRequestTime.objects.create(help_request=wanted, weekday=1, part=PartOfDay.EVENING)


def test_the_public_list(client):
    unit = UnitFactory()
    public_listing(unit)
    url = reverse("referrals:volunteers")
    one = count_queries(lambda: client.get(url))
    for _n in range(3):
        public_listing(unit)
    assert count_queries(lambda: client.get(url)) == one


def test_the_api(client):
    unit = UnitFactory()
    public_listing(unit)
    one = count_queries(lambda: client.get("/api/v1/volunteer-roles"))
    for _n in range(3):
        public_listing(unit)
    assert count_queries(lambda: client.get("/api/v1/volunteer-roles")) == one


def test_the_onboarding_page(client):
    unit = UnitFactory()
    leader = make_unit_leader(unit=unit, email="koordinator@example.no")
    onboarded(HelperProfileFactory(), unit, leader)
    client.force_login(leader, backend=MODEL_BACKEND)
    url = reverse("referrals:volunteer_onboarding")
    one = count_queries(lambda: client.get(url))
    for _n in range(3):
        onboarded(HelperProfileFactory(), unit, leader)
    page = client.get(url).content.decode()
    assert page.count("Ingen merknader") == 4 * 2  # the latest check, and the form's choice
    assert count_queries(lambda: client.get(url)) == one


def test_the_helpers_own_page(client):
    unit = UnitFactory()
    leader = make_unit_leader(unit=unit, email="koordinator@example.no")
    user = make_user(Role.CITIZEN, email="hege@example.no")
    helper = HelperProfileFactory(user=user)
    onboarded(helper, unit, leader)
    client.force_login(user, backend=MODEL_BACKEND)
    url = reverse("referrals:volunteer_mine")
    one = count_queries(lambda: client.get(url))
    for _n in range(3):
        onboarded(helper, unit, leader)
    assert count_queries(lambda: client.get(url)) == one


def test_ready_helpers():
    unit = UnitFactory()
    leader = make_unit_leader(unit=unit, email="koordinator@example.no")
    onboarded(HelperProfileFactory(), unit, leader)
    with CaptureQueriesContext(connection) as one:
        assert len(list(selectors.ready_helpers(RoleKind.STOTTEKONTAKT, unit=unit))) == 1
    for _n in range(3):
        onboarded(HelperProfileFactory(), unit, leader)
    with CaptureQueriesContext(connection) as four:
        assert len(list(selectors.ready_helpers(RoleKind.STOTTEKONTAKT, unit=unit))) == 4
    assert len(four) == len(one)
