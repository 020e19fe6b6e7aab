"""Issue 18, point 8: /api/v1/openapi.json (referenced from the root's ``openapi_url``)
describes the API as it is. Every path of the document is requested with demo data, and
each response is validated against the response schema the document gives for it (its
component schemas, which combine HSDS 3.0's with our ``x_`` fields and allow nothing
else); the parameters it lists are accepted and others refused; and every address of
the API is in it."""

import json
import re

import pytest
from django.urls import get_resolver

from catalogue.demo import seed_catalogue
from tests.catalogue import hsds_schemas

pytestmark = pytest.mark.django_db

DOCUMENT_URI = "urn:aktivitetsportal:openapi"
VALUES = {
    "page": "2",
    "per_page": "3",
    "search": "kafé",
    "modified_after": "2020-01-01T00:00:00+01:00",
}


@pytest.fixture
def document(client, demo_catalogue):
    root = json.loads(client.get("/api/v1/").content)
    assert root["openapi_url"].endswith("/api/v1/openapi.json")
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def response_validator(document, path: str, status: str = "200"):
    pointer = (
        f"/paths/{path.replace('~', '~0').replace('/', '~1')}/get/responses/{status}"
        "/content/application~1json/schema"
    )
    registry = hsds_schemas.with_document(DOCUMENT_URI, document)
    return hsds_schemas.validator(f"{DOCUMENT_URI}#{pointer}", registry)


def an_id(client, path: str) -> str:
    listing = json.loads(client.get(f"/api/v1{path.removesuffix('/{id}')}").content)
    return listing["contents"][0]["id"]


def valid_value(client, name: str, document) -> str:
    if name in VALUES:
        return VALUES[name]
    if name == "organization_id":
        return an_id(client, "/organizations/{id}")
    if name == "taxonomy_id":
        return an_id(client, "/taxonomies/{id}")
    if name == "taxonomy_term_id":
        return an_id(client, "/taxonomy_terms/{id}")
    raise AssertionError(f"no test value for the parameter {name!r}")


def test_every_response_matches_the_document(client, document):
    seed_catalogue(offers=6)
    found = []
    checked = 0
    for path, item in document["paths"].items():
        if path == "/openapi.json":
            continue
        validator = response_validator(document, path)
        url = "/api/v1" + path.replace("{id}", an_id(client, path) if "{id}" in path else "")
        responses = [client.get(url)]
        for parameter in item["get"]["parameters"]:
            if parameter["in"] == "query":
                value = valid_value(client, parameter["name"], document)
                responses.append(client.get(url, {parameter["name"]: value}))
        for response in responses:
            assert response.status_code == 200, (url, response.content[:200])
            found += hsds_schemas.errors(validator, json.loads(response.content), url)
            checked += 1
    assert found == [], "\n".join(found[:30])
    assert checked > 30


def test_parameters_not_in_the_document_are_refused(client, document):
    for path, item in document["paths"].items():
        url = "/api/v1" + path.replace("{id}", an_id(client, path) if "{id}" in path else "")
        listed = {p["name"] for p in item["get"]["parameters"]}
        for name in {"search", "page", "organization_id", "full", "format"} - listed:
            response = client.get(url, {name: "1"})
            assert response.status_code == 400, (url, name)
            error = (
                response_validator(document, path, "400")
                if "400" in item["get"]["responses"]
                else None
            )
            if error:
                assert list(error.iter_errors(json.loads(response.content))) == []


def test_the_document_lists_every_address_of_the_api(document):
    routes = set()
    for pattern in get_resolver().url_patterns:
        # Catalogue's addresses; /api/v1/volunteer-roles (referrals.volunteers.api) is
        # not HSDS and is documented in catalogue/API.md only.
        if getattr(pattern, "namespace", None) != "catalogue":
            continue
        for inner in getattr(pattern, "url_patterns", []):
            regex = inner.pattern.regex.pattern if hasattr(inner.pattern, "regex") else ""
            if regex.startswith("^api/v1") and inner.name != "api_not_found":
                route = re.sub(r"\(\?P<pk>[^)]*\)", "{id}", regex)
                routes.add(route.removeprefix("^api/v1").removesuffix("/?$") or "/")
    assert routes == set(document["paths"])
    assert len(routes) >= 14


def test_an_undocumented_field_would_fail(client, document):
    """The component schemas allow no field that is neither HSDS's nor listed: the
    check above is a real one."""
    service = json.loads(client.get("/api/v1/services?per_page=1").content)
    validator = response_validator(document, "/services")
    assert list(validator.iter_errors(service)) == []
    service["contents"][0]["vocabulary"] = "category"
    service["contents"][0]["schedules"][0]["opens_at"] = "10:00"
    messages = [error.message for error in validator.iter_errors(service)]
    assert any("vocabulary" in message for message in messages)
    assert any("10:00" in message for message in messages)
