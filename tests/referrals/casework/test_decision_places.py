"""The decision form and the places: free places per weekday from the start date, a
warning before granting a full day (an explicit tick grants it onto the waiting list),
and offers of a unit that answered a consultation with a free place."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone
from pypdf import PdfReader

from referrals.capacity.models import Allocation, WaitingListEntry
from referrals.cases.models import Consultation, Decision
from tests.catalogue.factories import OfferFactory
from tests.referrals.casework.factories import decide, decision_form_data, make_case, take


@pytest.fixture
def assessed(world):
    return take(world.case, world.staff.north)


def _fill(world, day_activity, districts, weekdays):
    """Someone else holds the only place on ``weekdays``."""
    world.offer.capacity_per_day = 1
    world.offer.save(update_fields=["capacity_per_day"])
    other = make_case(
        applicant=world.stranger,
        service_type=day_activity,
        district=districts.north,
        offers=[world.offer],
        person_name="Berit Berg",
    )
    take(other, world.staff.north)
    decide(other, world.staff.north, offer=world.offer, weekdays=weekdays)


def _url(case):
    return f"/saksbehandling/{case.reference}/vedtak/"


def test_the_form_shows_free_places_per_weekday_of_each_offer(
    world, login, assessed, day_activity, districts
):
    _fill(world, day_activity, districts, [1])
    html = login(world.staff.north).get(_url(assessed)).content.decode()
    assert "Solsiden dagsenter – ledige plasser fra" in html
    assert "mandag 1, tirsdag 0, onsdag 1" in html


def test_granting_a_full_day_warns_next_to_the_days_and_grants_nothing(
    world, login, assessed, day_activity, districts
):
    _fill(world, day_activity, districts, [1])
    response = login(world.staff.north).post(
        _url(assessed), decision_form_data(assessed, offer=world.offer.pk, weekdays=["1", "3"])
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "har ingen ledig plass fra" in html and "på tirsdag" in html
    assert "Innvilg også dager uten ledig plass" in html
    assert not Decision.objects.filter(application=assessed).exists()


def test_ticking_the_box_grants_the_place_and_the_waiting_list(
    world, login, assessed, day_activity, districts
):
    _fill(world, day_activity, districts, [1])
    response = login(world.staff.north).post(
        _url(assessed),
        decision_form_data(
            assessed, offer=world.offer.pk, weekdays=["1", "3"], grant_without_place="on"
        ),
    )
    assert response.status_code == 302
    decision = Decision.objects.get(application=assessed)
    assert list(Allocation.objects.filter(decision=decision).values_list("weekday", flat=True)) == [
        3
    ]
    assert list(
        WaitingListEntry.objects.filter(decision=decision).values_list("weekday", flat=True)
    ) == [1]


def test_days_with_a_place_need_no_confirmation(world, login, assessed, day_activity, districts):
    _fill(world, day_activity, districts, [1])
    response = login(world.staff.north).post(
        _url(assessed), decision_form_data(assessed, offer=world.offer.pk, weekdays=["0", "3"])
    )
    assert response.status_code == 302
    assert Allocation.objects.filter(application=assessed).count() == 2


def test_an_offer_of_a_unit_that_answered_with_a_free_place_can_be_granted(
    world, login, assessed, units, service_types
):
    elsewhere = OfferFactory(
        title="Månen aktivitetssenter",
        unit=units.moon,
        participation="application",
        service_type=service_types["stottekontakt"],
        capacity_per_day=4,
    )
    consultation = Consultation.objects.create(
        application=assessed, unit=units.moon, question="Har dere plass?"
    )
    client = login(world.staff.north)
    assert "Månen aktivitetssenter" not in client.get(_url(assessed)).content.decode()
    consultation.answer = "Ja"
    consultation.answered_at = timezone.now()
    consultation.has_free_place = True
    consultation.save()
    assert "Månen aktivitetssenter" in client.get(_url(assessed)).content.decode()
    response = client.post(_url(assessed), decision_form_data(assessed, offer=elsewhere.pk))
    assert response.status_code == 302
    assert Allocation.objects.filter(application=assessed, offer=elsewhere).count() == 2


def test_the_unit_leader_answers_that_the_unit_has_a_free_place(world, login, assessed, units):
    consultation = Consultation.objects.create(
        application=assessed, unit=units.sun, question="Har dere plass?"
    )
    client = login(world.staff.leader)
    response = client.post(
        f"/saksbehandling/{assessed.reference}/drofting/{consultation.pk}/svar/",
        {
            f"answer-{consultation.pk}-answer": "Ja, på tirsdager.",
            f"answer-{consultation.pk}-has_free_place": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    consultation.refresh_from_db()
    assert consultation.has_free_place


def test_the_decision_form_stays_within_twelve_queries(
    world, login, assessed, day_activity, districts
):
    _fill(world, day_activity, districts, [1])
    client = login(world.staff.north)
    client.get(_url(assessed))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(assessed)).status_code == 200
    assert len(queries) <= 12, [q["sql"] for q in queries.captured_queries]


def _letter_text(decision) -> str:
    with decision.letter.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    return " ".join("\n".join(page.extract_text() for page in reader.pages).split())


def test_each_granted_day_is_recorded_and_the_letter_says_when_and_the_queue(
    world, login, assessed, day_activity, districts
):
    _fill(world, day_activity, districts, [1])
    login(world.staff.north).post(
        _url(assessed),
        decision_form_data(
            assessed, offer=world.offer.pk, weekdays=["1", "3"], grant_without_place="on"
        ),
    )
    decision = Decision.objects.get(application=assessed)
    assert decision.content.day_places == [
        {"weekday": 1, "place": False, "position": 1},
        {"weekday": 3, "place": True},
    ]
    text = _letter_text(decision)
    start = formats.date_format(decision.content.start_date, "DATE_FORMAT")
    assert f"Torsdag: plass fra {start}" in text
    assert "Tirsdag: venteliste, nummer 1 i køen" in text


def test_the_citizen_sees_the_days_with_a_place_and_the_waiting_list(
    world, login, assessed, day_activity, districts
):
    _fill(world, day_activity, districts, [1])
    decide(assessed, world.staff.north, offer=world.offer, weekdays=[1, 3])
    html = login(world.citizen).get(f"/mine-soknader/{assessed.reference}/").content.decode()
    places = html[html.index('id="places-heading"') : html.index('id="waiting-heading"')]
    assert "torsdag" in places and "tirsdag" not in places
    waiting = html[html.index('id="waiting-heading"') :]
    assert "tirsdag" in waiting and "Nr. 1" in waiting
