"""Catalogue URLs. Public paths are stable: the municipality's main site links to them.

Public pages live in urls_public.py, staff pages in urls_staff.py."""

from catalogue.urls_public import urlpatterns as public_urlpatterns
from catalogue.urls_staff import urlpatterns as staff_urlpatterns

app_name = "catalogue"

urlpatterns = [*staff_urlpatterns, *public_urlpatterns]
