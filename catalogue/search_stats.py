"""Search statistics: what visitors search for in the public catalogue (/tilbud/?q=),
how often a search finds nothing, and how often one is followed by a click on a result;
read by the unit leaders' page /tilbud/forvalt/sok/ (catalogue.views_search_stats).

No personal data is stored. A row is one day and one normalised search text with three
counters; nothing says who searched: no user, no IP address, no session, no time finer
than the day. Before a text is stored (``normalise_query``) it is cleaned of what could
identify a person: e-mail addresses (any word with an @) and numbers of five digits or
more, also when written in groups ("010190 12345", "+47 123 45 678": identity and phone
numbers) are dropped; the rest is lower-cased, whitespace collapsed, at most
``MAX_QUERY_LENGTH`` characters. A text that is empty after that is not counted.
The staff page shows only texts searched at least ``MIN_SEARCHES_SHOWN`` times, so a
one-off text (a name someone typed) is never put in front of anyone. Rows older than
``RETENTION_DAYS`` are deleted by the daily retention job (``delete_old_stats``, called
from ``referrals.records.retention.run_retention``; docs/retention.md).

What is counted (the hooks are in catalogue.search_hooks, on the list and offer views,
around the page cache, so pages served from the cache count too):

- ``searches``: the first page of results for a text was shown (page 2 and on are the
  same search). Changing a filter or the order shows a new first page and counts again.
- ``no_results``: that page listed no offer and no other filter narrowed it (a search
  that filters empty is the filters' doing, not the text's).
- ``clicks``: an offer page was opened from a result list for the text. Without
  JavaScript and without the text in the offers' addresses, the signal is the Referer
  header: the portal sends ``Referrer-Policy: same-origin`` (``SECURE_REFERRER_POLICY``
  in portal.settings), so a browser sends the full address of the list, with its
  ``?q=``, when a visitor follows a link from it to one of our own pages, and nothing to
  other sites. If the policy is ever made stricter (``no-referrer``, or an
  ``origin``-only policy), clicks stop being counted (the search counts stay right).
  Opening several results of one search counts several clicks, and a reload of the
  offer page counts again, so the click rate is an indication, capped at 100 %. A click
  is only added to a text already counted that day (no row is created by a click).

Cost: one statement per counted request, an upsert (``INSERT … ON CONFLICT DO UPDATE``,
PostgreSQL and SQLite) or an ``UPDATE``, run when the request's transaction commits (at
once without one): a popular text's row is locked for that statement only. Inside a
transaction it runs in a savepoint. A database error is logged (without the text) and
swallowed: statistics never break a page.
"""

import logging
import re
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from typing import TypedDict

from django.conf import settings
from django.db import DatabaseError, connection, models, transaction
from django.db.models import F, FloatField, Sum
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 100
RETENTION_DAYS: int = settings.SEARCH_STATS_RETENTION_DAYS
# The staff page: the last WINDOW_DAYS days, at most ROWS rows per table, only texts
# searched at least MIN_SEARCHES_SHOWN times; the click rate of texts that found
# something at least MIN_SEARCHES_FOR_CLICK_RATE times, shown when below LOW_CLICK_RATE.
WINDOW_DAYS = 30
ROWS = 50
MIN_SEARCHES_SHOWN = 2
MIN_SEARCHES_FOR_CLICK_RATE = 5
LOW_CLICK_RATE = 0.5

logger = logging.getLogger(__name__)

_EMAIL = re.compile(r"\S*@\S*")
# Five digits or more, also in groups split by one space, dot, dash or slash.
_LONG_NUMBER = re.compile(r"\+?\d(?:[ ./-]?\d){4,}")
_SPACE = re.compile(r"\s+")
# One statement that adds a search to the day's row or creates it (PostgreSQL, SQLite).
_UPSERT = (
    'INSERT INTO "catalogue_searchstat" ("day", "query", "searches", "no_results", "clicks") '
    "VALUES (%s, %s, 1, %s, 0) "
    'ON CONFLICT ("day", "query") DO UPDATE SET '
    '"searches" = "catalogue_searchstat"."searches" + 1, '
    '"no_results" = "catalogue_searchstat"."no_results" + excluded."no_results"'
)


# The same on PostgreSQL outside a transaction, as one statement that is its own
# transaction and does not wait for the disk at its commit: a counter need not (a crash
# may lose the last fraction of a second of counts, never corrupt them).
# ``set_config(…, true)`` holds for the statement's own transaction only; one round trip
# instead of four (BEGIN, SET LOCAL, INSERT, COMMIT).
_UPSERT_ASYNC_COMMIT = _UPSERT.replace(
    "VALUES (%s, %s, 1, %s, 0) ",
    "SELECT %s, %s, 1, %s, 0 "
    "FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit ",
)


