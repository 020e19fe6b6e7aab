"""The hooks that feed the search statistics (catalogue.search_stats, whose docstring
says what is counted and why no personal data is kept): two view decorators around the
public list and the offer page. They wrap the whole view, page cache included, so a
page served from the cache counts like a rendered one.

- ``records_searches`` (the list): after the page is made, a GET answered with 200 for
  the first page of a search counts a search of its text. Whether it found nothing is
  read from the page itself, the ``data-result-count`` attribute of the results section
  (catalogue/includes/offer_list_body.html): the count travels with the HTML through
  both caches, so no query is needed for it.
- ``counts_result_clicks`` (the offer page): a GET answered with 200 whose Referer is
  the list, on our own origin, with a ``q`` counts a click for that text.

Not counted: members of staff (``is_staff``: they test searches, they do not look for
an offer), requests from well-known crawlers, and pages whose address carries
``NOT_COUNTED`` (the staff page's links to try a text on the list) and the clicks from
them. Anything that goes wrong here is logged and the page is answered as usual.
"""

import logging
import re
from functools import wraps
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse

from catalogue import filters, params, search_stats

logger = logging.getLogger(__name__)

# Added to a list address (?q=…&telles=nei) so that visiting it counts nothing.
NOT_COUNTED = ("telles", "nei")
# The parameters that search or order the results; any other narrows them.
NOT_NARROWING = filters.SEARCH_AND_ORDER
_RESULT_COUNT = re.compile(rb'data-result-count="(\d+)"')
_CRAWLER = re.compile(r"bot|crawl|spider|slurp|facebookexternalhit", re.IGNORECASE)
_search_text = filters.PARAMS["q"]  # the list's own reading of ?q=


def records_searches(view):
    """Decorate the public list: count the searches it shows (module docstring)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        try:
            _count_search(request, response)
        except Exception as error:
            logger.warning("Search not counted (%s)", type(error).__name__)
        return response

    return wrapped


def counts_result_clicks(view):
    """Decorate the offer page: count a click when it is opened from a result list."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        try:
            _count_click(request, response)
        except Exception as error:
            logger.warning("Click not counted (%s)", type(error).__name__)
        return response

    return wrapped


def _counted(request: HttpRequest, response: HttpResponse, query: QueryDict) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if query.get(NOT_COUNTED[0]) == NOT_COUNTED[1]:
        return False
    if getattr(request.user, "is_staff", False):
        return False
    return not _CRAWLER.search(request.headers.get("User-Agent", ""))


def _count_search(request: HttpRequest, response: HttpResponse) -> None:
    if not _counted(request, response, request.GET):
        return
    if params.page_number(request.GET.getlist("side")):  # page 2 and on: the same search
        return
    text = _search_text(request.GET.getlist("q"))
    if not text:
        return
    found = _RESULT_COUNT.search(response.content)
    if found is None:  # the template lost its marker: count the search, not its result
        logger.warning("The list has no data-result-count; no-result searches not counted")
    narrowed = any(
        name not in NOT_NARROWING for name in params.canonical(request.GET, filters.PARAMS)
    )
    search_stats.record_search(
        text=text[0],
        found_nothing=found is not None and int(found[1]) == 0 and not narrowed,
    )


def _count_click(request: HttpRequest, response: HttpResponse) -> None:
    referer = request.headers.get("Referer", "")
    if not referer:
        return
    parts = urlsplit(referer)
    if f"{parts.scheme}://{parts.netloc}" != f"{request.scheme}://{request.get_host()}":
        return
    if parts.path != reverse("catalogue:offer_list"):
        return
    listed = QueryDict(parts.query)
    if not _counted(request, response, listed):
        return
    text = _search_text(listed.getlist("q"))
    if text:
        search_stats.record_click(text=text[0])
