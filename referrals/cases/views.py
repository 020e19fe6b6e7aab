"""What every staff page of a case room shares."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views import View

from portal.http import AuthenticatedHttpRequest
from referrals.cases.services import ApplicationError


class StaffMixin(PermissionRequiredMixin, View):
    """Anonymous → the log-in page; logged in without the permission → 403."""

    # The permission check in ``dispatch`` turns away anonymous users before a handler
    # runs, so the handlers see a logged-in user (only ``handle_no_permission`` does not).
    request: AuthenticatedHttpRequest

    def handle_no_permission(self) -> HttpResponseRedirect:
        if not self.request.user.is_authenticated:
            return redirect_to_login(self.request.get_full_path())
        raise PermissionDenied


class ActionView(View):
    """A POST that changes something: the form from POST → a service → a message → a
    redirect.

    A concrete view declares ``form_class`` (none for a bare button) with ``prefix``,
    ``perform`` (the service call, given the target and the cleaned data) and
    ``success_message`` (or ``get_success_message``). The room says the rest:
    ``get_target`` (the object changed, fetched and access-checked before the form is
    read), ``form_invalid`` (the page again with the errors), ``get_success_url``.
    A change the state does not allow (``ApplicationError``) is by default the error
    message and the same redirect; ``application_error`` may show it in the form instead.
    """

    http_method_names = ["post", "options"]
    request: AuthenticatedHttpRequest
    form_class: type[forms.BaseForm] | None = None
    prefix: str | None = None
    success_message: object = ""

    def get_target(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def get_form_kwargs(self, target: Any) -> dict[str, Any]:
        return {"prefix": self.prefix}

    def form_invalid(self, target: Any, form: Any) -> HttpResponse:  # pragma: no cover
        raise NotImplementedError

    def perform(self, target: Any, data: dict[str, Any]) -> Any:  # pragma: no cover
        raise NotImplementedError

    def get_success_url(self, target: Any) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def get_success_message(self, target: Any, data: dict[str, Any], result: Any) -> str:
        return str(self.success_message)

    def report_success(self, target: Any, data: dict[str, Any], result: Any) -> None:
        messages.success(self.request, self.get_success_message(target, data, result))

    def application_error(self, target: Any, form: Any, error: ApplicationError) -> HttpResponse:
        messages.error(self.request, str(error.message))
        return HttpResponseRedirect(self.get_success_url(target))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        target = self.get_target()
        form: forms.BaseForm | None = None
        data: dict[str, Any] = {}
        if self.form_class is not None:
            form = self.form_class(request.POST, **self.get_form_kwargs(target))
            if not form.is_valid():
                return self.form_invalid(target, form)
            data = form.cleaned_data
        try:
            result = self.perform(target, data)
        except ApplicationError as error:
            return self.application_error(target, form, error)
        self.report_success(target, data, result)
        return HttpResponseRedirect(self.get_success_url(target))
