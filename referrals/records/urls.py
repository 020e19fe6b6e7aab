"""The citizen's copy of everything the portal holds about them (GDPR art. 15 and 20)."""

from django.urls import path

from referrals.records import views

urlpatterns = [
    path(
        "mine-soknader/mine-opplysninger.json",
        views.personal_data_json,
        name="personal_data_json",
    ),
    path(
        "mine-soknader/mine-opplysninger.pdf",
        views.personal_data_pdf,
        name="personal_data_pdf",
    ),
]
