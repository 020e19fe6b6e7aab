"""List, detail and API pages use a fixed number of queries whatever the catalogue size."""

import pytest

from tests.catalogue.factories import (
    CategoryFactory,
    LanguageFactory,
    OfferFactory,
    OpeningPeriodFactory,
)

pytestmark = pytest.mark.django_db
MAX_QUERIES = 8
# A service carries its schedules, closures and coming events (issue 18): the catalogue's
# version, the count, the offers with their units, and one query each for locations,
# categories, languages, opening periods, exceptions and events.
MAX_SERVICE_QUERIES = 9


def build(count: int):
    category = CategoryFactory()
    language = LanguageFactory()
    offers = OfferFactory.create_batch(count, categories=[category], languages=[language])
    for offer in offers[:3]:
        OpeningPeriodFactory(offer=offer, weekday=3)
    return offers


@pytest.mark.parametrize("count", [5, 200])
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


@pytest.mark.parametrize("count", [5, 200])
def test_the_offer_page_uses_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    offers = build(count)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(offers[0].get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(f"/api/v1/services/{offers[0].uuid}").status_code == 200
