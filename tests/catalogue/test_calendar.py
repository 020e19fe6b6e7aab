"""/tilbud/<slug>/kalender.ics: the schedule as iCalendar."""

import datetime

import pytest
import time_machine
from icalendar import Calendar

from tests.catalogue.factories import (
    EventFactory,
    OfferFactory,
    OpeningPeriodFactory,
    ScheduleExceptionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2026, 11, 24, 9, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


def calendar_for(client, offer) -> Calendar:
    response = client.get(f"/tilbud/{offer.slug}/kalender.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_each_period_is_a_weekly_recurring_event_in_oslo_time(client):
    offer = OfferFactory(title="Turgruppe", opening_periods=False, closed_on_public_holidays=False)
    OpeningPeriodFactory(offer=offer, weekday=1, opens=datetime.time(11), closes=datetime.time(13))
    OpeningPeriodFactory(offer=offer, weekday=3, opens=datetime.time(10), closes=datetime.time(12))
    calendar = calendar_for(client, offer)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    tuesday = events[0]
    assert str(tuesday["SUMMARY"]) == "Turgruppe"
    assert tuesday["RRULE"]["FREQ"] == ["WEEKLY"]
    assert tuesday["RRULE"]["BYDAY"] == ["TU"]
    start = tuesday.decoded("DTSTART")
    assert start == datetime.datetime(2026, 11, 24, 11, 0, tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Europe/Oslo"
    assert "TZID=Europe/Oslo" in calendar.to_ical().decode()
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]


def test_closed_dates_and_public_holidays_are_excluded(client):
    offer = OfferFactory(opening_periods=False)
    OpeningPeriodFactory(offer=offer, weekday=4, opens=datetime.time(10), closes=datetime.time(12))
    ScheduleExceptionFactory(offer=offer, date=datetime.date(2026, 12, 4), note="Planleggingsdag")
    raw = client.get(f"/tilbud/{offer.slug}/kalender.ics").content.decode()
    unfolded = raw.replace("\r\n ", "")
    assert "20261204T100000" in unfolded  # the named closure
    assert "20261225T100000" in unfolded  # Første juledag, a Friday
    assert "EXDATE" in unfolded


def test_validity_ends_the_rule(client):
    offer = OfferFactory(opening_periods=False)
    OpeningPeriodFactory(offer=offer, weekday=1, valid_until=datetime.date(2027, 6, 15))
    event = calendar_for(client, offer).walk("VEVENT")[0]
    assert event["RRULE"]["UNTIL"][0].date() == datetime.date(2027, 6, 15)


def test_changed_hours_and_one_off_events_are_single_events(client):
    offer = OfferFactory()
    ScheduleExceptionFactory(
        offer=offer,
        date=datetime.date(2026, 12, 1),
        closed=False,
        opens=datetime.time(12),
        closes=datetime.time(13),
        note="Julebord",
    )
    EventFactory(offer=offer, title="Konsert")
    summaries = [str(e["SUMMARY"]) for e in calendar_for(client, offer).walk("VEVENT")]
    assert any("Julebord" in s for s in summaries)
    assert any("Konsert" in s for s in summaries)


def test_drafts_have_no_calendar(client):
    offer = OfferFactory(draft=True)
    assert client.get(f"/tilbud/{offer.slug}/kalender.ics").status_code == 404


# --- Issue 18, point 10 ---------------------------------------------------------------


def uids(client, offer) -> list[str]:
    return [str(event["UID"]) for event in calendar_for(client, offer).walk("VEVENT")]


def test_uids_do_not_depend_on_the_port_or_scheme_of_site_url(client, settings):
    offer = OfferFactory()
    EventFactory(offer=offer)
    settings.SITE_URL = "http://aktivitet.example.no:8000"
    with_port = uids(client, offer)
    settings.SITE_URL = "https://Aktivitet.example.no"
    assert uids(client, offer) == with_port
    assert all(uid.endswith("@aktivitet.example.no") for uid in with_port)
    assert len(set(with_port)) == 2


def test_an_old_calendar_address_redirects_after_a_new_slug(client):
    offer = OfferFactory(slug="strikkekafe")
    before = uids(client, offer)
    offer.slug = "strikkekafe-pa-biblioteket"
    offer.save()
    offer.slug = "strikkekafe-torsdag"
    offer.save()
    for old in ("strikkekafe", "strikkekafe-pa-biblioteket"):
        response = client.get(f"/tilbud/{old}/kalender.ics")
        assert response.status_code == 301
        assert response["Location"] == "/tilbud/strikkekafe-torsdag/kalender.ics"
        page = client.get(f"/tilbud/{old}/")
        assert page.status_code == 301 and page["Location"] == "/tilbud/strikkekafe-torsdag/"
    assert uids(client, offer) == before  # subscribed calendars keep their events


def test_an_old_slug_of_an_unpublished_offer_or_a_taken_slug_behaves(client):
    archived = OfferFactory(slug="gammel")
    archived.slug = "gammel-2"
    archived.save()
    archived.status = archived.Status.ARCHIVED
    archived.save()
    assert client.get("/tilbud/gammel/kalender.ics").status_code == 404
    newcomer = OfferFactory(slug="gammel")  # a new offer may take the freed slug
    assert client.get("/tilbud/gammel/kalender.ics").status_code == 200
    assert calendar_for(client, newcomer)["X-WR-CALNAME"] == newcomer.title
