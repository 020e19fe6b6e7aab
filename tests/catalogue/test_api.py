"""/api/v1/: open data in HSDS 3.0, published offers only, no personal data, with HSDS's
API conventions (issue 18, points 7 and 8)."""

import datetime
import json
import uuid

import pytest
import time_machine
from django.test import Client, override_settings

from catalogue.models import Offer
from portal.roles import Role
from tests.catalogue.factories import (
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
from tests.factories import make_user

pytestmark = pytest.mark.django_db

SITE = "https://aktivitet.example.no"
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


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response["Content-Type"] == "application/json", (url, response.status_code)
    assert response["Access-Control-Allow-Origin"] == "*"
    return response, json.loads(response.content) if response.content else None


@override_settings(SITE_URL=SITE)
def test_the_index_refers_to_the_openapi_document_and_the_endpoints(client):
    response, data = get(client, "/api/v1/")
    assert response.status_code == 200
    assert data["version"] == "3.0"
    assert data["openapi_url"] == f"{SITE}/api/v1/openapi.json"
    assert set(data["x_endpoints"]) == {
        "organizations",
        "services",
        "locations",
        "service_at_locations",
        "schedules",
        "taxonomies",
        "taxonomy_terms",
    }
    for url in data["x_endpoints"].values():
        assert url.startswith(f"{SITE}/api/v1/")
        assert client.get(url.removeprefix(SITE)).status_code == 200


@override_settings(SITE_URL=SITE)
def test_services_have_hsds_fields_uuids_absolute_urls_and_no_nulls(client):
    offer = OfferFactory(
        title="Turgruppe", contact_name="Kari Nordmann", contact_email="tur@example.no"
    )
    OfferFactory(draft=True)
    response, data = get(client, "/api/v1/services")
    assert response.status_code == 200
    assert set(data) >= PAGE_KEYS
    assert data["total_items"] == 1
    service = data["contents"][0]
    assert service["id"] == str(offer.uuid)
    assert service["x_id"] == offer.pk
    assert service["name"] == "Turgruppe"
    assert service["organization_id"] == str(offer.unit.uuid)
    assert service["status"] == "active"
    assert service["email"] == "tur@example.no"
    assert service["url"] == f"{SITE}/tilbud/{offer.slug}/"
    assert service["phones"][0]["id"] and service["phones"][0]["number"] == "+4798765432"
    assert "alternate_name" not in service and "minimum_age" not in service
    assert "null" not in response.content.decode()
    assert "Kari Nordmann" not in response.content.decode()
    schedule = service["schedules"][0]
    assert schedule == {
        **schedule,
        "freq": "WEEKLY",
        "byday": "TU",
        "service_id": str(offer.uuid),
        "schedule_link": f"{SITE}/tilbud/{offer.slug}/kalender.ics",
    }
    assert schedule["opens_at"] in ("10:00+01:00", "10:00+02:00")
    assert schedule["timezone"] in (1, 2)
    assert schedule["valid_from"] <= schedule["valid_to"]


def test_ids_stay_the_same_through_renames(client):
    offer = OfferFactory(title="Før", categories=[CategoryFactory(slug="kultur")])
    _, before = get(client, "/api/v1/services")
    offer.title, offer.slug = "Etter", "nytt-navn"
    offer.save()
    category = offer.categories.get()
    category.slug, category.name = "kunst", "Kunst"
    category.save()
    _, after = get(client, "/api/v1/services")
    first, second = before["contents"][0], after["contents"][0]
    assert second["name"] == "Etter"
    assert first["id"] == second["id"]
    assert first["attributes"][0]["id"] == second["attributes"][0]["id"]
    assert first["attributes"][0]["taxonomy_term"]["id"] == category_id(second)
    assert second["attributes"][0]["taxonomy_term"]["code"] == "kunst"


def category_id(service) -> str:
    return service["attributes"][0]["taxonomy_term"]["id"]


def test_languages_have_iso_639_codes_and_sign_language_is_nsl(client):
    OfferFactory(
        languages=[
            LanguageFactory(slug="tegn", name="Norsk tegnspråk", code="nsl"),
            LanguageFactory(slug="pl", name="Polsk"),
            LanguageFactory(slug="tigrinja", name="Tigrinja"),  # no code written: none given
        ]
    )
    _, data = get(client, "/api/v1/services")
    languages = data["contents"][0]["languages"]
    assert {language.get("code") for language in languages} == {"nsl", "pl", None}
    assert all(language["id"] for language in languages)


def test_taxonomies_and_terms_follow_hsds(client):
    category = CategoryFactory(name="Kultur", name_en="Culture")
    _, taxonomies = get(client, "/api/v1/taxonomies")
    by_code = {t["x_code"]: t for t in taxonomies["contents"]}
    assert set(by_code) == {"category", "district", "accessibility", "language"}
    assert all(t["description"] for t in by_code.values())
    _, terms = get(client, f"/api/v1/taxonomy_terms?taxonomy_id={by_code['category']['id']}")
    assert [t["id"] for t in terms["contents"]] == [str(category.uuid)]
    term = terms["contents"][0]
    assert term["taxonomy_id"] == by_code["category"]["id"]
    assert term["description"] and "vocabulary" not in term
    _, english = get(client, f"/api/v1/taxonomy_terms/{category.uuid}", accept_language="en")
    assert english["name"] == "Culture" and english["language"] == "en"
    assert english["taxonomy_detail"]["id"] == by_code["category"]["id"]


def test_organizations_are_units_with_published_offers(client):
    visible = OfferFactory().unit
    UnitFactory(name="Tom enhet")
    OfferFactory(draft=True, unit=UnitFactory(name="Bare utkast"))
    _, data = get(client, "/api/v1/organizations/")
    assert [o["id"] for o in data["contents"]] == [str(visible.uuid)]
    assert {"id", "name", "description", "email"} <= set(data["contents"][0])


def test_locations_have_addresses_and_accessibility(client):
    location = LocationFactory(address="Storgata 1", postcode="1234", place="Eksempelby")
    OfferFactory(locations=[location])
    LocationFactory(name="Ubrukt")
    _, data = get(client, "/api/v1/locations/")
    assert data["total_items"] == 1
    entry = data["contents"][0]
    assert entry["id"] == str(location.uuid)
    assert entry["addresses"][0]["address_1"] == "Storgata 1"
    assert entry["addresses"][0]["postal_code"] == "1234"
    assert entry["addresses"][0]["city"] == "Eksempelby"
    assert entry["attributes"][0]["taxonomy_term"]["taxonomy"] == "district"
    assert "accessibility" in entry


def test_service_at_locations_list_and_detail(client):
    offer = OfferFactory()
    location = offer.locations.get()
    _, data = get(client, "/api/v1/service_at_locations")
    entry = data["contents"][0]
    assert (entry["service_id"], entry["location_id"]) == (str(offer.uuid), str(location.uuid))
    _, detail = get(client, f"/api/v1/service_at_locations/{entry['id']}")
    assert detail["location"]["id"] == str(location.uuid)
    assert detail["schedules"][0]["byday"] == "TU"


def test_schedules_only_for_published_offers(client):
    OfferFactory()
    OfferFactory(archived=True)
    _, data = get(client, "/api/v1/schedules/")
    assert {s["byday"] for s in data["contents"]} == {"TU"}
    assert {s["service_id"] for s in data["contents"]} == {
        str(Offer.objects.published().get().uuid)
    }


@pytest.fixture
def winter_day():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 9, tzinfo=datetime.UTC), tick=False):
        yield


