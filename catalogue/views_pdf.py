"""Printable PDFs of the catalogue: one offer, or a brochure of a filtered list.

Only published offers ever appear. The PDFs are rendered in the visitor's language by
portal.documents.pdf.render_pdf (tagged PDF/UA-1, document language set).

Rendering takes seconds, so every public PDF (these two and the shortlist's) is
rendered at most once per key and stored (``stored_pdf``): the key holds everything
the PDF shows (``print_version()``: the catalogue's version, the language, the
municipality's details; plus what the view reads: the offer, the brochure's filters
canonicalised and cleaned, the shortlist's offers) and nothing else, so a parameter
the view does not read, an unknown filter value or another spelling of the same
filters is served the stored PDF. Renders hold one of the process's few render slots
(portal.documents.pdf.render_slot); when they are all taken the visitor gets 503 with
Retry-After at once.
"""

import datetime
import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from catalogue import filters, offer_facts, page_cache, params, selectors
from catalogue.models import Category, Event, Location, Offer, OpeningPeriod, ScheduleException
from portal.documents.pdf import RendererBusy, render_pdf, render_slot

# A brochure stays printable (and quicker to make: about 0.1 s per offer): larger
# selections are cut with a note saying so.
BROCHURE_MAX_OFFERS = 50
# A stored PDF is kept this long at most (it also shows the date and time it was made,
# and changes no save announces, such as a new release's templates, show after this).
PDF_CACHE_SECONDS = 60 * 10
# A second request for a PDF being rendered waits this long for it, checking every
# RENDER_POLL_SECONDS, then gets 503; a render's lock expires after RENDER_LOCK_SECONDS
# even if its process dies.
RENDER_WAIT_SECONDS = 10.0
RENDER_POLL_SECONDS = 0.2
RENDER_LOCK_SECONDS = 120
RETRY_AFTER_SECONDS = 10


