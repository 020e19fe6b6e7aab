import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.messages.storage import default_storage
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

LAST_ACTIVITY_KEY = "portal_last_activity"
ACTIVITY_RESOLUTION_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    """Log out members of staff after a period without requests.

    Staff sessions reach special-category personal data, so an unattended browser must
    not stay logged in. Citizens keep the ordinary session lifetime.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - int(last) > settings.STAFF_IDLE_TIMEOUT_SECONDS:
                return self._log_out(request)
            # Write the session at most once a minute, not on every request.
            if last is None or now - int(last) >= ACTIVITY_RESOLUTION_SECONDS:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)

    def _log_out(self, request):
        logout(request)
        # This middleware runs before MessageMiddleware has set up the message store,
        # and the redirect below never reaches it, so keep the message ourselves.
        storage = default_storage(request)
        request._messages = storage
        messages.info(request, _("Du er logget ut fordi du ikke har vært aktiv på en stund."))
        target = reverse("portal:login")
        if request.method == "GET":
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        response = redirect(target)
        storage.update(response)
        return response


class PrivatePagesMiddleware:
    """Every response to a logged-in user says ``Cache-Control: private, no-store``: no
    browser or proxy keeps a copy of a case, a draft, a receipt, a letter or an account
    page (on a shared computer, the back button or the disk cache would show it to the
    next person). Place right after AuthenticationMiddleware, so it sees the answers of
    the middleware after it (a staff member logged out for idleness) too.

    "Logged in" is read before and after the view: the answer to the log-in itself, and
    the page a log-out answers with, are private as well. Directives already set are
    kept (a stricter ``no-cache``/``max-age=0`` of ``never_cache`` stays) and ``public``
    is removed. Responses to visitors who are not logged in are left alone: the public
    catalogue stays cacheable. Pages that show personal data to a visitor who is not
    logged in (the links in e-mails, which carry a signed token) use ``never_cache``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        logged_in = _logged_in(request)
        response = self.get_response(request)
        if logged_in or _logged_in(request):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _logged_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
