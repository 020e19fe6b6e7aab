"""/saksbehandling/frivillige/: the coordinators' matching pages; and
/frivillig/min-side/oppdrag/: the helper's proposals and matches.

A coordinator (``referrals.view_helperroleenrolment``) sees the help requests of their
units; anything else is a 404. Opening a request that came from a case, or one with the
private part of someone who asked (``HelpRequester``), writes the access log. A
coordinator registers a request (``referrals.add_helprequest``) and writes its public
description (``referrals.change_helprequest``). A helper sees only their own matches, and the person's name and phone only
once both sides have accepted.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.documents.downloads import bytes_download
from portal.documents.spreadsheets import csv_bytes
from portal.http import AuthenticatedHttpRequest
from portal.small_numbers import MIN_FIGURE
from referrals.cases import access
from referrals.cases.models import AccessLogEntry
from referrals.cases.services import ApplicationError
from referrals.cases.views import ActionView, StaffMixin
from referrals.matching import selectors, services, views_common
from referrals.matching.forms import (
    DescribeForm,
    EndMatchForm,
    HoursForm,
    NewRequestForm,
    PersonAnswerForm,
    ProposeForm,
    RequestFilterForm,
    month_param,
)
from referrals.matching.models import CheckIn, Match
from referrals.volunteers import selectors as volunteer_selectors
from referrals.volunteers.models import HelperProfile, HelpRequest, RoleKind

PERMISSION = selectors.COORDINATOR_PERMISSION
ADD_PERMISSION = "referrals.add_helprequest"
CHANGE_PERMISSION = "referrals.change_helprequest"


def _log(request: AuthenticatedHttpRequest, help_request: HelpRequest, action: str) -> None:
    """Access-log a coordinator's look at or change to a request with personal data: one
    from a case, or one whose asker's name and phone the page shows."""
    if help_request.application is None and selectors.requester_of(help_request) is not None:
        access.log_access(
            user=request.user,
            action=action,
            object_type="help_request",
            object_id=str(help_request.pk),
        )
    if help_request.application is not None:
        access.log_access(
            user=request.user,
            action=action,
            object_type="help_request",
            object_id=str(help_request.pk),
            application=help_request.application,
        )


class CoordinatorMixin(StaffMixin):
    permission_required = PERMISSION

    def get_request(self, pk: int) -> HelpRequest:
        help_request = selectors.requests_for_staff(self.request.user).filter(pk=pk).first()
        if help_request is None:
            raise Http404
        return help_request


class RequestsView(CoordinatorMixin, View):
    """Open help requests with their waiting time; due check-ins."""

    http_method_names = ["get", "head", "options"]

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = RequestFilterForm(request.GET or None)
        min_days = None
        not_started = False
        if form.is_bound and form.is_valid():
            min_days = form.cleaned_data["min_days"]
            not_started = form.cleaned_data["not_started"]
        rows = selectors.open_rows(request.user, min_days=min_days, not_started=not_started)
        access.log_access(
            user=request.user,
            action=AccessLogEntry.Action.LIST,
            object_type="help_request",
            detail=f"{len(rows)} help requests",
        )
        return render(
            request,
            "referrals/matching/requests.html",
            {
                "form": form,
                "rows": rows,
                "due": selectors.due_check_ins(request.user),
                "this_month": timezone.localdate().strftime("%Y-%m"),
            },
            status=422 if form.is_bound and not form.is_valid() else 200,
        )


def _render_request(
    request: AuthenticatedHttpRequest,
    help_request: HelpRequest,
    *,
    end_form: EndMatchForm | None = None,
    status: int = 200,
) -> HttpResponse:
    match = selectors.current_match(help_request)
    suggestions = (
        selectors.suggest_helpers(help_request)
        if help_request.status == HelpRequest.Status.OPEN and (match is None or not match.active)
        else []
    )
    return render(
        request,
        "referrals/matching/request.html",
        {
            "help_request": help_request,
            "since": selectors.waiting_since(help_request),
            "match": match,
            "history": help_request.matches.select_related("helper").order_by("-proposed_at"),
            "suggestions": suggestions,
            "end_form": end_form or EndMatchForm(prefix="end"),
            "requester": selectors.requester_of(help_request),
            "answer_for_person": selectors.answered_by_coordinator(help_request),
            "may_describe": request.user.has_perm(CHANGE_PERMISSION),
        },
        status=status,
    )


class RequestView(CoordinatorMixin, View):
    http_method_names = ["get", "head", "options"]

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        help_request = self.get_request(pk)
        _log(request, help_request, AccessLogEntry.Action.VIEW)
        return _render_request(request, help_request)


