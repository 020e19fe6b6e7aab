"""The site's URLs plus the citizen account URLs (until the lead includes them in
portal/urls.py; then this module simply repeats them)."""

from django.urls import include, path

from portal.urls import urlpatterns as site_urlpatterns

_names = {getattr(pattern, "namespace", None) for pattern in site_urlpatterns}

urlpatterns = list(site_urlpatterns)
if "accounts" not in _names:
    urlpatterns.insert(0, path("", include("portal.urls_accounts")))
