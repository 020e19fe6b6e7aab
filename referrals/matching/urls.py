"""/saksbehandling/frivillige/ (coordinators) and /frivillig/min-side/oppdrag/ (the
helper's matches). Gathered in ``referrals.urls`` before the casework paths."""

from django.urls import path

from referrals.matching import views

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
    path(
        "saksbehandling/frivillige/foresporsel/<int:pk>/avslutt/",
        views.EndMatchView.as_view(),
        name="matching_end",
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
