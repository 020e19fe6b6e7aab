"""What every staff page of a case room shares."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.views import View

from portal.http import AuthenticatedHttpRequest


class StaffMixin(PermissionRequiredMixin, View):
    """Anonymous → the log-in page; logged in without the permission → 403."""

    # The permission check in ``dispatch`` turns away anonymous users before a handler
    # runs, so the handlers see a logged-in user (only ``handle_no_permission`` does not).
    request: AuthenticatedHttpRequest

    def handle_no_permission(self) -> HttpResponseRedirect:
        if not self.request.user.is_authenticated:
            return redirect_to_login(self.request.get_full_path())
        raise PermissionDenied
