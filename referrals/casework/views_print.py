"""/saksbehandling/utskrift/: the print queue of paper letters, for office staff with
``referrals.print_letters`` (the caseworker role). Each user sees the paper letters of
the cases in their scope (``access.staff_applications``); "Lag utskriftsbunke" puts them
in a batch, whose PDF holds each letter behind an address sheet for a window envelope
(``referrals.letters.printing``), and "Merk som skrevet ut" marks the batch's letters
printed, with the date and who. A batch holding a case outside the user's scope is a
404 (logged). Every listing and download is in the access log."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from portal.documents.downloads import bytes_download
from portal.http import AuthenticatedHttpRequest
from referrals.cases import access
from referrals.cases.models import AccessLogEntry
from referrals.cases.views import StaffMixin
from referrals.letters import dispatch as dispatch_services
from referrals.letters.models import PrintBatch
from referrals.letters.printing import render_batch

PERMISSION = "referrals.print_letters"


class PrintMixin(StaffMixin):
    permission_required = PERMISSION

    def get_batch(self, action: str) -> PrintBatch:
        batch = dispatch_services.batch_for_staff(
            user=self.request.user, batch_id=self.kwargs["batch"]
        )
        if batch is None:
            access.log_access(
                user=self.request.user,
                action=action,
                object_type="print_batch",
                object_id=str(self.kwargs["batch"]),
                allowed=False,
            )
            raise Http404
        return batch


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


class BatchView(PrintMixin, View):
    http_method_names = ["get", "head", "options"]

    def get(self, request: AuthenticatedHttpRequest, batch: int) -> HttpResponse:
        found = self.get_batch(AccessLogEntry.Action.VIEW)
        dispatches = dispatch_services.batch_dispatches(found)
        access.log_access(
            user=request.user,
            action=AccessLogEntry.Action.VIEW,
            object_type="print_batch",
            object_id=str(found.pk),
        )
        return render(
            request,
            "referrals/casework/print_batch.html",
            {"batch": found, "dispatches": dispatches},
        )


class BatchPdfView(PrintMixin, View):
    http_method_names = ["get", "head", "options"]

    def get(self, request: AuthenticatedHttpRequest, batch: int) -> HttpResponse:
        found = self.get_batch(AccessLogEntry.Action.DOWNLOAD)
        dispatches = dispatch_services.batch_dispatches(found)
        for dispatch in dispatches:  # one entry per letter: each names its person
            access.log_access(
                user=request.user,
                action=AccessLogEntry.Action.DOWNLOAD,
                object_type="print_batch",
                object_id=str(found.pk),
                application=dispatch.application,
            )
        return bytes_download(
            render_batch(found, dispatches),
            content_type="application/pdf",
            name=f"utskriftsbunke-{found.pk}.pdf",
        )


class MarkPrintedView(PrintMixin, View):
    http_method_names = ["post", "options"]

    def post(self, request: HttpRequest, *args: Any, batch: int) -> HttpResponse:
        user = self.request.user
        found = self.get_batch(AccessLogEntry.Action.CHANGE)
        count = dispatch_services.mark_batch_printed(batch=found, user=user)
        access.log_access(
            user=user,
            action=AccessLogEntry.Action.CHANGE,
            object_type="print_batch",
            object_id=str(found.pk),
        )
        messages.success(
            request,
            _("%(count)s brev er merket som skrevet ut og sendt i posten.") % {"count": count},
        )
        return HttpResponseRedirect(reverse("referrals:print_queue"))
