"""Error pages. A database outage gets a friendly 503 instead of a generic 500, and the
pages render without touching the database (no user, no session)."""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)


def _render(template_name: str, status: int) -> HttpResponse:
    # Rendered without the request: context processors would reach for the session and
    # the user, which need the database that may be the thing that is down.
    body = loader.get_template(template_name).render({})
    return HttpResponse(body, status=status)


def server_error(request) -> HttpResponse:
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_OUTAGE_ERRORS) or (
        isinstance(error, DatabaseError) and "connection" in str(error).lower()
    ):
        response = _render("503.html", status=503)
        response["Retry-After"] = "30"
        return response
    return _render("500.html", status=500)
