"""/api/v1/: open data with HSDS field names, published offers only, no personal data."""

import json

import pytest

from catalogue.models import Offer
from tests.catalogue.factories import LocationFactory, OfferFactory, UnitFactory

pytestmark = pytest.mark.django_db

PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def get(client, url):
    response = client.get(url)
    assert response["Content-Type"] == "application/json"
    return response, json.loads(response.content)


def test_the_index_lists_the_endpoints(client):
    response, data = get(client, "/api/v1/")
    assert response.status_code == 200
    assert set(data["endpoints"]) == {
        "organizations",
        "services",
        "locations",
        "schedules",
        "taxonomy_terms",
    }


def test_services_have_hsds_fields_and_schedules(client):
    offer = OfferFactory(
        title="Turgruppe", contact_name="Kari Nordmann", contact_email="tur@example.no"
    )
    OfferFactory(draft=True)
    response, data = get(client, "/api/v1/services/")
    assert response.status_code == 200
    assert set(data) >= PAGE_KEYS
    assert data["total_items"] == 1
    service = data["contents"][0]
    assert service["id"] == str(offer.pk)
    assert service["name"] == "Turgruppe"
    assert service["organization_id"] == str(offer.unit_id)
    assert service["status"] == "active"
    assert service["email"] == "tur@example.no"
    assert service["url"] == f"/tilbud/{offer.slug}/"
    for key in (
        "description",
        "fees_description",
        "eligibility_description",
        "application_process",
        "languages",
    ):
        assert key in service
    schedule = service["schedules"][0]
    assert schedule == {
        **schedule,
        "freq": "WEEKLY",
        "byday": "TU",
        "opens_at": "10:00",
        "closes_at": "14:00",
        "service_id": str(offer.pk),
    }
    assert "Kari Nordmann" not in response.content.decode()


def test_organizations_are_units_with_published_offers(client):
    visible = OfferFactory().unit
    UnitFactory(name="Tom enhet")
    OfferFactory(draft=True, unit=UnitFactory(name="Bare utkast"))
    _, data = get(client, "/api/v1/organizations/")
    assert [o["id"] for o in data["contents"]] == [str(visible.pk)]
    assert {"id", "name", "description", "email", "website"} <= set(data["contents"][0])


def test_locations_have_addresses_and_accessibility(client):
    location = LocationFactory(address="Storgata 1", postcode="1234", place="Eksempelby")
    OfferFactory(locations=[location])
    LocationFactory(name="Ubrukt")
    _, data = get(client, "/api/v1/locations/")
    assert data["total_items"] == 1
    entry = data["contents"][0]
    assert entry["addresses"][0]["address_1"] == "Storgata 1"
    assert entry["addresses"][0]["postal_code"] == "1234"
    assert entry["addresses"][0]["city"] == "Eksempelby"
    assert "accessibility" in entry


def test_schedules_only_for_published_offers(client):
    OfferFactory()
    OfferFactory(archived=True)
    _, data = get(client, "/api/v1/schedules/")
    assert data["total_items"] == 1
    assert data["contents"][0]["byday"] == "TU"


def test_it_paginates(client):
    OfferFactory.create_batch(5)
    _, data = get(client, "/api/v1/services/?per_page=2&page=3")
    assert (data["total_items"], data["total_pages"], data["page_number"], data["size"]) == (
        5,
        3,
        3,
        1,
    )
    assert data["last_page"] is True
    _, beyond = get(client, "/api/v1/services/?per_page=2&page=9")
    assert beyond["empty"] is True and beyond["contents"] == []


@pytest.mark.parametrize("query", ["page=abc", "page=0", "per_page=-5", "organization_id=x"])
def test_bad_parameters_give_400_not_500(client, query):
    OfferFactory()
    response, data = get(client, f"/api/v1/services/?{query}")
    assert response.status_code == 400
    assert "error" in data


def test_details_of_drafts_are_not_found(client):
    draft = OfferFactory(draft=True)
    response, _ = get(client, f"/api/v1/services/{draft.pk}/")
    assert response.status_code == 404
    published = OfferFactory()
    response, data = get(client, f"/api/v1/services/{published.pk}/")
    assert response.status_code == 200 and data["id"] == str(published.pk)


def test_it_is_read_only(client):
    assert client.post("/api/v1/services/").status_code == 405
    assert Offer.objects.count() == 0
