"""Ending a place from a later day: it counts as taken until that day and is free from
it on, in the calendar, for new grants and on the page; the next on the waiting list
is proposed to the caseworker when the end is planned."""

from datetime import date, timedelta

from django.utils import timezone

from referrals.capacity import selectors as capacity_selectors
from referrals.capacity import services as capacity
from referrals.capacity.models import Allocation
from referrals.cases.models import Application
from tests.referrals.casework.factories import decide, make_case, take

END_URL = "/saksbehandling/kapasitet/avslutt-plass/"


def _granted(world, day_activity, districts, name, weekdays, **kwargs):
    case = make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.north,
        offers=[world.offer],
        person_name=name,
    )
    take(case, world.staff.north)
    return decide(case, world.staff.north, offer=world.offer, weekdays=weekdays, **kwargs)


def _one_place(world):
    world.offer.capacity_per_day = 1
    world.offer.save(update_fields=["capacity_per_day"])


def test_a_planned_end_counts_the_place_until_that_day():
    allocation = Allocation(weekday=2, ends_on=date(2026, 12, 16))  # a Wednesday
    assert capacity_selectors.takes_place_on(allocation, date(2026, 12, 9))
    assert not capacity_selectors.takes_place_on(allocation, date(2026, 12, 16))
    assert not capacity_selectors.takes_place_on(allocation, date(2026, 12, 23))
    monday = date(2026, 11, 30)
    weeks = capacity_selectors.calendar(
        capacity=1,
        allocations=[allocation, Allocation(weekday=2, start_date=date(2026, 12, 16))],
        first_monday=monday,
        weeks=4,
    )
    # The leaving person until 16.12., the next from 16.12.: never two at once.
    assert [week.days[2].allocated for week in weeks] == [1, 1, 1, 1]
    assert [week.days[2].full for week in weeks] == [True] * 4


def test_ending_a_place_from_a_later_day_keeps_it_until_then(world, login, day_activity, districts):
    _one_place(world)
    first = _granted(world, day_activity, districts, "Anne Andersen", [2], start_date=None)
    second = _granted(world, day_activity, districts, "Bjørn Berg", [2])
    allocation = Allocation.objects.get(decision=first)
    today = timezone.localdate()
    end = capacity_selectors.week_start(today) + timedelta(
        weeks=2, days=2
    )  # Wednesday in two weeks
    response = login(world.staff.leader).post(
        END_URL,
        {"allocation": allocation.pk, "end_date": end.isoformat(), "confirm": "on"},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"ledig fra og med {end:%d.%m.%Y}" in html
    assert "foreslått for saksbehandleren" in html
    assert f"Ledig fra og med {end.day}.{end.month}.{end.year}" in html  # shown on the place
    allocation.refresh_from_db()
    assert allocation.ended_at is None and allocation.ends_on == end
    # The next in line is proposed to the caseworker now, with the day the place is free.
    waiting_case = Application.objects.get(pk=second.application_id)
    assert waiting_case.events.filter(
        kind="internal", action="referrals.place.proposed_from", data__date=end.isoformat()
    ).exists()

    (item,) = capacity_selectors.overview(user=world.staff.leader, today=today)
    wednesdays = [week.days[2] for week in item.weeks]
    assert [day.allocated for day in wednesdays] == [int(day.day < end) for day in wednesdays]
    assert [day.free for day in wednesdays] == [int(day.day >= end) for day in wednesdays]
    assert allocation.pk in [a.pk for a in item.allocations]  # still held today
    assert not item.waiting[0].free_now  # not free yet


def test_a_grant_starting_after_a_planned_end_gets_the_place(world, day_activity, districts):
    _one_place(world)
    today = timezone.localdate()
    first = _granted(world, day_activity, districts, "Anne Andersen", [2], start_date=None)
    end = today + timedelta(days=14)
    capacity.end_allocation_on(
        allocation=Allocation.objects.get(decision=first), end_date=end, actor=world.staff.leader
    )
    before = _granted(
        world, day_activity, districts, "Bjørn Berg", [2], start_date=today + timedelta(days=7)
    )
    after = _granted(world, day_activity, districts, "Cecilie Carlsen", [2], start_date=end)
    assert not Allocation.objects.filter(decision=before).exists()  # waits: still taken
    assert Allocation.objects.filter(decision=after).exists()  # free from the end date


def test_a_planned_end_can_be_moved_and_a_passed_one_is_over(world, login, day_activity, districts):
    first = _granted(world, day_activity, districts, "Anne Andersen", [2])
    allocation = Allocation.objects.get(decision=first)
    today = timezone.localdate()
    client = login(world.staff.leader)
    for end in (today + timedelta(days=21), today + timedelta(days=7)):
        response = client.post(
            END_URL, {"allocation": allocation.pk, "end_date": end.isoformat(), "confirm": "on"}
        )
        assert response.status_code == 302
    allocation.refresh_from_db()
    assert allocation.ends_on == today + timedelta(days=7)
    # Once the day has come the place is over: no longer held, no longer to be ended.
    Allocation.objects.filter(pk=allocation.pk).update(ends_on=today)
    (item,) = capacity_selectors.overview(user=world.staff.leader, today=today)
    assert item.allocations == []
    data = {"allocation": allocation.pk, "end_date": today.isoformat(), "confirm": "on"}
    assert client.post(END_URL, data).status_code == 404


def test_ending_today_still_ends_the_place_at_once(world, day_activity, districts):
    first = _granted(world, day_activity, districts, "Anne Andersen", [2])
    allocation = Allocation.objects.get(decision=first)
    capacity.end_allocation(allocation=allocation, actor=world.staff.leader)
    allocation.refresh_from_db()
    assert allocation.ended_at is not None and allocation.ends_on == timezone.localdate()
