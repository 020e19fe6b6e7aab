"""/api/v1/: open data with HSDS field names, published offers only, no personal data."""

import json

import pytest

from catalogue.models import Offer
from portal.roles import Role
from tests.catalogue.factories import LocationFactory, OfferFactory, UnitFactory
from tests.factories import make_user

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


# --- Caching: keyed on every input of the response, and nothing else -------------------


def test_each_language_gets_its_own_cached_text(client):
    """Issue 18: after an English request the nb client got English under
    Content-Language: nb."""
    OfferFactory(signup_text="")
    url = "/api/v1/services/?per_page=43"
    for _round in range(2):  # miss, then hit
        for language, text in (("en", "Open: just turn up"), ("nb", "Åpent: bare møt opp")):
            response = client.get(url, headers={"accept-language": language})
            assert response["Content-Language"] == language
            assert json.loads(response.content)["contents"][0]["application_process"] == text


def test_each_parameter_a_list_reads_and_the_data_change_the_response(client):
    first = OfferFactory(title="Alfa-kafé")
    second = OfferFactory(title="Beta-kor")
    url = "/api/v1/services/"
    _, everything = get(client, url)
    assert [s["name"] for s in everything["contents"]] == ["Alfa-kafé", "Beta-kor"]
    for query, names in (
        ("?per_page=1", ["Alfa-kafé"]),
        ("?per_page=1&page=2", ["Beta-kor"]),
        (f"?organization_id={second.unit_id}", ["Beta-kor"]),
    ):
        _, data = get(client, url + query)
        assert [s["name"] for s in data["contents"]] == names, query

    # A renamed district saves no offer; the cached list shows it at once all the same.
    get(client, "/api/v1/locations/")
    district = first.locations.get().district
    district.name = "Fjellsiden"
    district.save()
    _, data = get(client, "/api/v1/locations/")
    assert "Fjellsiden" in {entry["x_district"]["name"] for entry in data["contents"]}


def test_the_open_data_is_the_same_for_everyone(client):
    OfferFactory()
    anonymous = client.get("/api/v1/services/").content
    client.force_login(make_user(Role.CASEWORKER))
    assert client.get("/api/v1/services/").content == anonymous


def test_unknown_parameters_and_other_spellings_share_one_cache_entry(
    client, django_assert_num_queries
):
    unit = OfferFactory().unit
    OfferFactory(unit=unit)
    _, first = get(client, f"/api/v1/services/?per_page=1&organization_id={unit.pk}")
    for spelling in (
        f"?organization_id={unit.pk}&per_page=1&z=1",
        f"?per_page=01&organization_id=+{unit.pk}&utm_source=x",
        f"?per_page=5&per_page=1&organization_id={unit.pk}",
    ):
        with django_assert_num_queries(1):  # the catalogue's version; the rest is cached
            response, data = get(client, "/api/v1/services/" + spelling)
        assert data == first, spelling
    _, most = get(client, "/api/v1/services/?per_page=200")
    with django_assert_num_queries(1):
        _, data = get(client, "/api/v1/services/?per_page=100000&z=1")
    assert data == most


@pytest.mark.parametrize("value", ["99999999999999999999", "9" * 5000, "²"])
def test_a_number_too_large_for_an_id_is_not_a_server_error(client, value):
    OfferFactory()
    response, data = get(client, f"/api/v1/services/?organization_id={value}")
    assert response.status_code in (200, 400)
    assert data.get("contents", []) == []
