"""/saksbehandling/frivillige/ (coordinators), /frivillig/be-om-hjelp/ (asking for a
volunteer, and one's own requests) and /frivillig/min-side/oppdrag/ (the helper's
matches). Gathered in ``referrals.urls`` before the casework paths."""

from django.urls import path

from referrals.matching import views, views_requester

urlpatterns = [
    path("saksbehandling/frivillige/", views.RequestsView.as_view(), name="matching_requests"),
    path(
        "saksbehandling/frivillige/statistikk/",
        views.StatisticsView.as_view(),
        name="matching_statistics",
    ),
    path(
        "saksbehandling/frivillige/timer.csv",
        views.HoursCsvView.as_view(),
        name="matching_hours_csv",
    ),
    path(
        "saksbehandling/frivillige/foresporsel/<int:pk>/",
        views.RequestView.as_view(),
        name="matching_request",
    ),
    path(
        "saksbehandling/frivillige/foresporsel/<int:pk>/foresla/",
        views.ProposeView.as_view(),
        name="matching_propose",
    ),
    path("saksbehandling/frivillige/ny/", views.NewRequestView.as_view(), name="matching_new"),
    path(
        "saksbehandling/frivillige/foresporsel/<int:pk>/beskrivelse/",
        views.DescribeView.as_view(),
        name="matching_describe",
    ),
    path(
        "saksbehandling/frivillige/foresporsel/<int:pk>/personens-svar/",
        views.PersonAnswerView.as_view(),
        name="matching_person_answer",
    ),
    path(
        "saksbehandling/frivillige/foresporsel/<int:pk>/avslutt/",
        views.EndMatchView.as_view(),
        name="matching_end",
    ),
    path("frivillig/be-om-hjelp/", views_requester.ask, name="matching_ask"),
    path("frivillig/be-om-hjelp/mine/", views_requester.my_requests, name="matching_my_requests"),
    path(
        "frivillig/be-om-hjelp/<int:pk>/",
        views_requester.my_request,
        name="matching_my_request",
    ),
    path(
        "frivillig/be-om-hjelp/<int:pk>/trekk/",
        views_requester.withdraw,
        name="matching_withdraw",
    ),
    path(
        "frivillig/be-om-hjelp/<int:pk>/oppfolging/",
        views_requester.check_in,
        name="matching_my_check_in",
    ),
    path(
        "frivillig/be-om-hjelp/<int:pk>/svar/",
        views_requester.answer,
        name="matching_my_answer",
    ),
    path("frivillig/min-side/oppdrag/", views.my_matches, name="matching_mine"),
    path("frivillig/min-side/oppdrag/<int:pk>/svar/", views.helper_answer, name="matching_answer"),
    path(
        "frivillig/min-side/oppdrag/<int:pk>/oppfolging/",
        views.helper_check_in,
        name="matching_check_in",
    ),
    path("frivillig/min-side/oppdrag/<int:pk>/timer/", views.helper_hours, name="matching_hours"),
]
