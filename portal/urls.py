"""Root URLs. Citizen-facing paths are Norwegian and stable: the municipality links to them."""

from django.contrib import admin
from django.urls import include, path

from portal.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("portal.portal_urls")),
    path("", include("portal.urls_accounts")),
    path("", include("catalogue.urls")),
    path("", include("referrals.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "portal.errors.bad_request"
handler500 = "portal.errors.server_error"
