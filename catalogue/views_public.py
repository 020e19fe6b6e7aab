"""The public catalogue: the list with filters and search, the offer page and its
calendar. No log-in; only published offers.

Anonymous visitors get whole pages from the page cache (catalogue.page_cache: keyed by
path, query, language, and for the offer page whether it is on the visitor's
shortlist; the visitor's own CSRF token is put in on every response; a publish, an
archive or an edit shows at once). Logged-in users and visitors with a flash message
waiting get the page rendered for them, from the cached results fragment or offer text
(same versions, ``CACHE_SECONDS``); their pages are never stored.
"""

from types import SimpleNamespace
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from catalogue import ical, page_cache, selectors
from catalogue.shortlist import Shortlist

PAGE_SIZE = 20
CACHE_SECONDS = 60

page_cache.connect_signals()  # also done when the app is ready; connecting twice is a no-op


def _list_body(request: HttpRequest) -> str:
    filterset, queryset = selectors.search_offers(request.GET)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("side"))
    keep = filterset.data.copy() if filterset.is_bound else request.GET.copy()
    keep.pop("side", None)
    context = {
        "filter": filterset,
        "form": filterset.form,
        "page": page,
        "offers": page.object_list,
        "active_filters": filterset.active_filters(),
        "ignored": filterset.ignored,
        "query_string": keep.urlencode(),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    }
    return render_to_string("catalogue/includes/offer_list_body.html", context)


def _render_list(request: HttpRequest, version: str, extra: dict | None = None) -> HttpResponse:
    key = page_cache.cache_key(
        "list", get_language() or "", version, page_cache.normalised_query(request)
    )
    body = cache.get(key)
    if body is None:
        body = _list_body(request)
        cache.set(key, body, CACHE_SECONDS)
    context = {"body": mark_safe(body), "query": (request.GET.get("q") or "").strip()[:100]}  # noqa: S308 - our own render
    return render(request, "catalogue/offer_list.html", {**context, **(extra or {})})


@require_safe
def offer_list(request: HttpRequest) -> HttpResponse:
    if not page_cache.cacheable(request):
        return _render_list(request, page_cache.list_version())
    return page_cache.serve(
        request,
        lambda version, extra: _render_list(request, version, extra),
        version=page_cache.list_version,
    )


def application_url(offer) -> str | None:
    """Where to apply for an offer by application, if the applications part exists."""
    if offer.participation != offer.Participation.APPLICATION or offer.service_type is None:
        return None
    try:
        start = reverse("referrals:apply_start")
    except NoReverseMatch:
        return None
    return f"{start}?service={quote(offer.service_type.slug)}&offer={quote(offer.slug)}"


def _detail(offer) -> dict:
    selectors.prefetch_offer_page(offer)
    context = {
        "offer": offer,
        "locations": [
            {
                "location": location,
                "map_url": settings.MUNICIPALITY_MAP_URL.format(
                    address=quote(location.full_address)
                ),
                "accessibility": list(location.accessibility.all()),
            }
            for location in offer.locations.all()
        ],
        "week": selectors.week_schedule(offer),
        "closures": selectors.upcoming_closures(offer),
        "events": offer.upcoming_events,
        "apply_url": application_url(offer),
    }
    return {
        "html": render_to_string("catalogue/includes/offer_body.html", context),
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
        entry = _detail(row)
        cache.set(key, entry, CACHE_SECONDS)
    offer = SimpleNamespace(
        pk=entry["pk"], slug=entry["slug"], url=entry["url"], title=entry["title"]
    )
    context = {"body": mark_safe(entry["html"]), "title": entry["title"], "offer": offer}  # noqa: S308 - our own render
    return render(request, "catalogue/offer_detail.html", {**context, **(extra or {})})


@require_safe
def offer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Always read the offer row: unpublished offers give 404 at once, and a saved
    # offer (new updated_at) never hits an old cache entry, in any process.
    row = selectors.published_offer_row(slug)

    def version(generation: str) -> str:
        return f"{generation}:{row.pk}:{row.updated_at.isoformat()}"

    if not page_cache.cacheable(request):
        return _render_detail(request, row, version(page_cache.current_generation()))
    on_shortlist = row.pk in Shortlist(request.session).ids
    return page_cache.serve(
        request,
        lambda current, extra: _render_detail(request, row, current, extra),
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
    suffix = "." + offer.image.name.rsplit(".", 1)[-1].lower() if offer.image else ""
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


@require_safe
def offer_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    offer = selectors.get_published_offer(slug)
    response = HttpResponse(ical.offer_ical(offer), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{offer.slug}.ics"'
    return response
