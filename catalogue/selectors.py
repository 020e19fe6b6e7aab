"""Reads of the catalogue that views, the PDF brochure, the guide and the API share.

Everything a citizen sees starts from ``Offer.objects.published()``.
"""

import datetime
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import holidays
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    F,
    Prefetch,
    Q,
    QuerySet,
    Value,
    prefetch_related_objects,
)
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language

from catalogue.models import (
    AccessibilityFeature,
    Category,
    District,
    Event,
    Language,
    Location,
    Offer,
    OfferQuerySet,
    OpeningPeriod,
    ScheduleException,
    TaxonomyTerm,
    Weekday,
)
from portal.translated import TranslatedText

if TYPE_CHECKING:
    from catalogue.filters import OfferFilter

TAXONOMIES: dict[str, type[TaxonomyTerm]] = {
    "category": Category,
    "district": District,
    "accessibility": AccessibilityFeature,
    "language": Language,
}


def taxonomy_choices() -> dict[str, list[tuple[str, str]]]:
    """All four configurable lists as (slug, label in the active language), read in a
    single query (UNION ALL)."""
    querysets = [
        model._default_manager.order_by()
        .annotate(kind=Value(kind, output_field=CharField()))
        .values_list("kind", "slug", "name", "name_nn", "name_en", "position")
        for kind, model in TAXONOMIES.items()
    ]
    rows = querysets[0].union(*querysets[1:], all=True)
    language = (get_language() or "nb")[:2]
    column = {"nn": 3, "en": 4}.get(language)
    result: dict[str, list] = {kind: [] for kind in TAXONOMIES}
    for row in sorted(rows, key=lambda r: (r[5], r[2])):
        translated = row[column] if column else ""
        # A term without a name in the reader's language shows its bokmål name, marked
        # (TranslatedText.fallback) so its checkbox label gets lang="nb".
        label = TranslatedText(str(translated or row[2]), fallback=bool(column) and not translated)
        result[row[0]].append((row[1], label))
    return result


# language → (this process's page-cache generation, _clock() when read, the choices)
_recent_choices: dict[str, tuple[str, float, dict[str, list[tuple[str, str]]]]] = {}
_clock = time.monotonic  # tests move it on
RECENT_CHOICES_SECONDS = 1.0


def recent_taxonomy_choices(generation: str) -> dict[str, list[tuple[str, str]]]:
    """``taxonomy_choices()`` read at most once a second per process and language, and
    at once when ``generation`` (catalogue.page_cache's, replaced by every saved term in
    this process; in every process with Redis) has changed: the list's filter form on
    every search, without a query each time. A term renamed in another process shows
    within the second."""
    language = (get_language() or "nb")[:2]
    found = _recent_choices.get(language)
    now = _clock()
    if found is not None and found[0] == generation and now - found[1] < RECENT_CHOICES_SECONDS:
        return found[2]
    choices = taxonomy_choices()
    _recent_choices[language] = (generation, now, choices)
    return choices


def catalogue_version() -> str:
    """Changes whenever an offer is created, saved (published, archived, edited; the
    admin and the staff pages save the offer with its schedule) or deleted. One cheap
    query; used in the API's cache keys on every request, and by the public pages'
    cache (catalogue.page_cache.list_version) at most once a second per process."""
    # Three scalar subqueries so each gets its own plan: two index look-ups and an
    # index-only count (a combined aggregate would scan the table).
    table = connection.ops.quote_name(Offer._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT max(updated_at) FROM {table}), (SELECT max(id) FROM {table}),"  # noqa: S608 - no input
            f" (SELECT count(*) FROM {table})"
        )
        changed, last, count = cursor.fetchone()
    return f"{count}:{last}:{changed}"


