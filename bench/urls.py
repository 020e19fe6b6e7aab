"""The portal's URLs plus a bare view for benchmarks (bench/settings_bench.py only)."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    """No database, no session, no template: the ceiling for one request."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("__bench__/bare/", bare),
    path("", include("portal.urls")),
]

handler500 = "portal.errors.server_error"
