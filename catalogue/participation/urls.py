"""The participation pages, in the catalogue's namespace. The sign-up page is under the
offer's address; the tools' fixed paths come before ``/tilbud/<slug>/``."""

from django.urls import path

from catalogue.participation import views

urlpatterns = [
    path("tilbud/<slug:slug>/pamelding/", views.signup, name="signup"),
    path("tilbud/<slug:slug>/pamelding/sendt/", views.signup_sent, name="signup_sent"),
    path("mine-pameldinger/", views.my_signups, name="my_signups"),
    path("mine-pameldinger/<int:pk>/", views.my_signup, name="my_signup"),
    path("mine-pameldinger/<int:pk>/kalender.ics", views.my_signup_ics, name="my_signup_ics"),
    path("mine-pameldinger/lenke/<str:token>/", views.token_signup, name="token_signup"),
    path(
        "mine-pameldinger/lenke/<str:token>/kalender.ics",
        views.token_signup_ics,
        name="token_signup_ics",
    ),
]
