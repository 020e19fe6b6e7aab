"""/frivillig/ (public, and the helper's own pages) and the coordinators' onboarding
page /saksbehandling/frivillige/opplaering/. No object ids in paths: the formålsattest
takes its role as ``?rolle=``, the staff actions take the enrolment in the form."""

from django.urls import path

from referrals.volunteers import views

urlpatterns = [
    path("frivillig/", views.wanted, name="volunteers"),
    path("frivillig/meld-interesse/", views.sign_up, name="volunteer_signup"),
    path("frivillig/min-side/", views.mine, name="volunteer_mine"),
    path(
        "frivillig/min-side/taushetserklaering/",
        views.sign_pledge,
        name="volunteer_pledge",
    ),
    path(
        "frivillig/min-side/formalsattest.pdf",
        views.purpose_pdf,
        name="volunteer_purpose_pdf",
    ),
    path("frivillig/min-side/status/", views.change_status, name="volunteer_status"),
    path(
        "saksbehandling/frivillige/opplaering/",
        views.OnboardingView.as_view(),
        name="volunteer_onboarding",
    ),
    path(
        "saksbehandling/frivillige/opplaering/sjekkliste/",
        views.TickView.as_view(),
        name="volunteer_tick",
    ),
    path(
        "saksbehandling/frivillige/opplaering/politiattest/",
        views.PoliceCheckView.as_view(),
        name="volunteer_police_check",
    ),
]
