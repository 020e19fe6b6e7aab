"""The unit leaders' page on search quality, /tilbud/forvalt/sok/: which texts visitors
searched for in the last 30 days without finding anything, and which found offers but
were seldom followed by a click (catalogue.search_stats). With links to try a text on
the public list (not counted itself) and to the synonym lexicon in the admin."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from catalogue import search_hooks, search_stats
from catalogue.views_staff import staff_view
from portal.http import AuthenticatedHttpRequest

# Where the lexicon is edited, if the admin has it under another name or not yet.
LEXICON_PATH = "/admin/catalogue/searchsynonym/"


def lexicon_url() -> str:
    try:
        return reverse("admin:catalogue_searchsynonym_changelist")
    except NoReverseMatch:
        return LEXICON_PATH


def _with_list_url(rows: list[search_stats.QueryRow]) -> list[dict]:
    base = reverse("catalogue:offer_list")
    name, value = search_hooks.NOT_COUNTED
    return [
        {
            **row,
            "click_percent": round(row["click_rate"] * 100),
            "list_url": f"{base}?{urlencode({'q': row['query'], name: value})}",
        }
        for row in rows
    ]


@require_safe
@staff_view("catalogue.view_offer")
def staff_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    first, last = search_stats.period()
    return render(
        request,
        "catalogue/staff_search.html",
        {
            "first_day": first,
            "last_day": last,
            "zero_results": _with_list_url(search_stats.zero_result_queries(today=last)),
            "rarely_clicked": _with_list_url(search_stats.rarely_clicked_queries(today=last)),
            "min_shown": search_stats.MIN_SEARCHES_SHOWN,
            "min_for_rate": search_stats.MIN_SEARCHES_FOR_CLICK_RATE,
            "low_rate_percent": round(search_stats.LOW_CLICK_RATE * 100),
            "lexicon_url": lexicon_url(),
        },
    )
