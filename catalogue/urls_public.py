"""Public catalogue pages. Stable paths: the municipality's main site links to them."""

from django.urls import path

from catalogue import api, views_public

urlpatterns = [
    path("tilbud/", views_public.offer_list, name="offer_list"),
    path("tilbud/<slug:slug>/", views_public.offer_detail, name="offer_detail"),
    path("tilbud/<slug:slug>/kalender.ics", views_public.offer_calendar, name="offer_calendar"),
    path("tilbud/<slug:slug>/bilde", views_public.offer_image, name="offer_image"),
    path("api/v1/", api.index, name="api_index"),
    path("api/v1/organizations/", api.organizations, name="api_organizations"),
    path("api/v1/organizations/<int:pk>/", api.organization_detail, name="api_organization"),
    path("api/v1/services/", api.services, name="api_services"),
    path("api/v1/services/<int:pk>/", api.service_detail, name="api_service"),
    path("api/v1/locations/", api.locations, name="api_locations"),
    path("api/v1/locations/<int:pk>/", api.location_detail, name="api_location"),
    path("api/v1/schedules/", api.schedules, name="api_schedules"),
    path("api/v1/taxonomy_terms/", api.taxonomy_terms, name="api_taxonomy_terms"),
]