def offer_queryset_for_print(*, upcoming: bool = True) -> QuerySet[Offer]:
    """Published offers with everything a printed page shows (catalogue.offer_facts),
    in a fixed number of queries; without ``upcoming`` the coming exceptions and events
    are left out (the guide's cards do not show them)."""
    today = timezone.localdate()
    queryset = (
        Offer.objects.published()
        .select_related("unit", "service_type")
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
    if not upcoming:
        return queryset
    return queryset.prefetch_related(
        Prefetch(
            "schedule_exceptions",
            queryset=ScheduleException.objects.filter(
                date__gte=today, date__lte=today + datetime.timedelta(days=366)
            ),
            to_attr="upcoming_exceptions",
        ),
        Prefetch(
            "events",
            queryset=Event.objects.filter(ends_at__gte=timezone.now()).select_related("location"),
            to_attr="upcoming_events",
        ),
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
    """Each offer with its texts in the reader's language and its facts
    (catalogue.offer_facts: the same lines as its web page)."""
    return [
        {
            "offer": offer,
            "t": translated_texts(offer),
            "anchor": f"tilbud-{number}",
            **offer_facts.page_context(offer_facts.offer_facts(offer)),
        }
        for number, offer in enumerate(offers, start=1)
    ]


def brochure_entries(offers) -> list[dict]:
    """Each offer for a brochure entry: its texts, status marks and its brief facts
    (catalogue.offer_facts, in the words of its page)."""
    entries = []
    for number, offer in enumerate(offers, start=1):
        facts = offer_facts.offer_facts(offer)
        entries.append(
            {
                "offer": offer,
                "t": translated_texts(offer),
                "anchor": f"tilbud-{number}",
                "marks": offer_facts.status_marks(offer),
                "brief": offer_facts.brief_facts(offer, facts),
            }
        )
    return entries


def brochure_context(offers) -> dict:
    """What catalogue/pdf_brochure.html needs for ``offers``."""
    entries = brochure_entries(offers)
    return {"entries": entries, **brochure_sections(entries)}


def brochure_sections(entries: list[dict]) -> dict[str, list[dict]]:
    """The brochure's order and contents, by category (in the taxonomy's order):
    ``printed`` has each offer once, under its first category; ``contents`` lists
    every category with all its offers (an offer of two categories is in both, with
    the page it is printed on). Offers without a category come last."""
    categories: dict[int, Category] = {}
    members: dict[int | None, list[dict]] = {}
    printed: dict[int | None, list[dict]] = {}
    for entry in entries:
        own = list(entry["offer"].categories.all())
        for category in own:
            categories[category.pk] = category
            members.setdefault(category.pk, []).append(entry)
        printed.setdefault(own[0].pk if own else None, []).append(entry)
    order = sorted(categories.values(), key=lambda c: (c.position, str(c)))
    keys: list[int | None] = [c.pk for c in order] + [None]
    names: dict[int | None, str] = {c.pk: str(c) for c in order}
    names[None] = str(_("Andre tilbud"))

    def by_title(items: list[dict]) -> list[dict]:
        return sorted(items, key=lambda e: (str(e["t"]["title"]).lower(), e["offer"].pk))

    return {
        "printed": [
            {"name": names[key], "anchor": f"kategori-{index}", "entries": by_title(printed[key])}
            for index, key in enumerate(keys)
            if printed.get(key)
        ],
        "contents": [
            {"name": names[key], "entries": by_title(members.get(key) or printed.get(key) or [])}
            for key in keys
            if members.get(key) or printed.get(key)
        ],
    }


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


def print_version() -> str:
    """The first part of every stored PDF's key. Read before anything a PDF shows, so
    a PDF is never stored under a newer version than its contents. It changes with:

    - the page cache's generation: any saved offer, schedule, location, unit, taxonomy
      term or service type in this process (in every process with Redis);
    - the database's ``catalogue_version()``: any saved offer in any process (a saved
      schedule, location or unit also saves its offers' ``updated_at``);
    - the taxonomy labels in the active language: a renamed category, district,
      accessibility feature or language in any process;
    - the language, and the municipality's details printed on every page.
    """
    labels = repr(sorted(selectors.taxonomy_choices().items()))
    return "\x1f".join(
        (
            page_cache.current_generation(),
            selectors.catalogue_version(),
            hashlib.sha256(labels.encode()).hexdigest()[:16],
            current_language(),
            settings.MUNICIPALITY_NAME,
            settings.MUNICIPALITY_CONTACT_EMAIL,
            settings.MUNICIPALITY_CONTACT_PHONE,
            settings.SITE_URL,
        )
    )


def stored_pdf(*, key: str, make: Callable[[], bytes]) -> bytes:
    """The PDF stored under ``key``, else ``make()``, stored under it for
    PDF_CACHE_SECONDS (in the cache: shared by every app server with Redis).

    Rendered once per key at a time: the request that finds it missing takes the
    key's lock (``cache.add``), and others wait up to RENDER_WAIT_SECONDS for its
    result rather than render it again. The render holds a render slot of this process.
    Raises RendererBusy when no slot is free or the wait runs out."""
    lock = f"{key}:rendering"
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while True:
        pdf = cache.get(key)
        if pdf is not None:
            return pdf
        if cache.add(lock, True, RENDER_LOCK_SECONDS):
            break
        if time.monotonic() >= deadline:
            raise RendererBusy
        time.sleep(RENDER_POLL_SECONDS)
    try:
        pdf = cache.get(key)  # stored by a render that ended after our first look
        if pdf is None:
            with render_slot():
                pdf = make()
            cache.set(key, pdf, PDF_CACHE_SECONDS)
    finally:
        cache.delete(lock)
    return pdf


def stored_pdf_response(
    request: HttpRequest, *, key: str, make: Callable[[], bytes], filename: str
) -> HttpResponse:
    """``stored_pdf`` as a download, or 503 with Retry-After when rendering is busy."""
    try:
        pdf = stored_pdf(key=key, make=make)
    except RendererBusy:
        response = render(request, "catalogue/pdf_busy.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return pdf_response(pdf, filename)


@require_GET
def offer_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    version = print_version()
    row = selectors.published_offer_row(slug)  # 404 unless published

    def render_offer() -> bytes:
        offer = get_object_or_404(offer_queryset_for_print(), pk=row.pk)
        context = {**base_pdf_context(title=offer.tr("title")), "entries": printable([offer])}
        return render_pdf("catalogue/pdf_offer.html", context, language=current_language())

    return stored_pdf_response(
        request,
        key=page_cache.cache_key("offer-pdf", version, str(row.pk)),
        make=render_offer,
        filename=f"{row.slug}.pdf",
    )


@require_GET
def catalogue_pdf(request: HttpRequest) -> HttpResponse:
    """The brochure of the list's filters (catalogue.filters.PARAMS, the same as
    /tilbud/ without its page number), keyed by the filters in force after cleaning:
    unknown parameters and unknown values (which the list reports, the brochure not)
    give the same brochure."""
    version = print_version()
    filterset, found = selectors.search_offers(params.canonical(request.GET, filters.PARAMS))
    selection = filterset.data  # cleaned: only known values of known filters

    def render_brochure() -> bytes:
        ids = list(found.published().values_list("pk", flat=True)[: BROCHURE_MAX_OFFERS + 1])
        truncated = len(ids) > BROCHURE_MAX_OFFERS
        ids = ids[:BROCHURE_MAX_OFFERS]
        by_id = offer_queryset_for_print().in_bulk(ids)
        list_url = params.path_with(reverse("catalogue:offer_list"), selection)
        context = {
            **base_pdf_context(title=str(_("Aktivitetstilbud"))),
            **brochure_context([by_id[pk] for pk in ids if pk in by_id]),
            "truncated": truncated,
            "max_offers": BROCHURE_MAX_OFFERS,
            "catalogue_url": settings.SITE_URL + list_url,
        }
        return render_pdf("catalogue/pdf_brochure.html", context, language=current_language())

    return stored_pdf_response(
        request,
        key=page_cache.cache_key("brochure", version, selection.urlencode()),
        make=render_brochure,
        filename="aktivitetstilbud.pdf",
    )
