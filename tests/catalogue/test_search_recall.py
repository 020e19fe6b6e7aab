"""Recall of the catalogue search on realistic queries, in bokmål and nynorsk, against
the demo catalogue. Each query lists offers it must find (it may find more).

Recall = found expected offers / all expected offers. The floor is higher on
PostgreSQL (full-text search with the `norwegian` configuration, prefixes, trigrams)
than on the SQLite fallback (light stemming and substring matching).
"""

import pytest
from django.conf import settings

from catalogue import search
from catalogue.models import Offer
from tests.catalogue.search_queries import QUERIES

RECALL_FLOOR = 0.95 if settings.USING_POSTGRES else 0.85


def _found(query: str) -> set[str]:
    return set(search.search(Offer.objects.published(), query).values_list("slug", flat=True))


@pytest.mark.django_db
def test_search_recall_on_realistic_queries(demo_catalogue, capsys):
    assert len(QUERIES) >= 40
    expected_total = 0
    found_total = 0
    misses = []
    for query, expected in QUERIES:
        found = _found(query)
        hit = expected & found
        expected_total += len(expected)
        found_total += len(hit)
        if hit != expected:
            misses.append(f"  {query!r}: missing {sorted(expected - found)}")
    recall = found_total / expected_total
    backend = "PostgreSQL" if settings.USING_POSTGRES else "SQLite fallback"
    with capsys.disabled():
        print(
            f"\nSearch recall ({backend}): {recall:.3f} over {len(QUERIES)} queries, {expected_total} expected hits"
        )
        if misses:
            print("\n".join(misses))
    assert recall >= RECALL_FLOOR, "\n".join(misses)


@pytest.mark.django_db
def test_the_best_match_comes_first(demo_catalogue):
    from django.http import QueryDict

    from catalogue.selectors import search_offers

    for query, slug in [
        ("turgruppe", "turgruppe-seniorer"),
        ("støttekontakt", "stottekontakt"),
        ("strikkekafé", "strikkekafe-vest"),
    ]:
        _filterset, queryset = search_offers(QueryDict(f"q={query}"))
        assert queryset[0].slug == slug, query
