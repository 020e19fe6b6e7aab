"""The search index: for each offer, its words in four fields by weight, folded, with
the parts of its compounds ("Demensdagsenter" → demensdagsenter … demens dagsenter
dag senter), kept in ``Offer.search_terms`` (one line per field) and in the backend's
full-text index:

* A: titles (bokmål, nynorsk, English);
* B: summaries, who it suits (the target group) and category names;
* C: the unit's name and the places (location names, postal towns, districts);
* D: descriptions, easy-to-read texts and how to sign up.

PostgreSQL: ``Offer.search_vector`` (GIN index), built with the ``simple``
configuration from the folded words, weights A-D. SQLite: the FTS5 table
``catalogue_offer_search`` (rowid = offer id; columns a, b, c, d).

Kept current by signals (``catalogue.signals``) when an offer, its categories,
locations or unit change; ``reindex_stale`` (run after every ``migrate``) rebuilds the
offers indexed by an older INDEX_VERSION, so a change to the indexing rules reaches
every offer on the next deploy.
"""

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import QuerySet, Value

from catalogue.search import compounds, dictionary
from catalogue.search.text import words

if TYPE_CHECKING:
    from catalogue.models import Offer

INDEX_VERSION = 1
_FTS_DELETE = "DELETE FROM catalogue_offer_search WHERE rowid = %s"
_FTS_INSERT = "INSERT INTO catalogue_offer_search (rowid, a, b, c, d) VALUES (%s, %s, %s, %s, %s)"
Fields = tuple[str, str, str, str]
SPLIT_MIN = 7  # words shorter than this are not looked at for compounds
LANGUAGES = ("", "_nn", "_en")


def _texts(obj: object, name: str) -> list[str]:
    return [getattr(obj, name + suffix, "") or "" for suffix in LANGUAGES]


def compound_parts(word: str) -> list[str]:
    """The parts of a compound and of its long parts (two levels)."""
    dictionary_words = dictionary.load()
    found: list[str] = []
    for part in compounds.split(
        word, dictionary_words.__contains__, dictionary_words.parts.__contains__
    ):
        found.append(part)
        if len(part) >= SPLIT_MIN:
            found += compounds.split(
                part, dictionary_words.__contains__, dictionary_words.parts.__contains__
            )
    return found


def field_text(texts: Iterable[str]) -> str:
    """The folded words of ``texts`` in order, then the parts of their compounds."""
    tokens = [word for text in texts for word in words(text)]
    parts = [
        part
        for word in dict.fromkeys(tokens)
        if len(word) >= SPLIT_MIN
        for part in compound_parts(word)
    ]
    return " ".join(tokens + parts)


def document(offer: "Offer") -> Fields:
    """The offer's four fields (A, B, C, D). Reads its categories, locations (with
    districts) and unit: prefetch them when indexing many."""
    a = _texts(offer, "title")
    b = _texts(offer, "summary") + _texts(offer, "suits")
    for category in offer.categories.all():
        b += _texts(category, "name")
    c = [offer.unit.name]
    for location in offer.locations.all():
        c += [location.name, location.place, *_texts(location.district, "name")]
    d = _texts(offer, "description") + _texts(offer, "easy_read") + _texts(offer, "signup_text")
    return (field_text(a), field_text(b), field_text(c), field_text(d))


def _write(rows: list[tuple[int, Fields]]) -> None:
    from catalogue.models import Offer

    postgres = connection.vendor == "postgresql"
    for pk, fields in rows:
        update: dict[str, object] = {
            "search_terms": "\n".join(fields),
            "search_index_version": INDEX_VERSION,
        }
        if postgres:
            a, b, c, d = fields
            update["search_vector"] = (
                SearchVector(Value(a), weight="A", config="simple")
                + SearchVector(Value(b), weight="B", config="simple")
                + SearchVector(Value(c), weight="C", config="simple")
                + SearchVector(Value(d), weight="D", config="simple")
            )
        Offer.objects.filter(pk=pk).update(**update)
    if not postgres and rows:
        with connection.cursor() as cursor:
            cursor.executemany(_FTS_DELETE, [(pk,) for pk, _ in rows])
            cursor.executemany(
                _FTS_INSERT,
                [(pk, *fields) for pk, fields in rows],
            )


def reindex(offers: QuerySet) -> int:
    """Index ``offers`` (any queryset of offers); returns how many."""
    from django.db.models import Prefetch

    from catalogue.models import Location

    queryset = offers.select_related("unit").prefetch_related(
        "categories", Prefetch("locations", queryset=Location.objects.select_related("district"))
    )
    count = 0
    batch: list[tuple[int, Fields]] = []
    for offer in queryset.iterator(chunk_size=500):
        batch.append((offer.pk, document(offer)))
        if len(batch) >= 500:
            _write(batch)
            count += len(batch)
            batch = []
    _write(batch)
    return count + len(batch)


_batch = threading.local()


@contextmanager
def batched() -> Iterator[None]:
    """Index the offers changed inside the block once, when it ends, instead of at each
    change: creating an offer with its locations and categories is three changes. Blocks
    nest (the outermost one indexes); a block left by an exception indexes nothing, as
    its transaction is rolled back."""
    if getattr(_batch, "pending", None) is not None:
        yield
        return
    _batch.pending = set()
    try:
        yield
        pending = _batch.pending
    finally:
        _batch.pending = None
    if pending:
        from catalogue.models import Offer

        reindex(Offer.objects.filter(pk__in=pending))


def refresh(offers: QuerySet | Iterable[int]) -> None:
    """Index ``offers`` (a queryset, or offer ids) now, or at the end of the current
    ``batched()`` block."""
    pending = getattr(_batch, "pending", None)
    if pending is not None:
        pending.update(
            offers.values_list("pk", flat=True) if isinstance(offers, QuerySet) else offers
        )
        return
    if not isinstance(offers, QuerySet):
        from catalogue.models import Offer

        offers = Offer.objects.filter(pk__in=list(offers))
    reindex(offers)


def forget(pk: int) -> None:
    """Remove a deleted offer from the SQLite index (PostgreSQL's goes with the row)."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_FTS_DELETE, [pk])


def reindex_stale() -> int:
    from catalogue.models import Offer

    return reindex(Offer.objects.exclude(search_index_version=INDEX_VERSION))
