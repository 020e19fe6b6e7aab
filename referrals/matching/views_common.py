"""What the pages that answer a match share, whichever room shows them: the person's
side answering a proposed helper and a check-in (on /frivillig/be-om-hjelp/<id>/ here,
on /mine-soknader/<ref>/ in ``applications``), the helper's check-in, and the page
saying nothing is waiting. The calling view fetches the match the user may act on
(anything else is its 404) and says where to go back to."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.http import AuthenticatedHttpRequest
from referrals.cases.services import ApplicationError
from referrals.matching import selectors, services
from referrals.matching.forms import CheckInForm
from referrals.matching.models import Match


def nothing_due(
    request: AuthenticatedHttpRequest, back: str, text: str | None = None
) -> HttpResponse:
    """The page of a form with nothing to answer now (no check-in due, no hours to
    report): says so, with the way back."""
    return render(
        request,
        "referrals/matching/nothing_due.html",
        {"back": back, "text": text or _("Ingen oppfølging venter på svar.")},
    )


def answer_for_person(
    request: AuthenticatedHttpRequest,
    *,
    match: Match | None,
    back: str,
    started_text: str,
    waiting_text: str,
) -> HttpResponse:
    """The person's side answers the proposal it was shown (the posted ``match`` and
    ``answer``), through ``services.answer_for_person``; says what came of it (the
    texts of the started and the waiting match are the calling page's) and goes
    ``back``. A proposal that changed since the page was shown is not answered."""
    if match is None or str(match.pk) != request.POST.get("match", ""):
        messages.error(request, _("Forslaget er endret. Se det nye forslaget."))
        return redirect(back)
    try:
        outcome = services.answer_for_person(
            match=match, user=request.user, answer=request.POST.get("answer", "")
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(back)
    if outcome is services.PersonAnswer.STARTED:
        messages.success(request, started_text)
    elif outcome is services.PersonAnswer.WAITING_FOR_HELPER:
        messages.success(request, waiting_text)
    else:
        messages.success(request, _("Du har takket nei. Vi leter videre."))
    return redirect(back)


def check_in(
    request: AuthenticatedHttpRequest, *, match: Match | None, side: str, back: str
) -> HttpResponse:
    """ "Hvordan går det?" from ``side`` of ``match``: the form for the week that is
    due, or the page saying nothing is waiting (also when the same form was just sent
    from another tab)."""
    week = selectors.check_in_due_for(match, side) if match is not None else None
    if match is None or week is None:
        return nothing_due(request, back)
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_in(
                match=match,
                side=side,
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["text"],
                user=request.user,
            )
        except ApplicationError as error:
            return nothing_due(request, back, str(error.message))
        messages.success(request, _("Takk for svaret!"))
        return redirect(back)
    return render(
        request,
        "referrals/matching/check_in.html",
        {"form": form, "week": week, "back": back},
        status=422 if form.is_bound else 200,
    )
