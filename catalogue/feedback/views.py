"""The feedback pages: the one-time form at /tilbakemelding/<token>/ (no account) and
the unit's results at /tilbud/forvalt/<slug>/tilbakemeldinger/.

An unknown link is a 404 and a used or expired one a 410, each a page that says so in
plain words. The results page is scoped like the other staff pages: another unit's
offer is a 404 (catalogue.views_staff)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from catalogue.feedback import selectors, services
from catalogue.feedback.forms import QUESTION_LABELS, FeedbackForm, scale_label
from catalogue.views_staff import offer_for, staff_view
from portal.http import AuthenticatedHttpRequest


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_for(token)
    if invitation is None:
        return render(request, "catalogue/feedback/unknown.html", status=404)
    if not selectors.is_open(invitation):
        return render(request, "catalogue/feedback/closed.html", status=410)
    offer = invitation.offer
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer(invitation=invitation, **form.cleaned_data)
        except services.InvitationClosed:
            return render(request, "catalogue/feedback/closed.html", status=410)
        return redirect("catalogue:feedback_thanks")
    return render(
        request,
        "catalogue/feedback/form.html",
        {"form": form, "offer": offer, "title": offer.tr("title")},
    )


@require_safe
def feedback_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "catalogue/feedback/thanks.html")


@require_safe
@staff_view("catalogue.view_offer")
def staff_offer_feedback(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    offer = offer_for(request.user, slug)
    results = selectors.offer_results(offer.pk)
    questions = [
        {
            "label": QUESTION_LABELS[question.name],
            "average": question.average,
            "rows": [
                {"score": score, "label": scale_label(score), "answers": answers}
                for score, answers in question.distribution
            ],
        }
        for question in results.questions
    ]
    return render(
        request,
        "catalogue/feedback/staff_results.html",
        {
            "offer": offer,
            "results": results,
            "questions": questions,
            "min_answers": selectors.MIN_ANSWERS,
        },
    )
