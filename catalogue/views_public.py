"""The public catalogue: the list with filters and search, the offer page and its
calendar. No log-in; only published offers.

Anonymous visitors get whole pages from the page cache (catalogue.page_cache: keyed by
path, the parameters the view reads, language, and for the offer page whether it is on
the visitor's shortlist; the visitor's own CSRF token is put in on every response; a
publish, an archive or an edit shows at once). Logged-in users and visitors with a
flash message waiting get the page rendered for them, from the cached results fragment
or offer text (same versions, ``CACHE_SECONDS``); their pages are never stored.

Searches are new addresses nearly every time, so a list that is not cached is made
cheap: one query lists the matches in order (their number is the count), the result
cards come from this process's memory (catalogue.cards), the filter form is written in
Python (portal.form_markup) and the taxonomies are read at most once a second.

Each view reads its GET parameters only through ``catalogue.params.canonical`` of its
declared list (``LIST_PARAMS``; the offer page reads none), and builds every key from
the same canonical parameters: unknown parameters change nothing.
"""

from types import SimpleNamespace

from django.core.cache import cache
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    QueryDict,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from catalogue import (
    cards,
    filters,
    ical,
    jsonld,
    list_frame,
    offer_facts,
    page_cache,
    params,
    search_hooks,
    selectors,
)
from catalogue.feedback import selectors as feedback_selectors
from catalogue.models import Offer
from catalogue.participation import presentation
from catalogue.participation import selectors as participation_selectors
from catalogue.shortlist import Shortlist
from portal import form_markup

PAGE_SIZE = 20
CACHE_SECONDS = 60
# The parameters the list reads: the filters and the page number.
LIST_PARAMS: dict[str, params.Canonicaliser] = {**filters.PARAMS, "side": params.page_number}
NO_PARAMS: dict[str, params.Canonicaliser] = {}

page_cache.connect_signals()  # also done when the app is ready; connecting twice is a no-op


def _list_body(query: QueryDict, version: str) -> str:
    """The list's filters and results. Every search is a new address, so this is what a
    search costs: the filter form is written in Python (portal.form_markup), the cards
    come rendered from this process's memory (catalogue.cards), and the taxonomies'
    choices are read at most once a second."""
    filterset, page = selectors.search_page(
        query,
        per_page=PAGE_SIZE,
        choices=selectors.recent_taxonomy_choices(page_cache.generation_of(version)),
    )
    offers = list(page.object_list)
    keep = filterset.data.copy() if filterset.is_bound else QueryDict(mutable=True)
    keep.pop("side", None)
    context = {
        "filter": filterset,
        "form_html": form_markup.render(filterset.form),
        "page": page,
        "offers": offers,
        "cards": cards.render_cards(offers, version),
        "active_filters": filterset.active_filters(),
        "ignored": filterset.ignored,
        "query_string": keep.urlencode(),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        **selectors.search_help(filterset.query, found=page.paginator.count, keep=keep),
    }
    return render_to_string("catalogue/includes/offer_list_body.html", context)


def _render_list(
    request: HttpRequest, query: QueryDict, version: str, *, csrf_placeholder: str | None = None
) -> HttpResponse:
    """The list page. With ``csrf_placeholder`` it is for the page cache (the request is
    ``page_cache.cacheable``: nothing user-specific), written in the kept frame."""
    key = page_cache.cache_key("list", get_language() or "", version, query.urlencode())
    body = cache.get(key)
    if body is None:
        body = _list_body(query, version)
        cache.set(key, body, CACHE_SECONDS)
    context = {
        "body": mark_safe(body),  # noqa: S308 - our own render
        "query": query.get("q", "")[:100],
        "current_path": params.path_with(request.path, query),
    }
    if csrf_placeholder is not None:
        return HttpResponse(list_frame.render(request, **context, csrf_token=csrf_placeholder))
    return render(request, "catalogue/offer_list.html", context)


@require_safe
@search_hooks.records_searches
def offer_list(request: HttpRequest) -> HttpResponse:
    query = params.canonical(request.GET, LIST_PARAMS)
    if not page_cache.cacheable(request, query):
        return _render_list(request, query, page_cache.list_version())
    return page_cache.serve(
        request,
        lambda version, extra: _render_list(
            request, query, version, csrf_placeholder=extra["csrf_token"]
        ),
        params=query,
        version=page_cache.list_version,
    )


