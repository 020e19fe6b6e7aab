"""The person's side of finding a støttekontakt, on /mine-soknader/<ref>/: accepting or
declining a proposed helper, and the check-ins. The person, or a representative whose
access has not ended, may act; anyone else gets 404. The helper's name and phone are
shown only once both sides have accepted."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.http import AuthenticatedHttpRequest
from referrals.applications import selectors
from referrals.cases.models import Application
from referrals.matching import selectors as matching_selectors
from referrals.matching import views_common
from referrals.matching.models import CheckIn, Match


def _match_of(application: Application) -> Match | None:
    status = matching_selectors.status_for(application)
    return status.match if status is not None else None


@login_required
@require_POST
def answer(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    application = selectors.get_application_to_act_on(user=request.user, reference=reference)
    return views_common.answer_for_person(
        request,
        match=_match_of(application),
        back=reverse("referrals:application_detail", kwargs={"reference": reference}),
        started_text=_("Takk! Støttekontakten er på plass."),
        waiting_text=_("Takk! Vi venter på svar fra støttekontakten."),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    application = selectors.get_application_to_act_on(user=request.user, reference=reference)
    return views_common.check_in(
        request,
        match=_match_of(application),
        side=CheckIn.Side.PERSON,
        back=reverse("referrals:application_detail", kwargs={"reference": reference}),
    )
