"""Capacity per weekday and waiting lists: a grant takes places on the granted days;
a full day puts the person on that day's waiting list; ending a place proposes the next."""

from datetime import date, datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from referrals.capacity import selectors as capacity_selectors
from referrals.capacity import services as capacity
from referrals.capacity.models import Allocation, WaitingListEntry
from referrals.capacity.selectors import waiting_position
from referrals.cases.models import AccessLogEntry, Application
from tests.catalogue.factories import OfferFactory
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
    following = capacity.end_allocation(
        allocation=Allocation.objects.get(decision=first), actor=world.staff.north
    )
    assert following.decision == second
    waiting_case = Application.objects.get(pk=second.application_id)
    assert waiting_case.events.filter(
        kind="internal",
        action="referrals.place.proposed",
        data__offer__startswith="Solsiden dagsenter",
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
    waiting = html[html.index("Venteliste ved") :]
    assert "Bjørn Berg" in waiting and "Anne Andersen" not in waiting
    assert AccessLogEntry.objects.filter(object_type="capacity", user=world.staff.leader).exists()


def test_another_units_leader_does_not_see_the_people(world, login, day_activity, districts):
    _granted(world, day_activity, districts, "Anne Andersen", [2])
    html = login(world.staff.other_leader).get("/saksbehandling/kapasitet/").content.decode()
    assert "Anne Andersen" not in html


def test_citizens_and_administrators_are_refused_the_capacity_page(world, client, login):
    assert client.get("/saksbehandling/kapasitet/").status_code == 302
    assert login(world.citizen).get("/saksbehandling/kapasitet/").status_code == 403
    assert login(world.staff.admin).get("/saksbehandling/kapasitet/").status_code == 403


def test_a_caseworker_sees_the_offers_of_their_service_types(world, login, day_activity, districts):
    world.offer.capacity_per_day = 1
    world.offer.save(update_fields=["capacity_per_day"])
    _granted(world, day_activity, districts, "Anne Andersen", [2])
    _granted(world, day_activity, districts, "Bjørn Berg", [2])
    response = login(world.staff.north).get("/saksbehandling/kapasitet/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Solsiden dagsenter" in html
    assert "Fullt" in html
    assert "Anne Andersen" in html
    waiting = html[html.index("Venteliste ved") :]
    assert "Bjørn Berg" in waiting
    assert AccessLogEntry.objects.filter(object_type="capacity", user=world.staff.north).exists()


def test_a_caseworker_sees_the_numbers_but_not_the_people_outside_their_scope(
    world, login, day_activity, districts
):
    world.offer.capacity_per_day = 1
    world.offer.save(update_fields=["capacity_per_day"])
    _granted(world, day_activity, districts, "Anne Andersen", [2])
    _granted(world, day_activity, districts, "Bjørn Berg", [2])
    html = login(world.staff.south).get("/saksbehandling/kapasitet/").content.decode()
    assert "Solsiden dagsenter" in html and "Fullt" in html
    assert "Anne Andersen" not in html and "Bjørn Berg" not in html


def test_a_caseworker_does_not_see_offers_of_other_service_types(
    world, login, day_activity, districts
):
    _granted(world, day_activity, districts, "Anne Andersen", [2])
    response = login(world.staff.everywhere_support).get("/saksbehandling/kapasitet/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Solsiden dagsenter" not in html and "Anne Andersen" not in html
    assert world.offer not in capacity_selectors.offers_in_scope(world.staff.everywhere_support)


# --- the unit leader's page: week by week, ending a place, priorities -----------------

CAPACITY_URL = "/saksbehandling/kapasitet/"
END_URL = "/saksbehandling/kapasitet/avslutt-plass/"
PRIORITY_URL = "/saksbehandling/kapasitet/prioritet/"


def _allocation(offer, weekday, *, start_date=None, ended_at=None):
    return Allocation(offer=offer, weekday=weekday, start_date=start_date, ended_at=ended_at)


def test_a_place_counts_from_its_start_date_until_the_day_it_ended():
    monday = date(2026, 11, 23)
    allocation = _allocation(None, 2, start_date=date(2026, 12, 2))
    assert not capacity_selectors.takes_place_on(allocation, monday + timedelta(days=2))  # 25.11.
    assert capacity_selectors.takes_place_on(allocation, date(2026, 12, 2))
    assert not capacity_selectors.takes_place_on(allocation, date(2026, 12, 3))  # a Thursday
    allocation.ended_at = timezone.make_aware(datetime(2026, 12, 16, 10, 0))
    assert capacity_selectors.takes_place_on(allocation, date(2026, 12, 9))
    assert not capacity_selectors.takes_place_on(allocation, date(2026, 12, 16))


def test_the_calendar_counts_places_week_by_week():
    monday = date(2026, 11, 23)
    allocations = [
        _allocation(None, 0),
        _allocation(None, 0, start_date=monday + timedelta(weeks=1)),
        _allocation(None, 0, ended_at=timezone.make_aware(datetime(2026, 12, 14, 9, 0))),
        _allocation(None, 4),
    ]
    weeks = capacity_selectors.calendar(
        capacity=2, allocations=allocations, first_monday=monday, weeks=4
    )
    assert [week.monday for week in weeks] == [monday + timedelta(weeks=n) for n in range(4)]
    assert [week.days[0].allocated for week in weeks] == [2, 3, 3, 2]
    assert weeks[1].days[0].full and weeks[1].days[0].over == 1 and weeks[1].days[0].free == 0
    assert weeks[0].days[4].free == 1 and not weeks[0].days[4].full
    assert weeks[0].days[1].free == 2
    assert (
        capacity_selectors.calendar(
            capacity=None, allocations=allocations, first_monday=monday, weeks=1
        )[0]
        .days[0]
        .free
        is None
    )


def test_the_overview_respects_start_dates_in_the_coming_weeks(world, day_activity, districts):
    today = timezone.localdate()
    start = capacity_selectors.week_start(today) + timedelta(weeks=2)
    _granted(world, day_activity, districts, "Anne Andersen", [2])  # starts in 7 days
    decision = _granted(world, day_activity, districts, "Bjørn Berg", [2])
    Allocation.objects.filter(decision=decision).update(start_date=start)
    (item,) = capacity_selectors.overview(user=world.staff.leader, today=today)
    wednesdays = [week.days[2] for week in item.weeks]
    assert len(wednesdays) == 4
    expected_anne = [day.day >= today + timedelta(days=7) for day in wednesdays]
    assert [day.allocated for day in wednesdays] == [
        int(anne) + int(day.day >= start)
        for anne, day in zip(expected_anne, wednesdays, strict=True)
    ]
    assert [day.free for day in wednesdays] == [10 - day.allocated for day in wednesdays]


def test_the_page_shows_weeks_people_with_reference_and_the_waiting_list(
    world, login, day_activity, districts
):
    world.offer.capacity_per_day = 1
    world.offer.save(update_fields=["capacity_per_day"])
    first = _granted(world, day_activity, districts, "Anne Andersen", [2])
    second = _granted(world, day_activity, districts, "Bjørn Berg", [2])
    html = login(world.staff.leader).get(CAPACITY_URL).content.decode()
    week = capacity_selectors.week_start(timezone.localdate()).isocalendar().week
    assert f"Uke {week} (" in html
    assert Application.objects.get(pk=first.application_id).reference in html
    assert Application.objects.get(pk=second.application_id).reference in html
    assert "<caption>" in html and 'scope="row"' in html
    assert "style=" not in html.split("<main", 1)[-1]
    # The person's identity number is never shown.
    national_id = Application.objects.get(pk=first.application_id).person_national_id
    assert national_id not in html


def test_ending_a_place_from_the_page_proposes_the_next_and_says_so(
    world, login, day_activity, districts
):
    world.offer.capacity_per_day = 1
    world.offer.save(update_fields=["capacity_per_day"])
    first = _granted(world, day_activity, districts, "Anne Andersen", [2])
    second = _granted(world, day_activity, districts, "Bjørn Berg", [2])
    allocation = Allocation.objects.get(decision=first)
    client = login(world.staff.leader)
    response = client.post(
        END_URL,
        {
            "allocation": allocation.pk,
            "end_date": timezone.localdate().isoformat(),
            "confirm": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    waiting_case = Application.objects.get(pk=second.application_id)
    assert "foreslått for saksbehandleren" in html
    assert waiting_case.reference in html
    allocation.refresh_from_db()
    assert allocation.ended_at is not None
    assert waiting_case.events.filter(
        kind="internal", action__startswith="referrals.place.proposed"
    ).exists()
    assert AccessLogEntry.objects.filter(
        user=world.staff.leader,
        object_type="allocation",
        object_id=str(allocation.pk),
        action="change",
        allowed=True,
    ).exists()
    assert "Ledig plass nå" in html  # Bjørn is first in line for the freed Wednesday


def test_ending_a_place_with_nobody_waiting_says_so(world, login, day_activity, districts):
    first = _granted(world, day_activity, districts, "Anne Andersen", [2])
    allocation = Allocation.objects.get(decision=first)
    response = login(world.staff.leader).post(
        END_URL,
        {
            "allocation": allocation.pk,
            "end_date": timezone.localdate().isoformat(),
            "confirm": "on",
        },
        follow=True,
    )
    assert "Ingen står på ventelisten for onsdag" in response.content.decode()


def test_ending_a_place_backdated_frees_it_from_that_day(world, login, day_activity, districts):
    first = _granted(world, day_activity, districts, "Anne Andersen", [2])
    allocation = Allocation.objects.get(decision=first)
    Allocation.objects.filter(pk=allocation.pk).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    end = timezone.localdate() - timedelta(days=3)
    login(world.staff.leader).post(
        END_URL, {"allocation": allocation.pk, "end_date": end.isoformat(), "confirm": "on"}
    )
    allocation.refresh_from_db()
    assert timezone.localdate(allocation.ended_at) == end


def test_ending_a_place_needs_confirmation_and_a_date_not_before_it_was_given(
    world, login, day_activity, districts
):
    first = _granted(world, day_activity, districts, "Anne Andersen", [2])
    allocation = Allocation.objects.get(decision=first)
    client = login(world.staff.leader)
    today = timezone.localdate()
    response = client.post(END_URL, {"allocation": allocation.pk, "end_date": today.isoformat()})
    assert response.status_code == 422
    assert "Bekreft at plassen skal avsluttes." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    response = client.post(
        END_URL,
        {
            "allocation": allocation.pk,
            "end_date": (today - timedelta(days=1)).isoformat(),
            "confirm": "on",
        },
    )
    assert response.status_code == 422
    assert "Datoen kan ikke være før plassen ble tildelt." in response.content.decode()
    allocation.refresh_from_db()
    assert allocation.ended_at is None and allocation.ends_on is None


def test_ending_a_place_is_post_only(world, login):
    assert login(world.staff.leader).get(END_URL).status_code == 405
    assert login(world.staff.leader).get(PRIORITY_URL).status_code == 405


def test_ending_a_place_is_refused_with_404_to_everyone_else(world, login, day_activity, districts):
    first = _granted(world, day_activity, districts, "Anne Andersen", [2])
    allocation = Allocation.objects.get(decision=first)
    data = {
        "allocation": allocation.pk,
        "end_date": timezone.localdate().isoformat(),
        "confirm": "on",
    }
    for user in (
        world.staff.other_leader,
        world.staff.south,
        world.staff.everywhere_support,
        world.staff.admin,
        world.citizen,
    ):
        assert login(user).post(END_URL, data).status_code == 404, user
        assert AccessLogEntry.objects.filter(
            user=user, object_type="allocation", allowed=False
        ).exists()
    assert (
        login(world.staff.leader).post(END_URL, {**data, "allocation": 999999}).status_code == 404
    )
    allocation.refresh_from_db()
    assert allocation.ended_at is None
    # An ended place cannot be ended again.
    login(world.staff.leader).post(END_URL, data)
    assert login(world.staff.leader).post(END_URL, data).status_code == 404


def test_the_caseworker_of_the_case_may_end_a_place_and_returns_to_the_case(
    world, login, day_activity, districts
):
    first = _granted(world, day_activity, districts, "Anne Andersen", [2])
    allocation = Allocation.objects.get(decision=first)
    response = login(world.staff.north).post(
        END_URL,
        {
            "allocation": allocation.pk,
            "end_date": timezone.localdate().isoformat(),
            "confirm": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(allocation.application.reference + "/")


def _waiting(world, day_activity, districts):
    world.offer.capacity_per_day = 1
    world.offer.save(update_fields=["capacity_per_day"])
    _granted(world, day_activity, districts, "Anne Andersen", [2])
    second = _granted(world, day_activity, districts, "Bjørn Berg", [2])
    third = _granted(world, day_activity, districts, "Cecilie Carlsen", [2])
    return WaitingListEntry.objects.get(decision=second), WaitingListEntry.objects.get(
        decision=third
    )


def test_the_unit_leader_changes_a_priority_and_the_order_follows(
    world, login, day_activity, districts
):
    bjorn, cecilie = _waiting(world, day_activity, districts)
    response = login(world.staff.leader).post(
        PRIORITY_URL, {"entry": cecilie.pk, "priority": 1}, follow=True
    )
    assert response.status_code == 200
    cecilie.refresh_from_db()
    assert cecilie.priority == 1
    assert waiting_position(entry=cecilie) == 1
    assert waiting_position(entry=bjorn) == 2
    html = response.content.decode()
    assert html.index("Cecilie Carlsen") < html.index("Bjørn Berg", html.index("Venteliste"))
    assert cecilie.application.events.filter(
        kind="internal",
        action="referrals.waiting_list.priority_changed",
        data={"old": 2, "new": 1},
    ).exists()
    assert AccessLogEntry.objects.filter(
        user=world.staff.leader, object_type="waitinglistentry", action="change", allowed=True
    ).exists()


def test_the_caseworker_may_change_a_priority_others_get_404(world, login, day_activity, districts):
    _bjorn, cecilie = _waiting(world, day_activity, districts)
    response = login(world.staff.north).post(PRIORITY_URL, {"entry": cecilie.pk, "priority": 3})
    assert response.status_code == 302
    cecilie.refresh_from_db()
    assert cecilie.priority == 3
    for user in (world.staff.other_leader, world.staff.south, world.staff.admin, world.citizen):
        response = login(user).post(PRIORITY_URL, {"entry": cecilie.pk, "priority": 1})
        assert response.status_code == 404, user
    cecilie.refresh_from_db()
    assert cecilie.priority == 3


def test_an_invalid_priority_is_shown_and_not_saved(world, login, day_activity, districts):
    _bjorn, cecilie = _waiting(world, day_activity, districts)
    response = login(world.staff.leader).post(PRIORITY_URL, {"entry": cecilie.pk, "priority": 0})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.content.decode()
    cecilie.refresh_from_db()
    assert cecilie.priority == 2


def test_the_page_uses_a_fixed_number_of_queries(
    world, login, day_activity, districts, sun_offer, units, citizen
):
    first = _granted(world, day_activity, districts, "Anne Andersen", [2])
    client = login(world.staff.leader)
    client.get(CAPACITY_URL)  # warm the session and caches

    with CaptureQueriesContext(connection) as few:
        assert client.get(CAPACITY_URL).status_code == 200

    second_offer = OfferFactory(
        title="Månelys dagsenter",
        unit=units.sun,
        participation="application",
        service_type=day_activity,
        capacity_per_day=3,
    )
    for n in range(25):
        case = make_case(
            applicant=citizen,
            service_type=day_activity,
            district=districts.north,
            person_name=f"Person {n}",
        )
        offer = sun_offer if n % 2 else second_offer
        Allocation.objects.create(offer=offer, application=case, decision=first, weekday=n % 5)
        WaitingListEntry.objects.create(
            offer=offer, application=case, decision=first, weekday=n % 5, priority=n % 3 + 1
        )

    with CaptureQueriesContext(connection) as many:
        response = client.get(CAPACITY_URL)
    assert response.status_code == 200
    assert "Person 24" in response.content.decode()
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert len(many) <= 12


def test_the_caseworkers_page_uses_a_fixed_number_of_queries(
    world, login, day_activity, districts, sun_offer, citizen
):
    first = _granted(world, day_activity, districts, "Anne Andersen", [2])
    client = login(world.staff.north)
    client.get(CAPACITY_URL)
    with CaptureQueriesContext(connection) as few:
        assert client.get(CAPACITY_URL).status_code == 200
    for n in range(10):
        case = make_case(
            applicant=citizen,
            service_type=day_activity,
            district=districts.north if n % 2 else districts.south,
            person_name=f"Person {n}",
        )
        Allocation.objects.create(offer=sun_offer, application=case, decision=first, weekday=n % 5)
    with CaptureQueriesContext(connection) as many:
        response = client.get(CAPACITY_URL)
    html = response.content.decode()
    assert "Person 9" in html and "Person 8" not in html
    assert len(many) == len(few) <= 12, [q["sql"] for q in many.captured_queries]


def test_the_page_moves_four_weeks_at_a_time_and_ignores_odd_dates(world, login):
    client = login(world.staff.leader)
    this_week = capacity_selectors.week_start(timezone.localdate())
    later = this_week + timedelta(weeks=4)
    html = client.get(CAPACITY_URL, {"fra": later.isoformat()}).content.decode()
    assert f"Uke {later.isocalendar().week} (" in html
    assert f"?fra={(later + timedelta(weeks=4)).isoformat()}" in html
    for odd in ("9999-12-31", "0001-01-01", "nonsense"):
        response = client.get(CAPACITY_URL, {"fra": odd})
        assert response.status_code == 200
        assert f"Uke {this_week.isocalendar().week} (" in response.content.decode()


def test_the_queue_links_to_the_capacity_page(world, login):
    html = login(world.staff.north).get("/saksbehandling/").content.decode()
    assert f'href="{CAPACITY_URL}"' in html
