"""Unit leaders' pages for their own unit's offers, under /tilbud/forvalt/, and the page
on search quality (/tilbud/forvalt/sok/)."""

from django.urls import path

from catalogue import views_search_stats, views_staff

urlpatterns = [
    path("tilbud/forvalt/", views_staff.staff_offers, name="staff_offers"),
    path("tilbud/forvalt/ny/", views_staff.staff_offer_create, name="staff_offer_create"),
    path("tilbud/forvalt/trenger-gjennomgang/", views_staff.staff_review, name="staff_review"),
    path("tilbud/forvalt/feilmeldinger/", views_staff.staff_reports, name="staff_reports"),
    path("tilbud/forvalt/sok/", views_search_stats.staff_search, name="staff_search"),
    path(
        "tilbud/forvalt/feilmeldinger/<int:pk>/behandlet/",
        views_staff.staff_report_handled,
        name="staff_report_handled",
    ),
    path("tilbud/forvalt/<slug:slug>/", views_staff.staff_offer_edit, name="staff_offer_edit"),
    path(
        "tilbud/forvalt/<slug:slug>/forhandsvis/",
        views_staff.staff_offer_preview,
        name="staff_offer_preview",
    ),
    path(
        "tilbud/forvalt/<slug:slug>/publiser/",
        views_staff.staff_offer_publish,
        name="staff_offer_publish",
    ),
    path(
        "tilbud/forvalt/<slug:slug>/arkiver/",
        views_staff.staff_offer_archive,
        name="staff_offer_archive",
    ),
    path(
        "tilbud/forvalt/<slug:slug>/gjennomgatt/",
        views_staff.staff_offer_reviewed,
        name="staff_offer_reviewed",
    ),
]