class RequestActionView(CoordinatorMixin, ActionView):
    """A coordinator's change to a help request of their units: service, message,
    back to the request page; the change is access-logged."""

    def get_target(self) -> HelpRequest:
        return self.get_request(self.kwargs["pk"])

    def get_success_url(self, target: HelpRequest) -> str:
        return reverse("referrals:matching_request", kwargs={"pk": target.pk})

    def report_success(self, target: HelpRequest, data: dict[str, Any], result: Any) -> None:
        _log(self.request, target, AccessLogEntry.Action.CHANGE)
        super().report_success(target, data, result)


class ProposeView(RequestActionView):
    form_class = ProposeForm

    def form_invalid(self, target: HelpRequest, form: Any) -> HttpResponse:
        messages.error(self.request, _("Velg en hjelper."))
        return HttpResponseRedirect(self.get_success_url(target))

    def perform(self, target: HelpRequest, data: dict[str, Any]) -> Match:
        helper = HelperProfile.objects.filter(pk=data["helper"]).first()
        if helper is None:
            raise Http404
        return services.propose(help_request=target, helper=helper, by=self.request.user)

    def get_success_message(self, target: HelpRequest, data: dict[str, Any], result: Any) -> str:
        return _("%(name)s er foreslått. Begge må godta før navn og telefon deles.") % {
            "name": result.helper.name
        }


class EndMatchView(RequestActionView):
    form_class = EndMatchForm
    prefix = "end"
    success_message = gettext_lazy("Samarbeidet er avsluttet.")

    def get_target(self) -> HelpRequest:
        help_request = super().get_target()
        match = selectors.current_match(help_request)
        if match is None or not match.active:
            raise Http404
        self.match = match
        return help_request

    def form_invalid(self, target: HelpRequest, form: Any) -> HttpResponse:
        return _render_request(self.request, target, end_form=form, status=422)

    def perform(self, target: HelpRequest, data: dict[str, Any]) -> Match:
        return services.end(
            match=self.match,
            reason=data["reason"],
            text=data["text"],
            by=self.request.user,
            close_request=data["close_request"],
        )


class PersonAnswerView(RequestActionView):
    """The coordinator records the person's answer to a proposal, on a request with no
    one to answer online (``selectors.may_answer_for_person``, checked by the service)."""

    form_class = PersonAnswerForm

    def get_target(self) -> HelpRequest:
        help_request = super().get_target()
        match = selectors.current_match(help_request)
        if match is None or not match.active:
            raise Http404
        self.match = match
        return help_request

    def form_invalid(self, target: HelpRequest, form: Any) -> HttpResponse:
        messages.error(self.request, _("Velg om personen takket ja eller nei."))
        return HttpResponseRedirect(self.get_success_url(target))

    def perform(self, target: HelpRequest, data: dict[str, Any]) -> services.PersonAnswer:
        return services.answer_for_person(
            match=self.match, user=self.request.user, answer=data["answer"]
        )

    def get_success_message(self, target: HelpRequest, data: dict[str, Any], result: Any) -> str:
        if data["answer"] == "accept":
            return _("Personens ja er registrert.")
        return _("Personens nei er registrert.")


def _describe_page(
    request: AuthenticatedHttpRequest,
    template: str,
    form: DescribeForm,
    help_request: HelpRequest | None = None,
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "form": form,
            "help_request": help_request,
            "requester": selectors.requester_of(help_request) if help_request else None,
        },
        status=422 if form.is_bound else 200,
    )


class DescribeView(CoordinatorMixin, View):
    """The public description of a request of the coordinator's units, and whether it
    is shown on /frivillig/: a relative's NEW request is OPEN once described."""

    permission_required = CHANGE_PERMISSION
    http_method_names = ["get", "head", "post", "options"]
    template_name = "referrals/matching/describe.html"

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        help_request = self.get_request(pk)
        _log(request, help_request, AccessLogEntry.Action.VIEW)
        form = DescribeForm(
            initial={
                "description": help_request.description,
                "description_nn": help_request.description_nn,
                "description_en": help_request.description_en,
                "public": help_request.public,
            }
        )
        return _describe_page(request, self.template_name, form, help_request)

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        help_request = self.get_request(pk)
        form = DescribeForm(request.POST)
        if form.is_valid():
            try:
                services.describe(help_request=help_request, text=form.text(), by=request.user)
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                _log(request, help_request, AccessLogEntry.Action.CHANGE)
                messages.success(request, _("Beskrivelsen er lagret."))
                return redirect("referrals:matching_request", pk=help_request.pk)
        return _describe_page(request, self.template_name, form, help_request)