class SearchStat(models.Model):
    """One day's counts for one normalised search text. No personal data (module
    docstring)."""

    day = models.DateField(_("dag"))
    query = models.CharField(_("søketekst"), max_length=MAX_QUERY_LENGTH)
    searches = models.PositiveIntegerField(_("søk"), default=0)
    no_results = models.PositiveIntegerField(_("søk uten treff"), default=0)
    clicks = models.PositiveIntegerField(_("klikk på et treff"), default=0)

    class Meta:
        app_label = "catalogue"
        verbose_name = _("søkestatistikk")
        verbose_name_plural = _("søkestatistikk")
        constraints = [
            # Also the index of the staff page's reads (day >= …) and of the upsert.
            models.UniqueConstraint(fields=["day", "query"], name="searchstat_day_query_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.query}"


def normalise_query(text: str) -> str:
    """The text as stored: without e-mail addresses and long numbers, lower-case,
    whitespace collapsed, at most MAX_QUERY_LENGTH characters; "" when nothing is left."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(char if char.isprintable() else " " for char in text)
    text = _SPACE.sub(" ", text)  # "12  34  56  78" is a phone number too
    text = _EMAIL.sub(" ", text)
    text = _LONG_NUMBER.sub(" ", text)
    text = _SPACE.sub(" ", text).strip().lower()
    return text[:MAX_QUERY_LENGTH].strip()


def record_search(*, text: str, found_nothing: bool, day: date | None = None) -> bool:
    """Count a search for ``text`` (and whether it found nothing) on ``day`` (today).
    False when the text is empty after normalising: nothing is counted."""
    query = normalise_query(text)
    if not query:
        return False
    values: list[date | str | int] = [day or timezone.localdate(), query, int(found_nothing)]

    def upsert() -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                cursor.execute(_UPSERT_ASYNC_COMMIT, values)
            else:
                cursor.execute(_UPSERT, values)

    transaction.on_commit(lambda: _safely(upsert))
    return True


def record_click(*, text: str, day: date | None = None) -> bool:
    """Count a click on a result of a search for ``text`` on ``day`` (today), if that
    text was counted that day. False when the text is empty after normalising."""
    query = normalise_query(text)
    if not query:
        return False
    rows = SearchStat.objects.filter(day=day or timezone.localdate(), query=query)
    transaction.on_commit(lambda: _safely(lambda: rows.update(clicks=F("clicks") + 1)))
    return True


def _safely(statement: Callable[[], object]) -> None:
    """Run one statement: in a savepoint inside a transaction (a failure must not spoil
    it), on its own in autocommit (one round trip). Errors are logged, not raised."""
    try:
        if connection.in_atomic_block:
            with transaction.atomic():
                statement()
        else:
            statement()
    except DatabaseError as error:
        # The error's text may quote the search text; log its kind only.
        logger.warning("Search statistics not recorded (%s)", type(error).__name__)


def delete_old_stats(*, today: date | None = None) -> int:
    """Delete the rows older than RETENTION_DAYS; the number deleted."""
    cutoff = (today or timezone.localdate()) - timedelta(days=RETENTION_DAYS)
    deleted, _by_model = SearchStat.objects.filter(day__lt=cutoff).delete()
    return deleted


# --- The staff page's reads -----------------------------------------------------------


class QueryRow(TypedDict):
    query: str
    searches: int
    no_results: int
    found: int  # searches that found something
    clicks: int
    click_rate: float  # clicks per search that found something, at most 1


def period(today: date | None = None) -> tuple[date, date]:
    """The first and last day the staff page counts (WINDOW_DAYS days up to today)."""
    last = today or timezone.localdate()
    return last - timedelta(days=WINDOW_DAYS - 1), last


def _totals(today: date | None):
    first, last = period(today)
    return (
        SearchStat.objects.filter(day__range=(first, last))
        .values("query")
        .annotate(
            total_searches=Sum("searches"),
            total_no_results=Sum("no_results"),
            total_clicks=Sum("clicks"),
        )
        .annotate(found=F("total_searches") - F("total_no_results"))
        .filter(total_searches__gte=MIN_SEARCHES_SHOWN)
    )


def _row(values: dict) -> QueryRow:
    found = values["found"]
    clicks = values["total_clicks"]
    return {
        "query": values["query"],
        "searches": values["total_searches"],
        "no_results": values["total_no_results"],
        "found": found,
        "clicks": clicks,
        "click_rate": min(clicks / found, 1.0) if found else 0.0,
    }


def zero_result_queries(*, today: date | None = None) -> list[QueryRow]:
    """The texts that most often found nothing in the period, most first."""
    rows = (
        _totals(today)
        .filter(total_no_results__gt=0)
        .order_by("-total_no_results", "-total_searches", "query")
    )
    return [_row(values) for values in rows[:ROWS]]


def rarely_clicked_queries(*, today: date | None = None) -> list[QueryRow]:
    """The texts that found something at least MIN_SEARCHES_FOR_CLICK_RATE times in the
    period but were followed by a click less often than LOW_CLICK_RATE, lowest rate
    first."""
    rate = Cast("total_clicks", FloatField()) / Cast("found", FloatField())
    rows = (
        _totals(today)
        .filter(found__gte=max(MIN_SEARCHES_FOR_CLICK_RATE, 1))
        .alias(rate=rate)
        .filter(rate__lt=LOW_CLICK_RATE)
        .order_by("rate", "-found", "query")
    )
    return [_row(values) for values in rows[:ROWS]]