# What a result card (catalogue.cards.card_html) reads of an offer's row, and
# ``updated_at`` for catalogue.cards' key. A field missing here is read with one query
# per card (tests/catalogue/test_query_counts.py would fail).
CARD_FIELDS = (
    "title",
    "title_nn",
    "title_en",
    "summary",
    "summary_nn",
    "summary_en",
    "slug",
    "participation",
    "cost",
    "transport_offered",
    "meals_offered",
    "counts_as_relief",
    "places_available",
    "updated_at",
    "unit__name",
)


def card_queryset() -> QuerySet:
    """Published offers with what a result card shows of the offer's own row and its
    unit's name, nothing else (an offer's row is wide: descriptions, texts in three
    languages, the search vector). ``prefetch_cards`` loads the rest for the cards
    that are not rendered yet."""
    return Offer.objects.published().select_related("unit").only(*CARD_FIELDS)


def card_prefetches() -> list[Prefetch]:
    """What a result card shows besides the offer and its unit: the locations' districts
    and the weekdays of the opening periods."""
    return [
        Prefetch("locations", queryset=Location.objects.select_related("district")),
        Prefetch("opening_periods", queryset=OpeningPeriod.objects.order_by("weekday", "opens")),
    ]


def prefetch_cards(offers: list[Offer]) -> None:
    """Load what the cards of ``offers`` show onto them, in a fixed number of queries."""
    prefetch_related_objects(offers, *card_prefetches())


def list_queryset() -> QuerySet:
    """Published offers (whole rows) with what a result card shows and their
    categories, in a fixed number of queries."""
    return (
        Offer.objects.published()
        .select_related("unit")
        .prefetch_related(*card_prefetches(), "categories")
    )


def search_offers(
    params: QueryDict,
    *,
    queryset: QuerySet | None = None,
    choices: dict[str, list[tuple[str, str]]] | None = None,
) -> tuple["OfferFilter", OfferQuerySet]:
    """The catalogue filtered, searched and sorted by GET parameters (see
    catalogue.filters for their names). Used by /tilbud/ and the PDF brochure.

    Returns the filterset (its ``form``, ``ignored`` values and ``active_filters()``)
    and the ordered queryset of published offers (``queryset``, by default
    ``list_queryset()``). ``choices``: the taxonomies' choices when the caller has
    them (``recent_taxonomy_choices``), else they are read. Never raises on bad input.
    """
    from catalogue.filters import OfferFilter

    filterset = OfferFilter(
        params, queryset=list_queryset() if queryset is None else queryset, choices=choices
    )
    return filterset, _sorted(filterset)


def _sorted(filterset: "OfferFilter") -> OfferQuerySet:
    """The filter set's offers in the order it asks for."""
    from catalogue.filters import SORT_NAME, SORT_UPDATED

    found = filterset.qs
    sort = filterset.sort
    if sort == SORT_UPDATED:
        found = found.order_by("-updated_at", "title")
    elif sort == SORT_NAME or "search_rank" not in found.query.annotations:
        found = found.order_by("title", "pk")
    else:
        found = found.order_by(F("search_rank").desc(nulls_last=True), "title", "pk")
    return found


def search_page(
    params: QueryDict, *, per_page: int, choices: dict[str, list[tuple[str, str]]] | None = None
) -> tuple["OfferFilter", Page]:
    """The filterset and the page of results of /tilbud/ for ``params`` (their ``side``
    is the page number). The page's offers are, for a search ranked in Python, what its
    index knows of them (``CardStamp``), else their rows as cards show them
    (``card_queryset``): either is what ``catalogue.cards.render_cards`` takes."""
    from catalogue.filters import SORT_RELEVANCE, OfferFilter
    from catalogue.search import ranked_ids

    filterset = OfferFilter(params, queryset=Offer.objects.published(), choices=choices)
    ids = None
    if filterset.query and filterset.sort == SORT_RELEVANCE:
        # Ranked in Python (catalogue.search.ranking); the database is asked only which
        # offers the other filters keep (handing it thousands of matches cost more).
        ids = ranked_ids(filterset.query)
        filters = filterset.filter_key()
        if ids is not None and filters:
            kept = ids.source.kept(
                filters,
                lambda: filterset.without_search().order_by().values_list("pk", flat=True),
            )
            ids = ids.keep(kept)
    if ids is not None:
        # Ranked in Python: the page needs no query (the filter set's own queryset, the
        # search as SQL, is never built). Its offers are what the index knows of them;
        # catalogue.cards reads the rows of the cards it has not kept.
        page: Page = Paginator(ids, per_page).get_page(params.get("side"))
        updated = ids.source.updated
        page.object_list = [CardStamp(pk, updated[pk]) for pk in page.object_list]
        return filterset, page
    page = result_page(_sorted(filterset), params.get("side"), per_page, rows=card_queryset())
    return filterset, page


