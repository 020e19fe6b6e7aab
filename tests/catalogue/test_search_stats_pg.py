"""On PostgreSQL outside a transaction (as a request runs), a counted search is one
statement that commits without waiting for the disk, for that statement only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue import search_stats
from catalogue.search_stats import SearchStat

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_search_is_counted_in_one_statement_that_leaves_the_session_as_it_was():
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO on")
    assert not connection.in_atomic_block
    with CaptureQueriesContext(connection) as queries:
        search_stats.record_search(text="Strikking", found_nothing=False)
        search_stats.record_search(text="strikking", found_nothing=True)
    assert [query["sql"].split()[0] for query in queries.captured_queries] == ["INSERT"] * 2
    assert "set_config('synchronous_commit', 'off', true)" in queries.captured_queries[0]["sql"]
    row = SearchStat.objects.get(query="strikking")
    assert (row.searches, row.no_results, row.clicks) == (2, 1, 0)
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
