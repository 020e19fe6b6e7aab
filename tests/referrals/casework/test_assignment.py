"""A case is only given to a caseworker who can open it: the assign form offers the
caseworkers whose assignments cover the case's service type and district, and the
service refuses anyone else, even when posted by hand."""

import pytest

from portal.roles import Role
from referrals.cases import access
from referrals.cases.models import Application, ApplicationEvent
from referrals.cases.services import ApplicationError
from referrals.casework import services as casework
from tests.portal.html import parse
from tests.referrals.casework.factories import make_case, make_caseworker
from tests.referrals.helpers import make_user


def _assign_url(case):
    return f"/saksbehandling/{case.reference}/tildel/"


@pytest.fixture
def more_staff(world, day_activity):
    """Beyond the world's north, north colleague, south and støttekontakt caseworkers:
    a day-activity caseworker for every district, one who has left, and one with the
    role but no assignment."""
    everywhere = make_caseworker(
        service_type=day_activity, email="alle@example.no", full_name="Alf Alle"
    )
    gone = make_caseworker(
        service_type=day_activity,
        district=world.case.district,
        email="borte@example.no",
        full_name="Berit Borte",
        is_active=False,
    )
    unassigned = make_user(Role.CASEWORKER, email="uten@example.no", full_name="Ulf Uten")
    return {"everywhere": everywhere, "gone": gone, "unassigned": unassigned}


def _offered(client, case) -> set[str]:
    page = parse(client.get(f"/saksbehandling/{case.reference}/").content)
    return {option.text.strip() for option in page.select("select[name='assign-assignee'] option")}


def test_the_form_offers_only_caseworkers_who_can_open_the_case(world, login, more_staff):
    offered = _offered(login(world.staff.north), world.case)
    assert offered == {"Alf Alle", "Kåre Kollega", "Nora Nord"}


def test_the_offer_is_the_rule_that_opens_cases(world, more_staff):
    """Everyone offered can open the case, and everyone active who can open it is
    offered: the list and staff_applications are one rule."""
    from portal.models import User

    offered = set(access.caseworkers_for(world.case))
    may_open = {
        user
        for user in User.objects.filter(is_active=True)
        if access.is_caseworker(user)
        and access.staff_applications(user).filter(pk=world.case.pk).exists()
    }
    assert offered == may_open
    assert offered  # the comparison is about someone
    assert all(access.may_be_assigned(user=user, application=world.case) for user in offered)


def test_a_case_without_a_district_is_offered_to_the_all_district_caseworkers(
    world, login, more_staff, day_activity
):
    case = make_case(applicant=world.citizen, service_type=day_activity, person_name="Per Uten")
    assert case.district is None
    assert set(access.caseworkers_for(case)) == {more_staff["everywhere"]}
    assert _offered(login(more_staff["everywhere"]), case) == {"Alf Alle"}


@pytest.mark.parametrize("who", ["south", "everywhere_support", "leader", "admin"])
def test_posting_a_caseworker_who_cannot_open_the_case_is_refused(world, login, who):
    response = login(world.staff.north).post(
        _assign_url(world.case), {"assign-assignee": getattr(world.staff, who).pk}
    )
    assert response.status_code == 422
    page = parse(response.content)
    assert page.select("[data-error-summary] a[href='#id_assign-assignee']")
    world.case.refresh_from_db()
    assert world.case.caseworker is None


@pytest.mark.parametrize("who", ["south", "everywhere_support", "gone", "unassigned"])
def test_the_service_refuses_a_caseworker_who_cannot_open_the_case(world, more_staff, who):
    assignee = more_staff.get(who) or getattr(world.staff, who)
    with pytest.raises(ApplicationError, match="kan ikke åpne denne saken"):
        casework.assign_case(application=world.case, assignee=assignee, actor=world.staff.north)
    case = Application.objects.get(pk=world.case.pk)
    assert case.caseworker is None
    assert case.status == Application.Status.SUBMITTED
    assert not case.events.filter(kind=ApplicationEvent.Kind.INTERNAL).exists()


def test_a_caseworker_for_every_district_can_be_assigned(world, login, more_staff):
    response = login(world.staff.north).post(
        _assign_url(world.case), {"assign-assignee": more_staff["everywhere"].pk}
    )
    assert response.status_code == 302
    world.case.refresh_from_db()
    assert world.case.caseworker == more_staff["everywhere"]
