""" "Meld feil i denne oppføringen": anyone can tell the unit that a listing is wrong.

No log-in. Light protection against abuse: a honeypot field, a length limit and a cap
on reports per visitor session.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from catalogue import services
from catalogue.forms import ErrorReportForm
from catalogue.models import Offer
from catalogue.views_pdf import translated_texts

SESSION_KEY = "catalogue_error_reports"
MAX_REPORTS_PER_HOUR = 5


def _recent_reports(request: HttpRequest) -> list[float]:
    now = timezone.now().timestamp()
    stamps = request.session.get(SESSION_KEY, [])
    if not isinstance(stamps, list):
        stamps = []
    return [s for s in stamps if isinstance(s, int | float) and now - s < 3600]


@require_http_methods(["GET", "HEAD", "POST"])
def report_error(request: HttpRequest, slug: str) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.published().select_related("unit"), slug=slug)
    recent = _recent_reports(request)
    too_many = len(recent) >= MAX_REPORTS_PER_HOUR
    form = ErrorReportForm(request.POST or None)
    if request.method == "POST" and not too_many and form.is_valid():
        if not form.is_spam:
            services.report_error(
                offer=offer,
                message=form.cleaned_data["message"],
                reporter_email=form.cleaned_data["reporter_email"],
            )
        # A robot that filled the honeypot sees the same answer as a person.
        request.session[SESSION_KEY] = [*recent, timezone.now().timestamp()]
        return redirect("catalogue:report_error_thanks", slug=offer.slug)
    status = 429 if (request.method == "POST" and too_many) else 200
    return render(
        request,
        "catalogue/report_form.html",
        {"offer": offer, "t": translated_texts(offer), "form": form, "too_many": too_many},
        status=status,
    )


@require_safe
def report_error_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.published(), slug=slug)
    return render(
        request, "catalogue/report_thanks.html", {"offer": offer, "t": translated_texts(offer)}
    )
