import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

LAST_ACTIVITY_KEY = "portal_last_activity"


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
                logout(request)
                messages.info(request, _("You were logged out because you had been inactive."))
                return redirect(f"{reverse('portal:login')}?next={request.path}")
            request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)
