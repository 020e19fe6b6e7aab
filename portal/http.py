"""Types for views: ``AuthenticatedHttpRequest`` is the request of a view that only
logged-in users reach (``login_required``), so its ``user`` is a ``User``, never an
``AnonymousUser``. For the type checker only: Django still passes an ``HttpRequest``."""

from django.http import HttpRequest

from portal.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
