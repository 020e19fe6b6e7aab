"""What every staff page of a case room shares."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


class StaffMixin(PermissionRequiredMixin):
    """Anonymous → the log-in page; logged in without the permission → 403."""

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            return redirect_to_login(self.request.get_full_path())
        raise PermissionDenied
