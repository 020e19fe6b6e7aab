"""Error pages. A database outage gets a friendly 503 instead of a generic 500, and the
pages render without the request: without touching the database (no user, no session),
and without asking the request anything (a 400 can come from a request whose Host is
not allowed, before the session and the user exist)."""

import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)


def _render(template_name: str, status: int) -> HttpResponse:
    # Rendered without the request: context processors would reach for the session and
    # the user, which need the database that may be the thing that is down (or, for a
    # 400, were never set up). What the layout shows comes from the settings.
    context = {
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_contact_email": settings.MUNICIPALITY_CONTACT_EMAIL,
        "municipality_contact_phone": settings.MUNICIPALITY_CONTACT_PHONE,
        "municipality_address": settings.MUNICIPALITY_ADDRESS,
    }
    body = loader.get_template(template_name).render(context)
    return HttpResponse(body, status=status)


def bad_request(request, exception) -> HttpResponse:
    """A plain 400. Django answers a Host that is not in ALLOWED_HOSTS (DisallowedHost,
    raised by SecurityMiddleware or CommonMiddleware before the session and the user
    are set up) and other suspicious requests with it; its default handler renders the
    page with the request, whose context processors then fail, turning the 400 into a
    500."""
    return _render("400.html", status=400)


def server_error(request) -> HttpResponse:
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_OUTAGE_ERRORS) or (
        isinstance(error, DatabaseError) and "connection" in str(error).lower()
    ):
        response = _render("503.html", status=503)
        response["Retry-After"] = "30"
        return response
    return _render("500.html", status=500)
