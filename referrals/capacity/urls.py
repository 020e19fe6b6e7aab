"""/saksbehandling/kapasitet/: places per weekday and the waiting lists."""

from django.urls import path

from referrals.capacity import views

urlpatterns = [
    path("saksbehandling/kapasitet/", views.CapacityView.as_view(), name="capacity"),
    path(
        "saksbehandling/kapasitet/avslutt-plass/",
        views.EndAllocationView.as_view(),
        name="capacity_end_allocation",
    ),
    path(
        "saksbehandling/kapasitet/prioritet/",
        views.WaitingPriorityView.as_view(),
        name="capacity_priority",
    ),
]
