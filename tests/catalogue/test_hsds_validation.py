"""Issue 18, point 9: every endpoint of /api/v1/ validates against Open Referral's HSDS
3.0 schemas (copied into tests/catalogue/hsds/, with their licence and version) with
zero errors, for the demo catalogue and for offers with every optional field empty and
with every field filled. Formats are checked (uuid, uri, email, date, date-time)."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from catalogue.demo import seed_catalogue
from catalogue.models import Offer, Unit
from tests.catalogue import hsds_schemas
from tests.catalogue.factories import (
    AccessibilityFeatureFactory,
    CategoryFactory,
    DistrictFactory,
    EventFactory,
    LanguageFactory,
    LocationFactory,
    OfferFactory,
    OpeningPeriodFactory,
    ScheduleExceptionFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

HSDS = hsds_schemas.HSDS
PAGE = HSDS + "openapi.json#/components/schemas/Page"
ROOT = HSDS + "openapi.json#/paths/~1/get/responses/200/content/application~1json/schema"
# endpoint: (schemas every item must satisfy, detail endpoint or None)
LISTS = {
    "services": ([HSDS + "compiled/service_list.json", HSDS + "service.json"], "services"),
    "organizations": (
        [HSDS + "compiled/organization_list.json", HSDS + "organization.json"],
        "organizations",
    ),
    "locations": ([HSDS + "location.json"], "locations"),
    "service_at_locations": (
        [HSDS + "compiled/service_at_location_list.json", HSDS + "service_at_location.json"],
        "service_at_locations",
    ),
    "schedules": ([HSDS + "schedule.json"], None),
    "taxonomies": ([HSDS + "taxonomy.json"], "taxonomies"),
    "taxonomy_terms": ([HSDS + "taxonomy_term.json"], "taxonomy_terms"),
}


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def all_errors(client) -> tuple[list[str], dict[str, int]]:
    """Every schema error of every endpoint, and how many objects were checked."""
    found = hsds_schemas.errors(hsds_schemas.validator(ROOT), get(client, "/api/v1/"), "/")
    checked = {}
    page_validator = hsds_schemas.validator(PAGE)
    for endpoint, (schemas, detail) in LISTS.items():
        validators = [hsds_schemas.validator(schema) for schema in schemas]
        items, number = [], 1
        while True:
            page = get(client, f"/api/v1/{endpoint}?per_page=200&page={number}")
            found += hsds_schemas.errors(page_validator, page, f"{endpoint} page {number}")
            items += page["contents"]
            if page["last_page"]:
                break
            number += 1
        checked[endpoint] = len(items)
        for item in items:
            for check in validators:
                found += hsds_schemas.errors(check, item, f"{endpoint} {item['id']}")
            if detail:
                one = get(client, f"/api/v1/{detail}/{item['id']}")
                for check in validators[-1:]:
                    found += hsds_schemas.errors(check, one, f"{detail}/{item['id']}")
    return found, checked


def assert_valid(client) -> dict[str, int]:
    found, checked = all_errors(client)
    assert found == [], f"{len(found)} HSDS errors:\n" + "\n".join(found[:40])
    return checked


def test_the_checker_finds_the_errors_the_issue_found():
    """The validator is strict enough: the errors of the first version are errors."""
    service = hsds_schemas.validator(HSDS + "service.json")
    good = {
        "id": "3b2c8555-6cb3-465f-819f-4fc0253309a4",
        "name": "Kafé",
        "status": "active",
        "url": "https://example.no/tilbud/kafe/",
    }
    assert list(service.iter_errors(good)) == []
    for bad in (
        {"id": "12"},
        {"url": "/tilbud/kafe/"},
        {"alternate_name": None},
        {"phones": [{"number": "12 34 56 78"}]},
        {"schedules": [{"id": good["id"], "timezone": "Europe/Oslo"}]},
        {"attributes": [{"id": good["id"], "taxonomy_term": {"id": good["id"], "name": "x"}}]},
    ):
        assert list(service.iter_errors({**good, **bad})), bad


def test_the_demo_catalogue_validates(client):
    seed_catalogue(offers=12)
    checked = assert_valid(client)
    assert checked["services"] == Offer.objects.published().count() >= 40
    assert checked["schedules"] > checked["services"]
    assert checked["taxonomy_terms"] > 20


def test_offers_with_every_optional_field_empty_validate(client):
    unit = Unit.objects.create(name="Enhet uten noe", slug="tom")
    location = LocationFactory(unit=None, description="", transport_note="")
    Offer.objects.create(
        title="Bare det nødvendige",
        slug="minimum",
        summary="Kort.",
        description="Tekst.",
        suits="Alle.",
        unit=unit,
        status=Offer.Status.PUBLISHED,
        contact_name="",
        closed_on_public_holidays=False,
    ).locations.set([location])
    OfferFactory(
        unit=unit,
        locations=[],
        opening_periods=False,
        contact_phone="",
        contact_email="",
        last_reviewed=None,
        cost=Offer.Cost.PRICE,
        price_text="",
    )
    checked = assert_valid(client)
    assert checked["services"] == 2 and checked["locations"] == 1


def test_offers_with_every_field_filled_validate(client):
    today = timezone.localdate()
    unit = UnitFactory(
        description="Om enheten",
        description_nn="Om eininga",
        description_en="About the unit",
        website="https://enhet.example.no/",
        kind=Unit.Kind.VOLUNTEER,
    )
    features = [AccessibilityFeatureFactory(name_nn="Trinnfri", name_en="Step-free")]
    location = LocationFactory(
        unit=unit,
        district=DistrictFactory(name_nn="Sentrum", name_en="Centre"),
        latitude=Decimal("59.911491"),
        longitude=Decimal("10.757933"),
        description="Inngang fra gården",
        description_nn="Inngang frå garden",
        description_en="Entrance from the yard",
        transport_note="Buss 2",
        transport_note_nn="Buss 2",
        transport_note_en="Bus 2",
        accessibility=features,
    )
    offer = OfferFactory(
        unit=unit,
        locations=[location],
        opening_periods=False,
        categories=[CategoryFactory(name_nn="Kultur", name_en="Culture")],
        languages=[
            LanguageFactory(slug="tegn", name="Norsk tegnspråk", code="nsl"),
            LanguageFactory(slug="pl", name="Polsk", name_en="Polish"),
        ],
        title_nn="Tittel",
        title_en="Title",
        summary_nn="Samandrag",
        summary_en="Summary",
        description_nn="Skildring",
        description_en="Description",
        suits_nn="For deg",
        suits_en="For you",
        signup_text="Ring oss",
        cost=Offer.Cost.PRICE,
        price_text="50 kr",
        age_min=18,
        age_max=99,
        transport_offered=True,
        meals_offered=True,
        counts_as_relief=True,
        capacity_per_day=12,
        places_available=0,
        volunteers_involved=True,
        closed_on_public_holidays=True,
    )
    OpeningPeriodFactory(
        offer=offer,
        location=location,
        weekday=2,
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=300),
    )
    OpeningPeriodFactory(
        offer=offer, weekday=6, opens=datetime.time(23), closes=datetime.time(23, 59)
    )
    ScheduleExceptionFactory(
        offer=offer, date=today + datetime.timedelta(days=14), note_en="Closed"
    )
    ScheduleExceptionFactory(
        offer=offer,
        date=today + datetime.timedelta(days=21),
        closed=False,
        opens=datetime.time(12),
        closes=datetime.time(13),
        note="Julebord",
    )
    EventFactory(offer=offer, location=location, title_en="Trip")
    checked = assert_valid(client)
    assert checked["services"] == 1
    service = get(client, "/api/v1/services")["contents"][0]
    assert {language["code"] for language in service["languages"]} == {"nsl", "pl"}
    assert service["x_closures"] and service["x_translations"]["en"]["name"] == "Title"
    assert service["x_counts_as_relief"] is True  # the relief flag, as the other flags
