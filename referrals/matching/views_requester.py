"""/frivillig/be-om-hjelp/: a person, or a relative for someone they help, asks for a
volunteer; their own requests, with the status, withdrawing, and the answer to a proposed
helper. Only the one who asked sees a request: anyone else gets 404. The helper's name
and phone are shown only once both sides have accepted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.http import AuthenticatedHttpRequest
from referrals.cases.services import ApplicationError
from referrals.matching import selectors, services, views_common
from referrals.matching.forms import AskForHelperForm
from referrals.matching.models import CheckIn
from referrals.volunteers.models import HelpRequest


def _own_request(request: AuthenticatedHttpRequest, pk: int) -> HelpRequest:
    return get_object_or_404(selectors.requests_of_requester(request.user), pk=pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ask(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AskForHelperForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            help_request = services.ask_for_helper(
                user=request.user,
                need=form.need(form.cleaned_data["role"]),
                contact=form.contact(request.user.full_name),
                language=translation.get_language() or "nb",
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Takk! Forespørselen er sendt. En koordinator tar kontakt på telefon."),
            )
            return redirect("referrals:matching_my_request", pk=help_request.pk)
    return render(
        request,
        "referrals/matching/ask.html",
        {"form": form},
        status=422 if form.is_bound else 200,
    )


@login_required
@require_safe
def my_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "referrals/matching/my_requests.html",
        {"help_requests": selectors.requests_of_requester(request.user)},
    )


@login_required
@require_safe
def my_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    help_request = _own_request(request, pk)
    match = selectors.current_match(help_request)
    return render(
        request,
        "referrals/matching/my_request.html",
        {
            "help_request": help_request,
            "requester": help_request.requester,
            "match": match,
            "check_in_week": selectors.check_in_due_for(match, CheckIn.Side.PERSON)
            if match is not None
            else None,
            "open": help_request.status in (HelpRequest.Status.NEW, HelpRequest.Status.OPEN),
        },
    )


@login_required
@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    help_request = _own_request(request, pk)
    try:
        services.withdraw(help_request=help_request, user=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Forespørselen er trukket."))
    return redirect("referrals:matching_my_request", pk=help_request.pk)


@login_required
@require_POST
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The one who asked accepts or declines the proposed helper for the person."""
    help_request = _own_request(request, pk)
    return views_common.answer_for_person(
        request,
        match=selectors.current_match(help_request),
        back=reverse("referrals:matching_my_request", kwargs={"pk": help_request.pk}),
        started_text=_("Takk! Dere er satt i kontakt."),
        waiting_text=_("Takk! Vi venter på svar fra hjelperen."),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The person's side of "Hvordan går det?", answered by the one who asked."""
    help_request = _own_request(request, pk)
    return views_common.check_in(
        request,
        match=selectors.current_match(help_request),
        side=CheckIn.Side.PERSON,
        back=reverse("referrals:matching_my_request", kwargs={"pk": help_request.pk}),
    )
