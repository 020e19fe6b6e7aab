"""Root URLs. Citizen-facing paths are Norwegian and stable: the municipality links to them."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from portal.admin_scoping import view_on_site
from portal.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("portal.portal_urls")),
    path("", include("portal.urls_accounts")),
    # Before catalogue's: its catch-all answers every other address under /api/.
    path("", include("referrals.volunteers.urls_api")),
    path("", include("catalogue.urls")),
    path("", include("referrals.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the admin's own: its "view on site" redirect, scoped (portal.admin_scoping).
    path(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="admin_view_on_site",
    ),
    # Service types moved from referrals to catalogue: old admin bookmarks still lead there.
    path(
        "admin/referrals/servicetype/",
        RedirectView.as_view(
            url="/admin/catalogue/servicetype/", permanent=True, query_string=True
        ),
    ),
    path(
        "admin/referrals/servicetype/<path:rest>",
        RedirectView.as_view(
            url="/admin/catalogue/servicetype/%(rest)s", permanent=True, query_string=True
        ),
    ),
    path("admin/", admin.site.urls),
]

handler400 = "portal.errors.bad_request"
handler500 = "portal.errors.server_error"
