"""Printable PDFs of the catalogue: one offer, or a brochure of a filtered list.

Only published offers ever appear. The PDFs are rendered in the visitor's language by
catalogue.pdf.render_pdf (tagged PDF/UA-1, document language set).
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from catalogue.models import Location, Offer, OpeningPeriod
from catalogue.pdf import render_pdf

# Weekday names with bokmål msgids (the model's choices are English msgids).
WEEKDAY_NAMES = [
    _("mandag"),
    _("tirsdag"),
    _("onsdag"),
    _("torsdag"),
    _("fredag"),
    _("lørdag"),
    _("søndag"),
]

# A brochure stays printable (and quick to make: about 0.08 s per offer): larger
# selections are cut with a note saying so, and a rendered brochure is cached until an
# offer changes.
BROCHURE_MAX_OFFERS = 50
BROCHURE_CACHE_SECONDS = 60 * 10


@dataclass(frozen=True)
class ScheduleDay:
    weekday: int
    name: str
    periods: list[OpeningPeriod]


def week_schedule(offer: Offer) -> list[ScheduleDay]:
    """The offer's week, Monday to Sunday, each day with its opening periods (possibly
    none). Uses prefetched ``opening_periods`` when present."""
    periods = sorted(offer.opening_periods.all(), key=lambda p: (p.weekday, p.opens))
    return [
        ScheduleDay(
            weekday=day,
            name=str(WEEKDAY_NAMES[day]),
            periods=[p for p in periods if p.weekday == day],
        )
        for day in range(7)
    ]


def offer_queryset_for_print() -> QuerySet[Offer]:
    """Published offers with everything a printed page shows, in a fixed number of queries."""
    return (
        Offer.objects.published()
        .select_related("unit")
        .prefetch_related(
            "categories",
            "languages",
            Prefetch(
                "locations",
                queryset=Location.objects.select_related("district").prefetch_related(
                    "accessibility"
                ),
            ),
            Prefetch("opening_periods", queryset=OpeningPeriod.objects.select_related("location")),
        )
    )


TRANSLATED_FIELDS = (
    "title",
    "summary",
    "easy_read",
    "description",
    "suits",
    "signup_text",
    "price_text",
    "transport_text",
    "meals_text",
    "volunteer_text",
)


def translated_texts(offer: Offer) -> dict[str, str]:
    """The offer's texts in the active language (falling back to bokmål), for templates."""
    return {field: offer.tr(field) for field in TRANSLATED_FIELDS}


def printable(offers) -> list[dict]:
    return [
        {
            "offer": offer,
            "t": translated_texts(offer),
            "week": week_schedule(offer),
            "anchor": f"tilbud-{number}",
            "locations": [
                {"location": location, "transport_note": location.tr("transport_note")}
                for location in offer.locations.all()
            ],
        }
        for number, offer in enumerate(offers, start=1)
    ]


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # Printed catalogues change when offers do; never serve a stale copy.
    response["Cache-Control"] = "no-cache"
    return response


def base_pdf_context(*, title: str) -> dict:
    return {
        "title": title,
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_contact_email": settings.MUNICIPALITY_CONTACT_EMAIL,
        "municipality_contact_phone": settings.MUNICIPALITY_CONTACT_PHONE,
        "generated": timezone.localtime(),
        "site_url": settings.SITE_URL,
    }


def current_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


@require_GET
def offer_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    offer = get_object_or_404(offer_queryset_for_print(), slug=slug)
    context = {**base_pdf_context(title=offer.tr("title")), "entries": printable([offer])}
    pdf = render_pdf("catalogue/pdf_offer.html", context, language=current_language())
    return pdf_response(pdf, f"{offer.slug}.pdf")


def search_published_offers(params: QueryDict) -> QuerySet[Offer]:
    """The catalogue's own search and filters (the same GET parameters as /tilbud/, see
    catalogue.filters), as printable published offers in the catalogue's order."""
    from catalogue.selectors import search_offers

    _filterset, found = search_offers(params)
    return found.published()


def _brochure_cache_key(request: HttpRequest, offer_ids: list[int]) -> str:
    """Same language, same offers, none changed since: same PDF."""
    stamp = Offer.objects.filter(pk__in=offer_ids).aggregate(latest=Max("updated_at"))["latest"]
    params = sorted((key, value) for key in request.GET for value in request.GET.getlist(key))
    digest = hashlib.sha256(
        repr(
            (
                settings.MUNICIPALITY_NAME,
                current_language(),
                params,
                offer_ids,
                stamp and stamp.isoformat(),
            )
        ).encode()
    ).hexdigest()
    return f"catalogue:brochure:{digest}"


@require_GET
def catalogue_pdf(request: HttpRequest) -> HttpResponse:
    found = list(
        search_published_offers(request.GET).values_list("pk", flat=True)[: BROCHURE_MAX_OFFERS + 1]
    )
    truncated = len(found) > BROCHURE_MAX_OFFERS
    found = found[:BROCHURE_MAX_OFFERS]
    cache_key = _brochure_cache_key(request, found)
    pdf = cache.get(cache_key)
    if pdf is None:
        by_id = offer_queryset_for_print().in_bulk(found)
        offers = [by_id[pk] for pk in found if pk in by_id]
        context = {
            **base_pdf_context(title=str(_("Aktivitetstilbud"))),
            "entries": printable(offers),
            "truncated": truncated,
            "max_offers": BROCHURE_MAX_OFFERS,
            "catalogue_url": settings.SITE_URL + request.get_full_path().replace("/pdf/", "/", 1),
        }
        pdf = render_pdf("catalogue/pdf_brochure.html", context, language=current_language())
        cache.set(cache_key, pdf, BROCHURE_CACHE_SECONDS)
    return pdf_response(pdf, "aktivitetstilbud.pdf")
