"""/tilbud/<slug>/: the offer page."""

import datetime

import pytest
import time_machine
from django.urls import NoReverseMatch, reverse

from catalogue.models import Offer
from tests.catalogue.factories import (
    AccessibilityFeatureFactory,
    EventFactory,
    LocationFactory,
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


def page(client, offer) -> str:
    response = client.get(offer.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_url_is_stable():
    assert reverse("catalogue:offer_detail", kwargs={"slug": "turgruppe"}) == "/tilbud/turgruppe/"


@pytest.mark.parametrize("trait", ["draft", "archived"])
def test_unpublished_offers_are_not_found(client, trait):
    offer = OfferFactory(**{trait: True})
    assert client.get(offer.get_absolute_url()).status_code == 404


def test_an_unknown_slug_is_not_found(client):
    assert client.get("/tilbud/finnes-ikke/").status_code == 404


def test_it_shows_the_offer_texts_and_practical_facts(client):
    offer = OfferFactory(
        title="Turgruppe for seniorer",
        summary="Rolig tur hver tirsdag.",
        description="Vi går en time langs elva.",
        suits="For deg som vil komme deg ut.",
        transport_offered=True,
        transport_text="Vi henter deg.",
        meals_offered=True,
        meals_text="Kaffe og vafler.",
        contact_name="Kari Nordmann",
        contact_phone="98 76 54 32",
        contact_email="tur@example.no",
        volunteers_involved=True,
        volunteer_text="Bli turvenn.",
    )
    html = page(client, offer)
    for text in [
        "Turgruppe for seniorer",
        "Rolig tur hver tirsdag.",
        "Vi går en time langs elva.",
        "For deg som vil komme deg ut.",
        "Vi henter deg.",
        "Kaffe og vafler.",
        "Kari Nordmann",
        'href="tel:+4798765432"',
        "mailto:tur@example.no",
        "Bli turvenn.",
        "Gratis",
        "Bare møt opp",
        "Sist oppdatert",
        "Sist kontrollert",
    ]:
        assert text in html, text


def test_the_schedule_is_a_readable_week(client):
    offer = OfferFactory(opening_periods=False)
    OpeningPeriodFactory(offer=offer, weekday=1, opens=datetime.time(10), closes=datetime.time(12))
    OpeningPeriodFactory(offer=offer, weekday=1, opens=datetime.time(13), closes=datetime.time(15))
    response = client.get(offer.get_absolute_url())
    week = [line for line in response.context["facts"]["when"].lines if line.label]
    assert week[0].label == "Mandag" and len(week) == 7
    assert week[1].text == "10.00–12.00, 13.00–15.00"
    html = response.content.decode()
    assert "10.00–12.00" in html and "13.00–15.00" in html
    assert html.count("Stengt</td>") == 6


def test_exceptions_and_public_holidays_coming_up_are_shown(client):
    offer = OfferFactory(opening_periods=False)
    OpeningPeriodFactory(offer=offer, weekday=4)  # Fridays; 25 December 2026 is a Friday
    ScheduleExceptionFactory(offer=offer, date=datetime.date(2026, 12, 4), note="Planleggingsdag")
    html = page(client, offer)
    assert "Planleggingsdag" in html
    assert "Første juledag" in html


def test_holidays_are_not_shown_for_offers_open_on_holidays(client):
    offer = OfferFactory(opening_periods=False, closed_on_public_holidays=False)
    OpeningPeriodFactory(offer=offer, weekday=4)
    assert "Første juledag" not in page(client, offer)


def test_upcoming_events_are_shown(client):
    offer = OfferFactory()
    EventFactory(offer=offer, title="Tur til Tusenfryd")
    assert "Tur til Tusenfryd" in page(client, offer)


def test_the_address_links_to_the_municipal_map(client, settings):
    settings.MUNICIPALITY_MAP_URL = "https://kart.example.no/?q={address}"
    step_free = AccessibilityFeatureFactory(name="Trinnfri inngang")
    offer = OfferFactory(
        locations=[
            LocationFactory(
                address="Storgata 1", postcode="1234", place="Eksempelby", accessibility=[step_free]
            )
        ]
    )
    html = page(client, offer)
    assert "https://kart.example.no/?q=Storgata%201%2C%201234%20Eksempelby" in html
    assert "Trinnfri inngang" in html


def test_capacity_is_shown_as_free_or_full(client):
    assert "Ledig" in page(client, OfferFactory(places_available=2, capacity_per_day=10))
    assert "Fullt" in page(client, OfferFactory(places_available=0))
    html = page(client, OfferFactory(places_available=None))
    assert "Fullt" not in html and "ledig plass" not in html


def test_age_is_guidance_only(client):
    html = page(client, OfferFactory(age_min=18, age_max=67))
    assert "mellom 18 og 67 år" in html
    assert "bare veiledende" in html


def test_an_offer_by_application_leads_to_the_application(client):
    offer = OfferFactory(by_application=True)
    html = page(client, offer)
    assert "Dette er en tjeneste du søker om" in html
    try:
        start = reverse("referrals:apply_start")
    except NoReverseMatch:
        pytest.skip("the applications part has no apply_start yet")
    assert f'href="{start}?service=dagaktivitet&amp;offer={offer.slug}"' in html


def test_it_shows_nynorsk_texts_with_bokmal_fallback(client):
    offer = OfferFactory(
        title="Turgruppe for seniorer",
        title_nn="Turgruppe for seniorar",
        summary="Berre bokmål her.",
    )
    client.cookies["django_language"] = "nn"
    html = page(client, offer)
    assert "Turgruppe for seniorar" in html
    assert "Berre bokmål her." in html


def test_it_offers_the_calendar_file(client):
    offer = OfferFactory()
    assert f"/tilbud/{offer.slug}/kalender.ics" in page(client, offer)


def test_it_rejects_post(client):
    offer = OfferFactory()
    assert client.post(offer.get_absolute_url()).status_code == 405
    assert Offer.objects.count() == 1
