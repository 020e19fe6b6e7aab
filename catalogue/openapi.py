"""The OpenAPI 3.1 document of the open-data API (/api/v1/openapi.json).

The objects are HSDS 3.0's own schemas, referred to at their published addresses, each
combined (``allOf``) with a schema of the fields this API adds (``x_``…) and the rules
it keeps beyond HSDS (offsets on times). ``unevaluatedProperties: false`` makes the
combination exact: a field that is neither HSDS's nor listed here is an error, so the
test that validates every response against this document (tests/catalogue/
test_openapi.py) also shows that this document tells the whole truth.
"""

from typing import Any

from django.conf import settings
from django.urls import reverse

HSDS = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
TIME_WITH_OFFSET = r"^([01][0-9]|2[0-3]):[0-5][0-9](Z|[+-][0-9]{2}:[0-9]{2})$"
UUID = {"type": "string", "format": "uuid"}

PAGE_PARAMETERS = ["page", "per_page"]
SERVICE_PARAMETERS = [
    *PAGE_PARAMETERS,
    "search",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "modified_after",
]
PARAMETERS = {
    "page": ("Page number, from 1.", {"type": "integer", "minimum": 1}),
    "per_page": (
        "Items per page: 50 unless given, at most 200 (more gives 200).",
        {"type": "integer", "minimum": 1},
    ),
    "search": ("Full-text search (services: titles, summaries, descriptions).", {"type": "string"}),
    "taxonomy_term_id": (
        "Only services described by this taxonomy term (a category or language of the "
        "service, the district or an accessibility feature of one of its locations).",
        UUID,
    ),
    "taxonomy_id": ("Only what has some term of this taxonomy.", UUID),
    "organization_id": ("Only the services of this organization.", UUID),
    "modified_after": (
        "Only services changed at or after this time (ISO 8601; a date, or a time "
        "without offset, is Oslo time).",
        {"type": "string"},
    ),
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _extended(hsds_file: str, extension: dict, required: list[str] | None = None) -> dict:
    schema: dict[str, Any] = {"properties": extension}
    if required:
        schema["required"] = required
    return {
        "allOf": [{"$ref": HSDS + hsds_file}, schema],
        "unevaluatedProperties": False,
    }


TRANSLATIONS = {
    "type": "object",
    "description": "Texts in nynorsk (nn) and English (en), where written.",
    "propertyNames": {"enum": ["nb", "nn", "en"]},
    "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
}

SCHEMAS = {
    "Page": {
        "allOf": [{"$ref": HSDS + "openapi.json#/components/schemas/Page"}],
        "properties": {"x_per_page": {"type": "integer", "description": "Items per page."}},
        "required": [
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        ],
    },
    "Error": {
        "type": "object",
        "properties": {"error": {"type": "string"}},
        "required": ["error"],
        "additionalProperties": False,
    },
    "Root": {
        "allOf": [
            {
                "$ref": HSDS
                + "openapi.json#/paths/~1/get/responses/200/content/application~1json/schema"
            }
        ],
        "properties": {
            "x_endpoints": {
                "type": "object",
                "additionalProperties": {"type": "string", "format": "uri"},
            }
        },
        "required": ["version", "profile", "openapi_url"],
        "unevaluatedProperties": False,
    },
    "Schedule": _extended(
        "schedule.json",
        {
            "opens_at": {"type": "string", "pattern": TIME_WITH_OFFSET},
            "closes_at": {"type": "string", "pattern": TIME_WITH_OFFSET},
            "timezone": {"type": "integer", "description": "UTC offset in hours (1 or 2)."},
            "schedule_link": {
                "type": "string",
                "format": "uri",
                "description": "The offer's iCalendar feed.",
            },
            "x_period_id": {
                "type": "integer",
                "description": "The weekly opening period this schedule is a stretch of.",
            },
            "x_session_id": {
                "type": "integer",
                "description": "A session (a date and time of the offer): this schedule is it.",
            },
            "x_series_id": {
                **UUID,
                "description": "The weekly course the session belongs to; the course's "
                "rule is in dtstart, until, count, freq and byday.",
            },
            "x_signup": {
                "type": "boolean",
                "description": "Whether the session takes sign-ups (schedule_link is the "
                "sign-up page); false: just come.",
            },
            "x_places": {
                "type": "integer",
                "minimum": 1,
                "description": "Sessions taking sign-ups: the number of places.",
            },
            "x_free_places": {
                "type": "integer",
                "minimum": 0,
                "description": "Sessions taking sign-ups: places free now (0 = full; "
                "sign-ups then join the waiting list). Up to a minute old.",
            },
            "x_waiting": {
                "type": "integer",
                "minimum": 0,
                "description": "Sessions taking sign-ups: how many are on the waiting list.",
            },
        },
        required=["service_id", "valid_from", "valid_to", "timezone", "opens_at", "closes_at"],
    ),
    "TaxonomyTerm": _extended(
        "taxonomy_term.json",
        {
            "x_translations": TRANSLATIONS,
            "x_iso_639": {"type": "string", "description": "Language terms: the ISO 639 code."},
        },
        required=["taxonomy_id", "code"],
    ),
    "Attribute": _extended(
        "attribute.json",
        {"taxonomy_term": _ref("TaxonomyTerm")},
        required=["taxonomy_term_id", "taxonomy_term"],
    ),
    "Taxonomy": _extended(
        "taxonomy.json",
        {"x_code": {"enum": ["category", "district", "accessibility", "language"]}},
    ),
    "Organization": _extended(
        "organization.json",
        {
            "x_id": {"type": "integer", "description": "The unit's id in the portal."},
            "x_kind": {"enum": ["municipal", "volunteer", "private"]},
            "x_translations": TRANSLATIONS,
        },
    ),
    "Location": _extended(
        "location.json",
        {
            "attributes": {"type": "array", "items": _ref("Attribute")},
            "x_id": {"type": "integer", "description": "The location's id in the portal."},
            "x_district": {
                "type": "object",
                "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
                "required": ["code", "name"],
                "additionalProperties": False,
            },
            "x_translations": TRANSLATIONS,
        },
    ),
    "ServiceAtLocation": _extended(
        "service_at_location.json",
        {
            "schedules": {"type": "array", "items": _ref("Schedule")},
            "location": _ref("Location"),
        },
        required=["service_id", "location_id"],
    ),
    "Service": _extended(
        "service.json",
        {
            "schedules": {"type": "array", "items": _ref("Schedule")},
            "attributes": {"type": "array", "items": _ref("Attribute")},
            "organization": _ref("Organization"),
            "x_id": {"type": "integer", "description": "The offer's id in the portal."},
            "x_slug": {"type": "string", "description": "The offer page's address part."},
            "x_summary": {"type": "string"},
            "x_participation": {"enum": ["open", "signup", "application"]},
            "x_cost": {"enum": ["free", "price", "egenandel"]},
            "x_transport_offered": {"type": "boolean"},
            "x_meals_offered": {"type": "boolean"},
            "x_counts_as_relief": {
                "type": "boolean",
                "description": "Counts as relief (avlastning) for relatives with heavy care work.",
            },
            "x_capacity_per_day": {"type": "integer", "minimum": 0},
            "x_places_available": {"type": "integer", "minimum": 0},
            "x_volunteers_involved": {"type": "boolean"},
            "x_closed_on_public_holidays": {"type": "boolean"},
            "x_closures": {
                "type": "array",
                "description": "Coming dates the regular hours do not apply.",
                "items": {
                    "type": "object",
                    "properties": {
                        "date": {"type": "string", "format": "date"},
                        "note": {"type": "string"},
                    },
                    "required": ["date", "note"],
                    "additionalProperties": False,
                },
            },
            "x_last_reviewed": {"type": "string", "format": "date"},
            "x_calendar_url": {"type": "string", "format": "uri"},
            "x_translations": TRANSLATIONS,
        },
        required=["organization_id", "url", "last_modified"],
    ),
}

# path (without /api/v1), URL name, item schema, list or object, parameters
ENDPOINTS = [
    ("/services", "api_services", "Service", True, SERVICE_PARAMETERS),
    ("/services/{id}", "api_service", "Service", False, []),
    ("/organizations", "api_organizations", "Organization", True, [*PAGE_PARAMETERS, "search"]),
    ("/organizations/{id}", "api_organization", "Organization", False, []),
    ("/locations", "api_locations", "Location", True, PAGE_PARAMETERS),
    ("/locations/{id}", "api_location", "Location", False, []),
    (
        "/service_at_locations",
        "api_service_at_locations",
        "ServiceAtLocation",
        True,
        SERVICE_PARAMETERS,
    ),
    ("/service_at_locations/{id}", "api_service_at_location", "ServiceAtLocation", False, []),
    ("/schedules", "api_schedules", "Schedule", True, PAGE_PARAMETERS),
    ("/taxonomies", "api_taxonomies", "Taxonomy", True, [*PAGE_PARAMETERS, "search"]),
    ("/taxonomies/{id}", "api_taxonomy", "Taxonomy", False, []),
    (
        "/taxonomy_terms",
        "api_taxonomy_terms",
        "TaxonomyTerm",
        True,
        [*PAGE_PARAMETERS, "search", "taxonomy_id"],
    ),
    ("/taxonomy_terms/{id}", "api_taxonomy_term", "TaxonomyTerm", False, []),
]


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


def _operation(path: str, schema_name: str, is_list: bool, parameters: list[str]) -> dict:
    if is_list:
        schema = {
            "allOf": [_ref("Page")],
            "properties": {"contents": {"type": "array", "items": _ref(schema_name)}},
        }
    else:
        schema = _ref(schema_name)
    responses = {
        "200": {"description": "OK", "content": {"application/json": {"schema": schema}}},
        "304": {"description": "Not modified (If-None-Match or If-Modified-Since)."},
        "400": _error("An unknown parameter, or a malformed value."),
        "405": _error("Any method but GET, HEAD and OPTIONS."),
    }
    operation: dict[str, Any] = {
        "operationId": ("list" if is_list else "get")
        + path.replace("/", "_").replace("{id}", "one"),
        "parameters": [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": PARAMETERS[name][0],
                "schema": PARAMETERS[name][1],
            }
            for name in parameters
        ],
        "responses": responses,
    }
    if "{id}" in path:
        operation["parameters"].insert(
            0,
            {
                "name": "id",
                "in": "path",
                "required": True,
                "description": "The UUID (an integer id of before is redirected, 301).",
                "schema": {"type": "string"},
            },
        )
        responses["301"] = {"description": "An integer id of before: moved to the UUID."}
        responses["404"] = _error("No such published object.")
    return {"get": operation}


