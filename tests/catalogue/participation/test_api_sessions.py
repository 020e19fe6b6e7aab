"""The open-data API gives sessions and free places as HSDS schedules with the capacity
extension, valid against HSDS 3.0 and the OpenAPI document, and never anything about
the people signed up (catalogue.participation.hsds)."""

import datetime
import json

import pytest
from django.utils import timezone

from catalogue.models import Offer
from catalogue.participation import services
from catalogue.participation.models import SignUp
from tests.catalogue import hsds_schemas
from tests.catalogue.factories import LocationFactory, OfferFactory, SessionFactory, SignUpFactory

pytestmark = pytest.mark.django_db
DOCUMENT_URI = "urn:aktivitetsportal:openapi"

# What a sign-up holds, all of it distinctive, so a leak anywhere in a response shows.
PERSON = {
    "name": "Ingrid Leakesen",
    "phone": "+4741234599",
    "email": "ingrid.leakesen@eksempel.no",
    "pickup_address": "Lekkasjeveien 17",
    "diet": "Laktosefri og nøttefri",
    "language_help": "Tigrinja-tolk",
}
SIGNUP_KEYS = {
    "name_of_participant",
    "signups",
    "participants",
    "pickup_address",
    "diet",
    "needs_transport",
    "needs_meal",
    "language_help",
    "mobility_aid",
    "token_hash",
}


@pytest.fixture
def course():
    """A course of three Tuesdays (two places), the first full with one waiting."""
    offer = OfferFactory(title="Mestringskurs", participation=Offer.Participation.SIGNUP)
    location = LocationFactory()
    offer.locations.add(location)
    first = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=8 - timezone.localdate().weekday()),
            datetime.time(18, 0),
        )
    )
    sessions = services.create_series(
        offer,
        first,
        3,
        duration=datetime.timedelta(hours=2),
        places=2,
        location=location,
    )
    full = sessions[0]
    SignUpFactory(session=full, **PERSON)
    SignUpFactory(session=full, for_someone_else=True)
    SignUpFactory(session=full, status=SignUp.Status.WAITING, **{**PERSON, "name": "Per Kø"})
    SignUpFactory(session=full, status=SignUp.Status.CANCELLED)
    SignUpFactory(session=sessions[1], status=SignUp.Status.OFFERED)
    return offer, sessions, location


def session_entries(client, offer) -> list[dict]:
    page = json.loads(client.get("/api/v1/schedules?per_page=200").content)
    return [
        entry
        for entry in page["contents"]
        if entry["service_id"] == str(offer.uuid) and "x_session_id" in entry
    ]


def test_sessions_are_schedules_with_places_free_and_waiting(client, course):
    offer, sessions, location = course
    first, second, third = session_entries(client, offer)
    assert [e["x_session_id"] for e in (first, second, third)] == [s.pk for s in sessions]
    assert (first["x_places"], first["x_free_places"], first["x_waiting"]) == (2, 0, 1)
    assert (second["x_places"], second["x_free_places"], second["x_waiting"]) == (2, 1, 0)
    assert third["x_free_places"] == 2
    starts = timezone.localtime(sessions[0].starts_at)
    assert first["valid_from"] == first["valid_to"] == starts.date().isoformat()
    assert first["opens_at"] == f"18:00{first['timezone']:+03d}:00"
    assert first["closes_at"] == f"20:00{first['timezone']:+03d}:00"
    assert first["location_id"] == str(location.uuid)
    assert first["schedule_link"].endswith(f"/tilbud/{offer.slug}/pamelding/")
    assert first["x_signup"] is True
    # The course's rule, in HSDS's iCal fields, the same in each of its sessions.
    last = timezone.localtime(sessions[-1].starts_at).date().isoformat()
    for entry in (first, second, third):
        assert entry["freq"] == "WEEKLY"
        assert entry["interval"] == 1
        assert entry["byday"] == "TU"
        assert entry["dtstart"] == starts.date().isoformat()
        assert entry["until"] == last
        assert entry["count"] == 3
        assert entry["x_series_id"] == str(sessions[0].series)
    # The service carries the same schedules.
    service = json.loads(client.get(f"/api/v1/services/{offer.uuid}").content)
    assert [s["x_session_id"] for s in service["schedules"] if "x_session_id" in s] == [
        s.pk for s in sessions
    ]


def test_past_sessions_are_left_out_and_open_offers_have_no_capacity(client):
    open_offer = OfferFactory(participation=Offer.Participation.OPEN)
    coming = SessionFactory(offer=open_offer)
    past_start = timezone.now() - datetime.timedelta(days=2)
    SessionFactory(
        offer=open_offer, starts_at=past_start, ends_at=past_start + datetime.timedelta(hours=1)
    )
    [entry] = session_entries(client, open_offer)
    assert entry["x_session_id"] == coming.pk
    assert entry["x_signup"] is False
    assert "freq" not in entry
    assert not {"x_places", "x_free_places", "x_waiting"} & set(entry)
    assert entry["schedule_link"].endswith(f"/tilbud/{open_offer.slug}/")


def test_session_schedules_validate_against_hsds_and_the_openapi_document(client, course):
    offer, _sessions, _location = course
    entries = session_entries(client, offer)
    hsds = hsds_schemas.validator(hsds_schemas.HSDS + "schedule.json")
    document = json.loads(client.get("/api/v1/openapi.json").content)
    ours = hsds_schemas.validator(
        f"{DOCUMENT_URI}#/components/schemas/Schedule",
        hsds_schemas.with_document(DOCUMENT_URI, document),
    )
    found = []
    for entry in entries:
        found += hsds_schemas.errors(hsds, entry, "hsds")
        found += hsds_schemas.errors(ours, entry, "openapi")
    assert found == []


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


def test_the_api_never_contains_anything_about_the_people_signed_up(client, course):
    offer, sessions, location = course
    service_at_location = "/api/v1/service_at_locations?per_page=200"
    urls = [
        "/api/v1/services?per_page=200",
        f"/api/v1/services/{offer.uuid}",
        "/api/v1/schedules?per_page=200",
        service_at_location,
        "/api/v1/locations?per_page=200",
        "/api/v1/organizations?per_page=200",
    ]
    pairs = json.loads(client.get(service_at_location).content)["contents"]
    urls += [f"/api/v1/service_at_locations/{pair['id']}" for pair in pairs]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for value in [*PERSON.values(), "Per Kø", "41234599"]:
            assert value not in body, (url, value)
            assert json.dumps(value)[1:-1] not in body, (url, value)
        assert not SIGNUP_KEYS & _keys(json.loads(body)), url
