"""The person's side of finding a støttekontakt, on /mine-soknader/<ref>/: accepting or
declining a proposed helper, and the check-ins. The person, or a representative whose
access has not ended, may act; anyone else gets 404. The helper's name and phone are
shown only once both sides have accepted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.http import AuthenticatedHttpRequest
from referrals.applications import selectors
from referrals.cases.models import Application
from referrals.cases.services import ApplicationError
from referrals.matching import selectors as matching_selectors
from referrals.matching import services as matching
from referrals.matching.forms import CheckInForm
from referrals.matching.models import CheckIn, Match
from referrals.matching.views import nothing_due


def _match_of(application: Application) -> Match | None:
    status = matching_selectors.status_for(application)
    return status.match if status is not None else None


@login_required
@require_POST
def answer(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    application = selectors.get_application_to_act_on(user=request.user, reference=reference)
    match = _match_of(application)
    if match is None or str(match.pk) != request.POST.get("match", ""):
        messages.error(request, _("Forslaget er endret. Se det nye forslaget."))
        return redirect("referrals:application_detail", reference=reference)
    try:
        if request.POST.get("answer") == "accept":
            match = matching.accept_by_person(match=match, user=request.user)
            messages.success(
                request,
                _("Takk! Støttekontakten er på plass.")
                if match.started
                else _("Takk! Vi venter på svar fra støttekontakten."),
            )
        elif request.POST.get("answer") == "decline":
            matching.decline(match=match, user=request.user, by_helper=False)
            messages.success(request, _("Du har takket nei. Vi leter videre."))
        else:
            messages.error(request, _("Velg om du vil takke ja eller nei."))
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect("referrals:application_detail", reference=reference)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    application = selectors.get_application_to_act_on(user=request.user, reference=reference)
    match = _match_of(application)
    week = matching_selectors.check_in_due_for(match, CheckIn.Side.PERSON) if match else None
    if match is None or week is None:
        return nothing_due(
            request, reverse("referrals:application_detail", kwargs={"reference": reference})
        )
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        matching.check_in(
            match=match,
            side=CheckIn.Side.PERSON,
            rating=form.cleaned_data["rating"],
            text=form.cleaned_data["text"],
            user=request.user,
        )
        messages.success(request, _("Takk for svaret!"))
        return redirect("referrals:application_detail", reference=reference)
    return render(
        request,
        "referrals/matching/check_in.html",
        {
            "form": form,
            "week": week,
            "back": reverse("referrals:application_detail", kwargs={"reference": reference}),
        },
        status=422 if form.is_bound else 200,
    )
