"""The feedback room's addresses (gathered in catalogue/urls.py)."""

from django.urls import path

from catalogue.feedback import views

urlpatterns = [
    path("tilbakemelding/takk/", views.feedback_thanks, name="feedback_thanks"),
    path("tilbakemelding/<str:token>/", views.feedback_answer, name="feedback_answer"),
    path(
        "tilbud/forvalt/<slug:slug>/tilbakemeldinger/",
        views.staff_offer_feedback,
        name="staff_offer_feedback",
    ),
]