@dataclass(frozen=True)
class CardStamp:
    """An offer on a page of search results, as the search's index knows it (read with
    the index, per version of the catalogue): what catalogue.cards keeps its card under.
    Its row is read only if its card is not kept."""

    pk: int
    updated_at: datetime.datetime


# Up to this many matches are listed by id to count them; a search that finds more is
# counted by the database.
MAX_LISTED_MATCHES = 10_000


def result_page(
    found: QuerySet,
    number: str | None,
    per_page: int,
    *,
    rows: QuerySet,
) -> Page:
    """What ``Paginator(found, per_page).get_page(number)`` gives, with the page's
    objects read from ``rows`` by pk.

    Finding the matches is most of the cost of a list that is not a search ranked in
    Python (``search_page``), and counting them cost as much again. One query lists the
    ids of all matches in order (up to MAX_LISTED_MATCHES): their number is the count,
    and the page's slice of them says which offers to read."""
    # With the annotations the order may use (the search rank): a constant rank would
    # otherwise be written into ORDER BY, which PostgreSQL refuses.
    listing = found.values_list("pk", *found.query.annotation_select)
    listed = [row[0] for row in listing[: MAX_LISTED_MATCHES + 1]]
    if len(listed) <= MAX_LISTED_MATCHES:
        page = Paginator(listed, per_page).get_page(number)
        page_ids = list(page.object_list)
    else:
        page = Paginator(listing, per_page).get_page(number)
        page_ids = [row[0] for row in page.object_list]
    by_pk = rows.in_bulk(page_ids)
    # An offer unpublished between the two queries is left out.
    page.object_list = [by_pk[pk] for pk in page_ids if pk in by_pk]
    return page


# (list version, categories with published offers, annotated with offer_count)
_category_counts: tuple[str, list[Category]] = ("", [])


def _categories_with_offers() -> list[Category]:
    """The categories that have published offers, with their number; read once per
    version of the catalogue in each process (a search that finds nothing shows them)."""
    global _category_counts
    from catalogue import page_cache

    version = page_cache.list_version()
    if _category_counts[0] != version:
        categories: list[Category] = list(
            Category.objects.annotate(
                offer_count=Count("offers", filter=Q(offers__status=Offer.Status.PUBLISHED))
            ).filter(offer_count__gt=0)
        )
        _category_counts = (version, categories)
    return _category_counts[1]


def search_help(text: str, *, found: int, keep: QueryDict) -> dict[str, object]:
    """What the list shows around a search: the query with its misspellings corrected
    ("did you mean", with a link keeping the other filters) and, when nothing was
    found, the nearest categories, the guide and the municipality's phone number."""
    from catalogue.search import suggestions, understand

    if not text:
        return {}
    plan = understand(text)
    context: dict[str, object] = {"search_text": text}
    if plan.suggestion:
        corrected = keep.copy()
        corrected["q"] = plan.suggestion
        context["suggestion"] = plan.suggestion
        context["suggestion_query"] = corrected.urlencode()
    if not found:
        context["nearest_categories"] = suggestions.nearest_categories(
            text, _categories_with_offers()
        )
        context["contact_phone"] = settings.MUNICIPALITY_CONTACT_PHONE
    return context