class NewRequestView(CoordinatorMixin, View):
    """/saksbehandling/frivillige/ny/: a coordinator registers a request for one of
    their units (a unit or a relative asked by phone or letter)."""

    permission_required = ADD_PERMISSION
    http_method_names = ["get", "head", "post", "options"]
    template_name = "referrals/matching/new_request.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = NewRequestForm(units=volunteer_selectors.staff_units(request.user))
        return _describe_page(request, self.template_name, form)

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = NewRequestForm(request.POST, units=volunteer_selectors.staff_units(request.user))
        if form.is_valid():
            data = form.cleaned_data
            try:
                help_request = services.register_request(
                    unit=data["unit"],
                    need=form.need(data["role"], data["kind"]),
                    text=form.text(),
                    by=request.user,
                    contact=form.contact(),
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Forespørselen er registrert."))
                return redirect("referrals:matching_request", pk=help_request.pk)
        return _describe_page(request, self.template_name, form)


class HoursCsvView(CoordinatorMixin, View):
    """The month's hours reported by paid støttekontakter, for payroll."""

    http_method_names = ["get", "head", "options"]

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        month = month_param(request.GET.get("maned")) or timezone.localdate().replace(day=1)
        reports = selectors.hours_for_month(request.user, month)
        body = csv_bytes(
            ["maned", "hjelper", "e-post", "enhet", "timer", "merknad"],
            (
                [
                    f"{report.month:%Y-%m}",
                    report.helper_name,
                    report.helper_email,
                    report.unit.name if report.unit else "",
                    report.hours,
                    report.note,
                ]
                for report in reports
            ),
        )
        access.log_access(
            user=request.user,
            action=AccessLogEntry.Action.DOWNLOAD,
            object_type="hours_report",
            detail=f"{month:%Y-%m}",
        )
        return bytes_download(
            body,
            content_type="text/csv; charset=utf-8",
            name=f"timer-{month:%Y-%m}.csv",
        )


class StatisticsView(CoordinatorMixin, View):
    http_method_names = ["get", "head", "options"]

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(
            request,
            "referrals/matching/statistics.html",
            {"stats": selectors.statistics(request.user), "minimum": MIN_FIGURE},
        )


# The helper's side


def _own_helper(request: AuthenticatedHttpRequest) -> HelperProfile:
    helper = HelperProfile.objects.filter(user=request.user).first()
    if helper is None:
        raise Http404
    return helper


def _own_match(request: AuthenticatedHttpRequest, pk: int) -> Match:
    return get_object_or_404(
        Match.objects.select_related("help_request__application", "helper"),
        pk=pk,
        helper__user=request.user,
    )


def _person_of(match: Match) -> dict[str, str] | None:
    """The person's name and phone for the helper of a started match: from the case, or
    from the one who asked (``HelpRequester``)."""
    application = match.help_request.application
    if application is not None:
        return {
            "name": application.person_name,
            "phone": application.person_phone or application.applicant_phone,
        }
    requester = selectors.requester_of(match.help_request)
    if requester is None:
        return None
    return {"name": requester.person_name, "phone": requester.person_phone}


@login_required
@require_safe
def my_matches(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Proposals (the public description only) and matches (the person's name and
    phone once both have accepted)."""
    helper = _own_helper(request)
    rows: list[dict[str, Any]] = []
    for match in selectors.matches_of_helper(helper):
        application = match.help_request.application
        if match.started and application is not None:
            access.log_access(
                user=request.user,
                action=AccessLogEntry.Action.VIEW,
                object_type="match",
                object_id=str(match.pk),
                application=application,
            )
        rows.append(
            {
                "match": match,
                "person": _person_of(match) if match.started else None,
                "check_in_week": selectors.check_in_due_for(match, CheckIn.Side.HELPER),
                "paid": match.help_request.kind != RoleKind.VOLUNTEER,
            }
        )
    return render(request, "referrals/matching/mine.html", {"helper": helper, "rows": rows})


@login_required
@require_POST
def helper_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    match = _own_match(request, pk)
    try:
        if request.POST.get("answer") == "accept":
            match = services.accept_by_helper(match=match, user=request.user)
            messages.success(
                request,
                _("Takk! Dere er satt i kontakt.")
                if match.started
                else _("Takk! Vi venter på svar fra personen."),
            )
        elif request.POST.get("answer") == "decline":
            services.decline(match=match, user=request.user, by_helper=True)
            messages.success(request, _("Du har takket nei til oppdraget."))
        else:
            messages.error(request, _("Velg om du vil ta oppdraget."))
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect("referrals:matching_mine")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def helper_check_in(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return views_common.check_in(
        request,
        match=_own_match(request, pk),
        side=CheckIn.Side.HELPER,
        back=reverse("referrals:matching_mine"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def helper_hours(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    match = _own_match(request, pk)
    if match.started_at is None or match.help_request.kind == RoleKind.VOLUNTEER:
        return views_common.nothing_due(
            request,
            reverse("referrals:matching_mine"),
            _("Timer rapporteres bare for lønnede oppdrag som har startet."),
        )
    form = HoursForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_hours(
                match=match,
                month=form.cleaned_data["month"],
                hours=form.cleaned_data["hours"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Timene er registrert."))
            return redirect("referrals:matching_mine")
    return render(
        request,
        "referrals/matching/hours.html",
        {"form": form, "match": match, "reports": match.hours_reports.all()},
        status=422 if form.is_bound else 200,
    )
