"""The catalogue's tools for citizens: the guide, PDFs, the shortlist and error reports.

Included before the public patterns so these fixed paths win over /tilbud/<slug>/."""

from django.urls import path

from catalogue import views_guide, views_pdf, views_reports, views_shortlist

urlpatterns = [
    path("tilbud/finn/", views_guide.guide_start, name="guide"),
    path("tilbud/finn/resultat/", views_guide.guide_results, name="guide_results"),
    path("tilbud/finn/<slug:step>/", views_guide.guide_step, name="guide_step"),
    path("tilbud/pdf/", views_pdf.catalogue_pdf, name="catalogue_pdf"),
    path("tilbud/huskeliste/", views_shortlist.shortlist_page, name="shortlist"),
    path("tilbud/huskeliste/pdf/", views_shortlist.shortlist_pdf, name="shortlist_pdf"),
    path(
        "tilbud/huskeliste/legg-til/<slug:slug>/",
        views_shortlist.shortlist_add,
        name="shortlist_add",
    ),
    path(
        "tilbud/huskeliste/fjern/<slug:slug>/",
        views_shortlist.shortlist_remove,
        name="shortlist_remove",
    ),
    path("tilbud/<slug:slug>/pdf/", views_pdf.offer_pdf, name="offer_pdf"),
    path("tilbud/<slug:slug>/meld-feil/", views_reports.report_error, name="report_error"),
    path(
        "tilbud/<slug:slug>/meld-feil/takk/",
        views_reports.report_error_thanks,
        name="report_error_thanks",
    ),
]
