"""/saksbehandling/utskrift/: the print queue of paper letters, for office staff with
``referrals.print_letters`` (the caseworker role). Each user sees the paper letters of
the cases in their scope (``access.staff_applications``); "Lag utskriftsbunke" puts them
in a batch, whose PDF holds each letter behind an address sheet for a window envelope
(``referrals.letters.printing``), and "Merk som skrevet ut" marks the batch's letters
printed, with the date and who. A batch holding a case outside the user's scope is a
404 (logged). Every listing and download is in the access log."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from portal.documents.downloads import bytes_download
from portal.http import AuthenticatedHttpRequest
from referrals.cases import access
from referrals.cases.models import AccessLogEntry, Application
from referrals.cases.views import StaffMixin
from referrals.letters import dispatch as dispatch_services
from referrals.letters.models import LetterDispatch, PrintBatch
from referrals.letters.printing import LetterUnreadable, render_batch

PERMISSION = "referrals.print_letters"


class PrintMixin(StaffMixin):
    """The print queue: anonymous → log-in; without the permission → 403 (the queue
    names no case)."""

    permission_required = PERMISSION


class BatchMixin(PrintMixin):
    """A batch: anonymous → log-in; without the permission, or a batch holding a case
    outside the user's scope (or none) → 404, the refusal logged for each person in
    the batch, as for a case (``access.refuse``)."""

    action = AccessLogEntry.Action.VIEW

    def handle_no_permission(self) -> HttpResponseRedirect:
        if not self.request.user.is_authenticated:
            return redirect_to_login(self.request.get_full_path())
        raise self.refuse()

    def refuse(self) -> Http404:
        batch_id = self.kwargs["batch"]
        applications = Application.objects.filter(
            pk__in=LetterDispatch.objects.filter(batch_id=batch_id).values("application_id")
        )
        for application in applications or [None]:
            access.log_access(
                user=self.request.user,
                action=self.action,
                object_type="print_batch",
                object_id=str(batch_id),
                application=application,
                allowed=False,
            )
        return Http404()

    def get_batch(self) -> tuple[PrintBatch, list[LetterDispatch]]:
        """The batch and its letters, if the user may handle them; the access logged for
        each letter's person."""
        batch = dispatch_services.batch_for_staff(
            user=self.request.user, batch_id=self.kwargs["batch"]
        )
        if batch is None:
            raise self.refuse()
        dispatches = dispatch_services.batch_dispatches(batch)
        for dispatch in dispatches:
            access.log_access(
                user=self.request.user,
                action=self.action,
                object_type="print_batch",
                object_id=str(batch.pk),
                application=dispatch.application,
            )
        return batch, dispatches


class PrintQueueView(PrintMixin, View):
    http_method_names = ["get", "head", "options"]

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        queue = list(dispatch_services.print_queue(request.user))
        access.log_access(
            user=request.user, action=AccessLogEntry.Action.LIST, object_type="print_queue"
        )
        return render(
            request,
            "referrals/casework/print_queue.html",
            {"queue": queue, "batches": dispatch_services.open_batches(request.user)},
        )


class MakeBatchView(PrintMixin, View):
    http_method_names = ["post", "options"]

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        batch = dispatch_services.make_batch(user=request.user)
        if batch is None:
            messages.info(request, _("Det er ingen brev i utskriftskøen."))
            return HttpResponseRedirect(reverse("referrals:print_queue"))
        return HttpResponseRedirect(reverse("referrals:print_batch", kwargs={"batch": batch.pk}))


class BatchView(BatchMixin, View):
    http_method_names = ["get", "head", "options"]

    def get(self, request: AuthenticatedHttpRequest, batch: int) -> HttpResponse:
        found, dispatches = self.get_batch()
        return render(
            request,
            "referrals/casework/print_batch.html",
            {"batch": found, "dispatches": dispatches},
        )


class BatchPdfView(BatchMixin, View):
    http_method_names = ["get", "head", "options"]
    action = AccessLogEntry.Action.DOWNLOAD

    def get(self, request: AuthenticatedHttpRequest, batch: int) -> HttpResponse:
        found, dispatches = self.get_batch()
        try:
            pdf = render_batch(found, dispatches)
        except LetterUnreadable as error:
            messages.error(
                request,
                _(
                    "Brevet i sak %(reference)s kunne ikke leses, så bunken kan ikke skrives "
                    "ut. Kontakt driften."
                )
                % {"reference": error.dispatch.application.reference},
            )
            return HttpResponseRedirect(
                reverse("referrals:print_batch", kwargs={"batch": found.pk})
            )
        return bytes_download(
            pdf, content_type="application/pdf", name=f"utskriftsbunke-{found.pk}.pdf"
        )


class MarkPrintedView(BatchMixin, View):
    http_method_names = ["post", "options"]
    action = AccessLogEntry.Action.CHANGE

    def post(self, request: HttpRequest, *args: Any, batch: int) -> HttpResponse:
        found, _dispatches = self.get_batch()
        count = dispatch_services.mark_batch_printed(batch=found, user=self.request.user)
        messages.success(
            request,
            _("%(count)s brev er merket som skrevet ut og sendt i posten.") % {"count": count},
        )
        return HttpResponseRedirect(reverse("referrals:print_queue"))
