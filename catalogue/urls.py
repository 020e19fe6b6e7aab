"""Catalogue URLs. Public paths are stable: the municipality's main site links to them.

urls_tools.py (guide, PDFs, shortlist, error reports) comes first so that its fixed
paths under /tilbud/ win over /tilbud/<slug>/ in urls_public.py; urls_staff.py holds
the unit leaders' pages, after participation/urls_unit.py (the unit's pages for
sessions and participants, whose fixed /tilbud/forvalt/deltakelse/ must come before
/tilbud/forvalt/<slug>/); participation/urls.py the sign-up pages; feedback/urls.py the
feedback pages."""

from catalogue.feedback.urls import urlpatterns as feedback_urlpatterns
from catalogue.participation.urls import urlpatterns as participation_urlpatterns
from catalogue.participation.urls_unit import urlpatterns as participation_unit_urlpatterns
from catalogue.urls_public import urlpatterns as public_urlpatterns
from catalogue.urls_staff import urlpatterns as staff_urlpatterns
from catalogue.urls_tools import urlpatterns as tools_urlpatterns

app_name = "catalogue"

urlpatterns = [
    *feedback_urlpatterns,
    *participation_unit_urlpatterns,
    *staff_urlpatterns,
    *tools_urlpatterns,
    *participation_urlpatterns,
    *public_urlpatterns,
]
