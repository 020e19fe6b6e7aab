"""Public catalogue pages. Stable paths: the municipality's main site links to them.

The open-data API (catalogue.api) answers its paths with and without a trailing slash
(HSDS's paths have none); every other address under /api/ is a JSON 404."""

from django.urls import path, re_path

from catalogue import api, views_public


def api_path(route: str, view, name: str):
    """``/api/v1/<route>`` with or without the trailing slash; ``reverse`` gives the
    address without it."""
    return re_path(rf"^api/v1/{route}/?$", view, name=name)


ID = r"(?P<pk>[^/]+)"

urlpatterns = [
    path("tilbud/", views_public.offer_list, name="offer_list"),
    path("tilbud/<slug:slug>/", views_public.offer_detail, name="offer_detail"),
    path("tilbud/<slug:slug>/kalender.ics", views_public.offer_calendar, name="offer_calendar"),
    path("tilbud/<slug:slug>/bilde", views_public.offer_image, name="offer_image"),
    re_path(r"^api/v1/?$", api.index, name="api_index"),
    api_path("openapi.json", api.openapi_document, "api_openapi"),
    api_path("organizations", api.organizations, "api_organizations"),
    api_path(f"organizations/{ID}", api.organization_detail, "api_organization"),
    api_path("services", api.services, "api_services"),
    api_path(f"services/{ID}", api.service_detail, "api_service"),
    api_path("locations", api.locations, "api_locations"),
    api_path(f"locations/{ID}", api.location_detail, "api_location"),
    api_path("service_at_locations", api.service_at_locations, "api_service_at_locations"),
    api_path(
        f"service_at_locations/{ID}", api.service_at_location_detail, "api_service_at_location"
    ),
    api_path("schedules", api.schedules, "api_schedules"),
    api_path("taxonomies", api.taxonomies, "api_taxonomies"),
    api_path(f"taxonomies/{ID}", api.taxonomy_detail, "api_taxonomy"),
    api_path("taxonomy_terms", api.taxonomy_terms, "api_taxonomy_terms"),
    api_path(f"taxonomy_terms/{ID}", api.taxonomy_term_detail, "api_taxonomy_term"),
    re_path(r"^api(?:/.*)?$", api.not_found, name="api_not_found"),
]