def document() -> dict:
    base = f"{settings.SITE_URL}{reverse('catalogue:api_index')}"
    paths = {
        "/": {
            "get": {
                "operationId": "getRoot",
                "parameters": [],
                "responses": {
                    "200": {
                        "description": "About this API.",
                        "content": {"application/json": {"schema": _ref("Root")}},
                    },
                    "304": {"description": "Not modified."},
                },
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "getOpenAPI",
                "parameters": [],
                "responses": {
                    "200": {
                        "description": "This document.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    }
    for path, _name, schema_name, is_list, parameters in ENDPOINTS:
        paths[path] = _operation(path, schema_name, is_list, parameters)
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": f"{settings.MUNICIPALITY_NAME}: aktivitetskatalogen (HSDS 3.0)",
            "version": "1.1",
            "summary": "The published activity offers as Open Referral HSDS 3.0, read-only.",
            "description": (
                "Only published offers, their units (organizations) and locations; no "
                "personal data. Texts in bokmål with x_translations (nn, en). Every "
                "response carries Access-Control-Allow-Origin: *, an ETag and a "
                "Last-Modified; paths answer with and without a trailing slash."
            ),
            "contact": {
                "name": settings.MUNICIPALITY_NAME,
                "email": settings.MUNICIPALITY_CONTACT_EMAIL,
            },
        },
        "servers": [{"url": base.rstrip("/")}],
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