def test_schedules_split_where_the_offset_changes_and_around_closures(client, winter_day):
    """Weekly hours with offsets; a closure and a public holiday on the weekday end one
    stretch and start the next; changed hours and one-off events are single days."""
    offer = OfferFactory(opening_periods=False, closed_on_public_holidays=True)
    OpeningPeriodFactory(offer=offer, weekday=4)  # Fridays 10–14
    ScheduleExceptionFactory(offer=offer, date=datetime.date(2026, 12, 4), note="Kurs")
    ScheduleExceptionFactory(
        offer=offer,
        date=datetime.date(2026, 12, 11),
        closed=False,
        opens=datetime.time(12),
        closes=datetime.time(13),
        note="Julebord",
    )
    EventFactory(
        offer=offer,
        title="Konsert",
        starts_at=datetime.datetime(2027, 6, 1, 16, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 6, 1, 18, tzinfo=datetime.UTC),
    )
    _, data = get(client, "/api/v1/services")
    service = data["contents"][0]
    weekly = [s for s in service["schedules"] if s.get("freq") == "WEEKLY"]
    stretches = [(s["valid_from"], s["valid_to"], s["opens_at"]) for s in weekly][:4]
    assert stretches == [
        ("2026-10-25", "2026-12-03", "10:00+01:00"),  # from the last change of offset
        # 4 December closed, 11 December changed hours: no Friday between them
        ("2026-12-12", "2026-12-24", "10:00+01:00"),  # Christmas Day is a Friday
        # so is New Year's Day; Good Friday 2027 is 26 March
        ("2027-01-02", "2027-03-25", "10:00+01:00"),
        ("2027-03-28", "2027-10-30", "10:00+02:00"),  # summer time
    ]
    summer = [s for s in weekly if s["timezone"] == 2]
    assert summer and all(s["opens_at"] == "10:00+02:00" for s in summer)
    single = {s["description"]: s for s in service["schedules"] if "freq" not in s}
    assert single["Julebord"]["opens_at"] == "12:00+01:00"
    assert single["Julebord"]["valid_from"] == single["Julebord"]["valid_to"] == "2026-12-11"
    assert single["Konsert"]["opens_at"] == "18:00+02:00"
    closures = {c["date"]: c["note"] for c in service["x_closures"]}
    assert closures["2026-12-04"] == "Kurs" and "2026-12-25" in closures


