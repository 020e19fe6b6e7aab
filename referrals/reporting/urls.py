"""/saksbehandling/statistikk/ and /saksbehandling/kpr/: figures, charts and the KPR
extract."""

from django.urls import path

from referrals.reporting import views

urlpatterns = [
    path("saksbehandling/statistikk/", views.StatisticsView.as_view(), name="statistics"),
    path("saksbehandling/kpr/", views.KprExportView.as_view(), name="kpr_export"),
]
