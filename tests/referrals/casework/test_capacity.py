"""Capacity per weekday and waiting lists: a grant takes places on the granted days;
a full day puts the person on that day's waiting list; ending a place proposes the next."""

from referrals import casework
from referrals.casework_selectors import waiting_position
from referrals.models import Application
from referrals.models_casework import AccessLogEntry, Allocation, WaitingListEntry
from tests.referrals.casework.factories import decide, make_case, take


def _granted(world, day_activity, districts, name, weekdays):
    case = make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.north,
        offers=[world.offer],
        person_name=name,
    )
    take(case, world.staff.north)
    return decide(case, world.staff.north, offer=world.offer, weekdays=weekdays)


def test_a_grant_allocates_places_on_the_granted_weekdays(world, day_activity, districts):
    decision = _granted(world, day_activity, districts, "Anne", [1, 3])
    assert sorted(
        Allocation.objects.filter(decision=decision).values_list("weekday", flat=True)
    ) == [1, 3]
    assert not WaitingListEntry.objects.exists()


def test_a_full_weekday_puts_the_person_on_the_waiting_list(world, day_activity, districts):
    world.offer.capacity_per_day = 1
    world.offer.save(update_fields=["capacity_per_day"])
    _granted(world, day_activity, districts, "Anne", [2])
    second = _granted(world, day_activity, districts, "Bjørn", [2, 4])
    third = _granted(world, day_activity, districts, "Cecilie", [2])
    assert list(Allocation.objects.filter(decision=second).values_list("weekday", flat=True)) == [4]
    entry = WaitingListEntry.objects.get(decision=second)
    assert entry.weekday == 2
    assert waiting_position(entry=entry) == 1
    assert waiting_position(entry=WaitingListEntry.objects.get(decision=third)) == 2


def test_ending_a_place_proposes_the_next_on_the_waiting_list(world, day_activity, districts):
    world.offer.capacity_per_day = 1
    world.offer.save(update_fields=["capacity_per_day"])
    first = _granted(world, day_activity, districts, "Anne", [2])
    second = _granted(world, day_activity, districts, "Bjørn", [2])
    following = casework.end_allocation(
        allocation=Allocation.objects.get(decision=first), actor=world.staff.north
    )
    assert following.decision == second
    waiting_case = Application.objects.get(pk=second.application_id)
    assert waiting_case.events.filter(
        kind="internal", note__startswith="Ledig plass på Solsiden dagsenter"
    ).exists()


def test_the_unit_leader_sees_allocations_free_places_and_the_waiting_list(
    world, login, day_activity, districts
):
    world.offer.capacity_per_day = 1
    world.offer.save(update_fields=["capacity_per_day"])
    _granted(world, day_activity, districts, "Anne Andersen", [2])
    _granted(world, day_activity, districts, "Bjørn Berg", [2])
    response = login(world.staff.leader).get("/saksbehandling/kapasitet/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anne Andersen" in html
    assert "Fullt" in html
    assert "onsdag, nr. 1: Bjørn Berg" in html
    assert AccessLogEntry.objects.filter(object_type="capacity", user=world.staff.leader).exists()


def test_another_units_leader_does_not_see_the_people(world, login, day_activity, districts):
    _granted(world, day_activity, districts, "Anne Andersen", [2])
    html = login(world.staff.other_leader).get("/saksbehandling/kapasitet/").content.decode()
    assert "Anne Andersen" not in html


def test_caseworkers_and_citizens_are_refused_the_capacity_page(world, login):
    assert login(world.citizen).get("/saksbehandling/kapasitet/").status_code == 403
    assert login(world.staff.admin).get("/saksbehandling/kapasitet/").status_code == 403
