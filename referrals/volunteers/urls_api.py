"""The volunteers room's part of the open-data API (referrals.volunteers.api). Included
by the root URLconf before catalogue's URLs, whose catch-all answers every other
address under /api/ with a JSON 404."""

from django.urls import re_path

from referrals.volunteers import api

app_name = "volunteers_api"

urlpatterns = [
    re_path(r"^api/v1/volunteer-roles/?$", api.volunteer_roles, name="volunteer_roles"),
]