def test_it_paginates(client):
    OfferFactory.create_batch(5)
    _, data = get(client, "/api/v1/services?per_page=2&page=3")
    assert (data["total_items"], data["total_pages"], data["page_number"], data["size"]) == (
        5,
        3,
        3,
        1,
    )
    assert data["last_page"] is True
    _, beyond = get(client, "/api/v1/services?per_page=2&page=9")
    assert beyond["empty"] is True and beyond["contents"] == []


# --- Filters -----------------------------------------------------------------------


def names(client, query: str) -> list[str]:
    response, data = get(client, f"/api/v1/services?{query}")
    assert response.status_code == 200, data
    return sorted(s["name"] for s in data["contents"])


def test_the_filters_combine_with_and(client):
    culture = CategoryFactory(slug="kultur")
    north = DistrictFactory(slug="nord")
    unit = UnitFactory()
    OfferFactory(
        title="Kor i nord",
        unit=unit,
        categories=[culture],
        locations=[LocationFactory(district=north)],
    )
    OfferFactory(title="Kor i sør", unit=unit, categories=[culture])
    with time_machine.travel(datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC), tick=False):
        OfferFactory(title="Gammel kafé", categories=[culture])
    assert names(client, f"taxonomy_term_id={culture.uuid}") == [
        "Gammel kafé",
        "Kor i nord",
        "Kor i sør",
    ]
    assert names(client, f"taxonomy_term_id={north.uuid}") == ["Kor i nord"]
    assert names(client, f"organization_id={unit.uuid}") == ["Kor i nord", "Kor i sør"]
    assert names(client, "modified_after=2025-01-01") == ["Kor i nord", "Kor i sør"]
    assert names(client, "search=kor") == ["Kor i nord", "Kor i sør"]
    assert names(
        client, f"search=kor&taxonomy_term_id={north.uuid}&organization_id={unit.uuid}"
    ) == ["Kor i nord"]
    _, taxonomies = get(client, "/api/v1/taxonomies")
    language = next(t for t in taxonomies["contents"] if t["x_code"] == "language")
    assert names(client, f"taxonomy_id={language['id']}") == []
    assert names(client, f"taxonomy_term_id={uuid.uuid4()}") == []


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=0",
        "per_page=-5",
        "organization_id=x",
        "organization_id=12",
        "taxonomy_term_id=kultur",
        "modified_after=yesterday",
        "z=1",
        "utm_source=newsletter",
        "full=true",
    ],
)
def test_bad_and_unknown_parameters_give_a_json_400(client, query):
    OfferFactory()
    response, data = get(client, f"/api/v1/services?{query}")
    assert response.status_code == 400
    assert data["error"]


def test_unknown_parameters_give_400_on_every_endpoint(client):
    for path in ("", "/organizations", "/taxonomy_terms", "/schedules", "/openapi.json"):
        response, data = get(client, f"/api/v1{path}?nonsense=1")
        assert response.status_code == 400, path
        assert "nonsense" in data["error"]


# --- Paths, errors, CORS, conditional requests ------------------------------------------


def test_paths_answer_with_and_without_the_trailing_slash(client):
    offer = OfferFactory()
    for path in (
        "/api/v1",
        "/api/v1/services",
        f"/api/v1/services/{offer.uuid}",
        "/api/v1/taxonomies",
        "/api/v1/service_at_locations",
    ):
        for spelling in (path, path + "/"):
            response = client.get(spelling)
            assert response.status_code == 200, spelling


