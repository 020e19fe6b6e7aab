"""The unit's participation pages, under the staff pages' /tilbud/forvalt/. The fixed
/tilbud/forvalt/deltakelse/ comes before /tilbud/forvalt/<slug>/ (catalogue.urls), so
"deltakelse" is reserved as an offer slug (catalogue.reserved_slugs)."""

from django.urls import path

from catalogue.participation import views_unit

PREFIX = "tilbud/forvalt/<slug:slug>/deltakere/"

urlpatterns = [
    path(
        "tilbud/forvalt/deltakelse/",
        views_unit.participation_statistics,
        name="staff_participation_statistics",
    ),
    path(PREFIX, views_unit.participants, name="staff_participants"),
    path(f"{PREFIX}nytt-tidspunkt/", views_unit.session_create, name="staff_session_create"),
    path(f"{PREFIX}lister/", views_unit.day_lists, name="staff_day_lists"),
    path(f"{PREFIX}lister/<slug:kind>.pdf", views_unit.day_list_pdf, name="staff_day_list_pdf"),
    path(f"{PREFIX}lister/<slug:kind>.csv", views_unit.day_list_csv, name="staff_day_list_csv"),
    path(f"{PREFIX}<int:pk>/", views_unit.session_detail, name="staff_session"),
    path(f"{PREFIX}<int:pk>/plasser/", views_unit.session_places, name="staff_session_places"),
    path(f"{PREFIX}<int:pk>/oppmote/", views_unit.attendance, name="staff_attendance"),
    path(
        f"{PREFIX}<int:pk>/pameldinger/<int:signup>/flytt/",
        views_unit.signup_move,
        name="staff_signup_move",
    ),
    path(
        f"{PREFIX}<int:pk>/pameldinger/<int:signup>/avmeld/",
        views_unit.signup_cancel,
        name="staff_signup_cancel",
    ),
]