def published_offer_row(slug: str) -> Offer:
    """The published offer with its unit and service type, nothing else (one query);
    404 for drafts, archived and unknown offers."""
    offer = (
        Offer.objects.published().select_related("unit", "service_type").filter(slug=slug).first()
    )
    if offer is None:
        raise Http404("No such published offer")
    return offer


def prefetch_offer_page(offer: Offer) -> Offer:
    """Load everything the offer page shows onto ``offer`` in a fixed number of queries:
    locations (with district and accessibility), categories, languages, opening
    periods, the coming year's exceptions (``upcoming_exceptions``) and future events
    (``upcoming_events``)."""
    today = timezone.localdate()
    prefetch_related_objects(
        [offer],
        Prefetch(
            "locations",
            queryset=Location.objects.select_related("district").prefetch_related("accessibility"),
        ),
        "categories",
        "languages",
        Prefetch("opening_periods", queryset=OpeningPeriod.objects.select_related("location")),
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
    return offer


def current_slug(former: str) -> str | None:
    """The slug of the published offer that once had the slug ``former``, if any."""
    return (
        Offer.objects.published()
        .filter(former_slugs__slug=former)
        .values_list("slug", flat=True)
        .first()
    )


def get_published_offer(slug: str) -> Offer:
    """One published offer with everything its page shows (404 for drafts and
    archived offers)."""
    return prefetch_offer_page(published_offer_row(slug))


# --- Schedules -------------------------------------------------------------------


@lru_cache(maxsize=16)
def _norwegian_holidays(year: int, language: str) -> dict[datetime.date, str]:
    return dict(holidays.Norway(years=year, language=language, include_sundays=False))


def public_holidays(start: datetime.date, end: datetime.date) -> dict[datetime.date, str]:
    """Norwegian public holidays (helligdager) between start and end inclusive."""
    found = {}
    language = "en_US" if (get_language() or "nb")[:2] == "en" else "no"
    for year in range(start.year, end.year + 1):
        for day, name in _norwegian_holidays(year, language).items():
            if start <= day <= end:
                found[day] = name
    return dict(sorted(found.items()))


@dataclass
class ScheduleDay:
    weekday: int
    label: str | Promise
    periods: list = field(default_factory=list)


def week_schedule(offer: Offer, today: datetime.date | None = None) -> list[ScheduleDay]:
    """Monday to Sunday with the periods in force ``today`` (or starting later)."""
    today = today or timezone.localdate()
    days = [ScheduleDay(weekday=value, label=label) for value, label in Weekday.choices]
    for period in offer.opening_periods.all():
        if period.valid_until and period.valid_until < today:
            continue
        days[period.weekday].periods.append(period)
    for day in days:
        day.periods.sort(key=lambda p: p.opens)
    return days


@dataclass
class Closure:
    date: datetime.date
    note: str
    closed: bool = True
    opens: datetime.time | None = None
    closes: datetime.time | None = None
    holiday: bool = False


def upcoming_closures(
    offer: Offer, today: datetime.date | None = None, days: int = 120
) -> list[Closure]:
    """Exceptions and (if the offer closes on them) public holidays falling on a day
    the offer is otherwise open, in the coming ``days``. Uses ``upcoming_exceptions``
    from get_published_offer when present."""
    today = today or timezone.localdate()
    end = today + datetime.timedelta(days=days)
    exceptions = getattr(offer, "upcoming_exceptions", None)
    if exceptions is None:
        exceptions = offer.schedule_exceptions.all()
    result = {
        e.date: Closure(
            date=e.date, note=e.tr("note"), closed=e.closed, opens=e.opens, closes=e.closes
        )
        for e in exceptions
        if today <= e.date <= end
    }
    if offer.closed_on_public_holidays:
        open_weekdays = {p.weekday for p in offer.opening_periods.all()}
        for day, name in public_holidays(today, end).items():
            if day.weekday() in open_weekdays and day not in result:
                result[day] = Closure(date=day, note=name, holiday=True)
    return [result[d] for d in sorted(result)]
