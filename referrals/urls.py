"""The ``referrals`` namespace: each room's URLs, gathered. Paths are Norwegian and
stable; cases are addressed by their reference (``referrals.cases.converters``), never
an identity number."""

from referrals.applications.urls import urlpatterns as applications
from referrals.capacity.urls import urlpatterns as capacity
from referrals.casework.urls import urlpatterns as casework
from referrals.matching.urls import urlpatterns as matching
from referrals.records.urls import urlpatterns as records
from referrals.reporting.urls import urlpatterns as reporting
from referrals.volunteers.urls import urlpatterns as volunteers

app_name = "referrals"

urlpatterns = [
    *applications,
    *records,
    *matching,
    *casework,
    *capacity,
    *reporting,
    *volunteers,
]