def render_offer_body(offer) -> dict:
    """The body of an offer's public page, with what the page around it needs; the
    public page caches it, the staff preview shows a draft with it."""
    selectors.prefetch_offer_page(offer)
    context = {
        "offer": offer,
        # One aggregate query; cached with the body (the page lives PAGE_SECONDS).
        "feedback": feedback_selectors.offer_summary(offer.pk),
        **offer_facts.page_context(offer_facts.offer_facts(offer)),
    }
    return {
        "html": render_to_string("catalogue/includes/offer_body.html", context),
        "jsonld": str(jsonld.script_text(jsonld.offer_graph(offer))),
        "title": offer.tr("title"),
        "pk": offer.pk,
        "slug": offer.slug,
        "url": offer.get_absolute_url(),
    }


def _render_detail(
    request: HttpRequest, row, version: str, extra: dict | None = None
) -> HttpResponse:
    key = page_cache.cache_key("detail", get_language() or "", version)
    entry = cache.get(key)
    if entry is None:
        entry = render_offer_body(row)
        cache.set(key, entry, CACHE_SECONDS)
    offer = SimpleNamespace(
        pk=entry["pk"], slug=entry["slug"], url=entry["url"], title=entry["title"]
    )
    context = {
        "participation": _participation(row),
        "body": mark_safe(entry["html"]),  # noqa: S308 - our own render
        "jsonld": mark_safe(entry.get("jsonld", "")),  # noqa: S308 - escaped in catalogue.jsonld
        "title": entry["title"],
        "offer": offer,
        "current_path": request.path,  # the offer page reads no parameters
    }
    return render(request, "catalogue/offer_detail.html", {**context, **(extra or {})})


def _participation(row) -> dict | None:
    """The next sessions and their free places (catalogue.participation), read on each
    render: the page's version holds the offer's places stamp."""
    sessions = participation_selectors.offer_page_sessions(row.pk)
    if not sessions:
        return None
    signup = row.participation == Offer.Participation.SIGNUP
    return {
        "signup": signup,
        "open": row.participation == Offer.Participation.OPEN,
        "sessions": [
            {
                # A whole course is one entry: «Kurs: 8 tirsdager fra 12. januar kl. 18.00».
                "when": presentation.course_when([e.session for e in choice.entries])
                if choice.is_course
                else presentation.when(choice.first),
                "places": presentation.places_text(choice) if signup else "",
                "full": choice.is_full,
            }
            for choice in sessions
        ],
    }


@require_safe
@search_hooks.counts_result_clicks
def offer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Always read the offer row: unpublished offers give 404 at once, and a saved
    # offer (new updated_at) never hits an old cache entry, in any process. An old slug
    # redirects to the offer's current page.
    try:
        row = selectors.published_offer_row(slug)
    except Http404:
        return _moved("catalogue:offer_detail", slug)

    def version(generation: str) -> str:
        stamp = participation_selectors.places_stamp(row.pk)
        return f"{generation}:{row.pk}:{row.updated_at.isoformat()}:{stamp}"

    query = params.canonical(request.GET, NO_PARAMS)
    if not page_cache.cacheable(request, query):
        return _render_detail(request, row, version(page_cache.current_generation()))
    on_shortlist = row.pk in Shortlist(request.session).ids
    return page_cache.serve(
        request,
        lambda current, extra: _render_detail(request, row, current, extra),
        params=query,
        version=version,
        key_extra=("shortlisted" if on_shortlist else "",),
    )


# Offer images are public like the rest of the listing; they are served through this
# view (uploads are never served from MEDIA_ROOT directly) and only while published.
IMAGE_CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}


@require_safe
def offer_image(request: HttpRequest, slug: str) -> FileResponse:
    offer = selectors.get_published_offer(slug)
    suffix = "." + (offer.image.name or "").rsplit(".", 1)[-1].lower() if offer.image else ""
    if suffix not in IMAGE_CONTENT_TYPES:
        raise Http404
    try:
        handle = offer.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=IMAGE_CONTENT_TYPES[suffix])
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _moved(view_name: str, slug: str) -> HttpResponsePermanentRedirect:
    """An offer's old address (it had ``slug`` before) to its current one, or 404."""
    current = selectors.current_slug(slug)
    if current is None:
        raise Http404("No such published offer")
    return HttpResponsePermanentRedirect(reverse(view_name, kwargs={"slug": current}))


@require_safe
def offer_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """The offer's iCalendar feed. Subscribed calendars keep working when the offer gets
    a new slug: the old address redirects (301) to the new one."""
    try:
        offer = selectors.get_published_offer(slug)
    except Http404:
        return _moved("catalogue:offer_calendar", slug)
    response = HttpResponse(ical.offer_ical(offer), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{offer.slug}.ics"'
    return response