def test_old_integer_ids_redirect_to_the_uuid_with_cors(client):
    offer = OfferFactory()
    response = client.get(f"/api/v1/services/{offer.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/api/v1/services/{offer.uuid}"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"
    assert client.get(response["Location"]).json()["x_id"] == offer.pk


def test_details_of_drafts_are_not_found(client):
    draft = OfferFactory(draft=True)
    response, data = get(client, f"/api/v1/services/{draft.uuid}")
    assert response.status_code == 404 and data == {"error": "not found"}
    published = OfferFactory()
    response, data = get(client, f"/api/v1/services/{published.uuid}")
    assert response.status_code == 200 and data["id"] == str(published.uuid)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing",
        "/api/v1/services/not-an-id",
        "/api/",
        "/api/v2/services",
        f"/api/v1/taxonomy_terms/{uuid.UUID(int=1)}",
    ],
)
def test_unknown_addresses_under_api_are_json_404(client, path):
    response, data = get(client, path)
    assert response.status_code == 404
    assert data == {"error": "not found"}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_is_read_only_with_a_json_405(method):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)("/api/v1/services")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Allow"]
    assert json.loads(response.content)["error"]
    assert Offer.objects.count() == 0


def test_options_answers_the_cors_preflight(client):
    response = client.options(
        "/api/v1/services",
        headers={
            "origin": "https://other.example",
            "access-control-request-headers": "if-none-match",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_etag_and_last_modified_give_304_until_the_data_change(client):
    offer = OfferFactory(title="Før")
    first = client.get("/api/v1/services")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified and "ETag" in first["Access-Control-Expose-Headers"]
    again = client.get("/api/v1/services", headers={"if-none-match": etag})
    assert again.status_code == 304 and not again.content
    assert again["Access-Control-Allow-Origin"] == "*"
    since = client.get("/api/v1/services", headers={"if-modified-since": modified})
    assert since.status_code == 304
    offer.title = "Etter"
    offer.save()
    changed = client.get("/api/v1/services", headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    # Another language is another representation with its own tag.
    english = client.get("/api/v1/services", headers={"accept-language": "en"})
    assert english["ETag"] != changed["ETag"]
    assert "Accept-Language" in english["Vary"]


# --- Caching: keyed on every input of the response, and nothing else -------------------


def test_each_language_gets_its_own_cached_text(client):
    """Issue 18: after an English request the nb client got English under
    Content-Language: nb."""
    OfferFactory(signup_text="")
    url = "/api/v1/services?per_page=43"
    for _round in range(2):  # miss, then hit
        for language, text in (("en", "Open: just turn up"), ("nb", "Åpent: bare møt opp")):
            response = client.get(url, headers={"accept-language": language})
            assert response["Content-Language"] == language
            assert json.loads(response.content)["contents"][0]["application_process"] == text


def test_each_parameter_a_list_reads_and_the_data_change_the_response(client):
    first = OfferFactory(title="Alfa-kafé")
    second = OfferFactory(title="Beta-kor")
    url = "/api/v1/services"
    _, everything = get(client, url)
    assert [s["name"] for s in everything["contents"]] == ["Alfa-kafé", "Beta-kor"]
    for query, expected in (
        ("?per_page=1", ["Alfa-kafé"]),
        ("?per_page=1&page=2", ["Beta-kor"]),
        (f"?organization_id={second.unit.uuid}", ["Beta-kor"]),
    ):
        _, data = get(client, url + query)
        assert [s["name"] for s in data["contents"]] == expected, query

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


def test_other_spellings_share_one_cache_entry(client, django_assert_num_queries):
    unit = OfferFactory().unit
    OfferFactory(unit=unit)
    _, first = get(client, f"/api/v1/services?per_page=1&organization_id={unit.uuid}")
    for spelling in (
        f"?organization_id={unit.uuid}&per_page=1",
        f"?per_page=01&organization_id={unit.uuid}",
        f"?per_page=5&per_page=1&organization_id={unit.uuid}",
        f"/?organization_id={unit.uuid}&per_page=1",
    ):
        with django_assert_num_queries(1):  # the catalogue's version; the rest is cached
            response, data = get(client, "/api/v1/services" + spelling)
        assert data == first, spelling
    _, most = get(client, "/api/v1/services?per_page=200")
    with django_assert_num_queries(1):
        _, data = get(client, "/api/v1/services?per_page=100000")
    assert data == most


def test_the_relief_flag_is_open_data(client):
    relief = OfferFactory(title="Avlastning i Solsiden", counts_as_relief=True)
    other = OfferFactory(title="Turgruppe", counts_as_relief=False)
    for offer, expected in ((relief, True), (other, False)):
        service = json.loads(client.get(f"/api/v1/services/{offer.uuid}").content)
        assert service["x_counts_as_relief"] is expected
    listed = json.loads(client.get("/api/v1/services").content)["contents"]
    assert {item["name"]: item["x_counts_as_relief"] for item in listed} == {
        "Avlastning i Solsiden": True,
        "Turgruppe": False,
    }
