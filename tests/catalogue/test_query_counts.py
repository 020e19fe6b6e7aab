"""List, detail and API pages use a fixed number of queries whatever the catalogue size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue import selectors
from tests.catalogue.factories import (
    CategoryFactory,
    LanguageFactory,
    OfferFactory,
    OpeningPeriodFactory,
)

pytestmark = pytest.mark.django_db
# A catalogue of a few offers and one of several pages of them (the list shows 20 a
# page, the API up to 100): a query per offer would show as a difference.
SIZES = [5, 120]
MAX_QUERIES = 8
# A search on /tilbud/ once the process has read the taxonomies and the catalogue's
# version (each at most once a second): the search engine's own queries (catalogue.search,
# at most two), the ids of the matches in order (their number is the count), the page's
# offers with their units, and the locations and opening periods of the cards not kept
# yet (catalogue.cards).
MAX_SEARCH_QUERIES = 6
# The offer page, rendered (not from the cache): the offer's row, one query each for
# locations, their accessibility, categories, languages, opening periods, exceptions and
# events, the half-year's feedback in one aggregate (catalogue.feedback, issue 16), and
# the next sessions with their places taken and waiting (catalogue.participation, one).
MAX_OFFER_PAGE_QUERIES = 10
# A service carries its schedules, closures, coming events (issue 18) and coming sessions
# with their places (issue 16): the catalogue's version, the count, the offers with their
# units, and one query each for locations, categories, languages, opening periods,
# exceptions, events and sessions.
MAX_SERVICE_QUERIES = 10


def build(count: int):
    category = CategoryFactory()
    language = LanguageFactory()
    offers = OfferFactory.create_batch(count, categories=[category], languages=[language])
    for offer in offers[:3]:
        OpeningPeriodFactory(offer=offer, weekday=3)
    return offers


@pytest.mark.parametrize("count", SIZES)
@pytest.mark.parametrize(
    "url",
    [
        "/tilbud/",
        "/tilbud/?dag=tirsdag&transport=1&gratis=1&kategori=x",
        "/tilbud/?q=aktivitet&sortering=relevans",
        "/api/v1/services/?per_page=100",
        "/api/v1/locations/",
        "/api/v1/organizations/",
        "/api/v1/schedules/",
    ],
)
def test_list_pages_use_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count, url
):
    build(count)
    limit = MAX_SERVICE_QUERIES if url.startswith("/api/v1/services") else MAX_QUERIES
    # The search reads the catalogue's vocabulary and the lexicon once per version of
    # the catalogue (catalogue.search.vocabulary): a first, different search does that.
    client.get("/tilbud/?q=en+annen+sak")
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", SIZES)
def test_the_offer_page_uses_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    offers = build(count)
    with django_assert_max_num_queries(MAX_OFFER_PAGE_QUERIES):
        assert client.get(offers[0].get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(MAX_SERVICE_QUERIES):
        assert client.get(f"/api/v1/services/{offers[0].uuid}").status_code == 200


def count_queries(captured) -> int:
    return sum("COUNT(*)" in query["sql"] for query in captured)


@pytest.mark.parametrize("count", SIZES)
def test_every_new_search_uses_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    build(count)
    client.get("/tilbud/?q=aktivitet")
    for url in [
        "/tilbud/?q=aktivitet&dag=onsdag",
        "/tilbud/?q=aktivitet+selskap&kategori=x",
        "/tilbud/?q=finnesikke",
        "/tilbud/?q=aktivitet&side=2",
        "/tilbud/?q=aktivitet&side=999",
        "/tilbud/?transport=1&sortering=navn",
    ]:
        with django_assert_max_num_queries(MAX_SEARCH_QUERIES):
            assert client.get(url).status_code == 200


def test_the_matches_are_counted_from_the_list_of_their_ids(client):
    build(25)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/tilbud/?sortering=navn").content.decode()
    assert count_queries(queries.captured_queries) == 0
    assert "25 tilbud" in html
    assert "side=2" in html
    second = client.get("/tilbud/?sortering=navn&side=2")
    assert len(second.context["offers"]) == 5


def test_a_search_that_finds_very_many_is_counted_by_the_database(client, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_LISTED_MATCHES", 3)
    build(25)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tilbud/?sortering=navn&side=2")
    assert count_queries(queries.captured_queries) == 1
    assert "25 tilbud" in response.content.decode()
    assert len(response.context["offers"]) == 5
