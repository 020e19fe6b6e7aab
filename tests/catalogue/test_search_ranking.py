"""catalogue.search.ranking: the plan matched and ranked in Python over the in-memory
index of the published offers gives what the full-text SQL gave, and the index follows
the catalogue."""

import pytest
from django.db import connection
from django.db.models import F
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from catalogue import page_cache, search, selectors
from catalogue.models import Offer
from catalogue.search import backends, index, ranking
from tests.catalogue.factories import CategoryFactory, LocationFactory, OfferFactory

pytestmark = pytest.mark.django_db

QUERIES = [
    "strikking",
    "strikkekafe",
    "kor",
    "dagsenter demens",
    "demensdagsenter",
    "demnes",
    "fysisk aktivitet",
    "trim",
    "tur i skogen",
    "bassengtrening for eldre",
    "noe å gjøre for pappa som har demens",
    "sentrum",
    "kultur",
    "xyzzy",
]


def catalogue() -> None:
    culture = CategoryFactory(name="Kultur og musikk")
    sport = CategoryFactory(name="Fysisk aktivitet")
    OfferFactory(slug="kor", title="Seniorkoret", description="Vi synger i kor.")
    OfferFactory(slug="kor-nn", title="Turlag", description="Kor finn du oss?")
    OfferFactory(slug="strikk", title="Strikkekafé", summary="Strikking og prat.")
    OfferFactory(slug="garn", title="Håndarbeid", description="Vi strikker og hekler.")
    OfferFactory(slug="demens", title="Dagsenter for personer med demens", categories=[culture])
    OfferFactory(slug="dagsenter", title="Dagsenteret", description="Tilbud for eldre.")
    OfferFactory(
        slug="trim",
        title="Seniortrim",
        description="Fysisk aktivitet for alle, også bassengtrening.",
        categories=[sport],
    )
    OfferFactory(slug="aktiv", title="Aktivitet og fysisk trening", categories=[sport])
    OfferFactory(
        slug="tur",
        title="Turgruppe",
        description="Tur i skogen hver uke.",
        locations=[LocationFactory(name="Sentrum bibliotek", place="Sentrum")],
    )
    OfferFactory(slug="utkast", title="Strikking for viderekomne", draft=True)


def sql_order(query: str) -> list[tuple[int, float]]:
    plan = search.understand(query)
    rows = backends.apply_sql(Offer.objects.published(), plan)
    ordered = rows.order_by(F("search_rank").desc(), "title", "pk")
    return [(pk, round(rank, 6)) for pk, rank in ordered.values_list("pk", "search_rank")]


@pytest.mark.parametrize("query", QUERIES)
def test_python_ranking_gives_the_offers_and_order_of_the_full_text_sql(query):
    catalogue()
    expected = sql_order(query)
    ranked = search.ranked_ids(query)
    assert ranked is not None
    assert list(ranked) == [pk for pk, _ in expected]
    # search() hands the same ranks to the database (the brochure and the API use it).
    via_sql = search.search(Offer.objects.published(), query).order_by(
        F("search_rank").desc(), "title", "pk"
    )
    assert [(pk, round(rank, 6)) for pk, rank in via_sql.values_list("pk", "search_rank")] == (
        expected
    )


def test_a_phrase_matches_only_words_that_follow_each_other_in_one_field():
    index = ranking.Index(
        [
            (1, "fysisk aktivitet\n\n\n"),
            (2, "aktivitet\n\nfysisk\n"),
            (3, "aktivitet fysisk\n\n\n"),
            (4, "\n\n\nmye fysisk aktiviteter"),
        ]
    )
    phrase = (("fysisk",), ("aktivit*",))
    fields, covered = index.pattern(phrase, together=False)
    assert ranking.places(covered) == [0, 3]
    assert ranking.places(fields[0]) == [0]
    assert ranking.places(fields[3]) == [3]
    # The words typed: each in the field (the title), and each anywhere (covered).
    fields, covered = index.pattern(phrase, together=True)
    assert ranking.places(fields[0]) == [0, 2]
    assert ranking.places(covered) == [0, 1, 2, 3]


def test_an_unpublished_offer_never_appears():
    OfferFactory(slug="open", title="Strikkekafé")
    draft = OfferFactory(slug="draft", title="Strikkekafé for alle", draft=True)
    archived = OfferFactory(slug="old", title="Strikking", archived=True)
    slugs = Offer.objects.in_bulk(list(search.ranked_ids("strikking") or ())).values()
    assert [offer.slug for offer in slugs] == ["open"]
    # Published, then withdrawn: the next search knows at once.
    draft.status = Offer.Status.PUBLISHED
    draft.save()
    assert len(search.ranked_ids("strikking") or ()) == 2
    draft.status = Offer.Status.DRAFT
    draft.save()
    page = selectors.search_page(QueryDict("q=strikking"), per_page=20)[1]
    assert [offer.pk for offer in page.object_list] == [Offer.objects.get(slug="open").pk]
    assert page.paginator.count == 1
    assert archived.pk not in list(search.ranked_ids("strikking") or ())


def test_an_edited_offer_is_found_by_its_new_words_only():
    offer = OfferFactory(slug="o", title="Sjakk for alle")
    assert len(search.ranked_ids("sjakk") or ()) == 1
    offer.title = "Bridge for alle"
    offer.save()
    assert len(search.ranked_ids("sjakk") or ()) == 0
    assert list(search.ranked_ids("bridge") or ()) == [offer.pk]


def test_a_stale_index_entry_is_rebuilt_and_read_again():
    offer = OfferFactory(slug="o", title="Sjakk for alle")
    # An offer indexed under an older INDEX_VERSION (as after a deploy changing the
    # rules): migrate's reindex_stale rebuilds its terms, and the search reads them.
    Offer.objects.filter(pk=offer.pk).update(search_terms="", search_index_version=0)
    page_cache.bump()
    assert len(search.ranked_ids("sjakk") or ()) == 0
    assert index.reindex_stale() == 1
    page_cache.bump()
    assert list(search.ranked_ids("sjakk") or ()) == [offer.pk]


def test_the_page_of_a_search_with_a_filter_keeps_only_what_the_filter_keeps():
    category = CategoryFactory(name="Håndarbeid", slug="handarbeid")
    kept = OfferFactory(slug="kept", title="Strikking", categories=[category])
    OfferFactory(slug="other", title="Strikkekafé")
    filterset, page = selectors.search_page(
        QueryDict("q=strikking&kategori=handarbeid"), per_page=20
    )
    assert [offer.pk for offer in page.object_list] == [kept.pk]
    assert page.paginator.count == 1


def test_ranked_ids_count_and_slice_across_rank_classes():
    index = ranking.Index([(10, "a\n\n\n"), (11, "b\n\n\n"), (12, "a b\n\n\n"), (13, "c\n\n\n")])
    ranked = ranking.Ranked(index, [(3.0, 0b0100), (1.0, 0b0011)])
    assert len(ranked) == 3
    assert list(ranked) == [12, 10, 11]
    assert ranked[1:3] == [10, 11]
    assert ranked[0] == 12
    assert ranked[-1] == 11
    assert ranked[5:9] == []
    assert list(ranked.keep(index.bitmap_of([11, 12, 99]))) == [12, 11]
    assert ranking.places(0b1010_0001) == [0, 5, 7]


def kept_id_queries(url_params: str) -> int:
    """How many times the page of ``url_params`` asked which offers its filters keep."""
    with CaptureQueriesContext(connection) as queries:
        selectors.search_page(QueryDict(url_params), per_page=20)
    return sum(
        q["sql"].startswith('SELECT "catalogue_offer"."id" AS "pk" FROM "catalogue_offer" WHERE')
        for q in queries.captured_queries
    )


def test_the_offers_a_set_of_filters_keeps_are_read_once_for_a_while(monkeypatch):
    category = CategoryFactory(name="Håndarbeid", slug="handarbeid")
    kept = OfferFactory(slug="kept", title="Strikking og hekling", categories=[category])
    OfferFactory(slug="other", title="Strikkekafé og hekling")

    def page_ids(url_params: str) -> list[int]:
        return [
            offer.pk
            for offer in selectors.search_page(QueryDict(url_params), per_page=20)[1].object_list
        ]

    assert kept_id_queries("q=strikking&kategori=handarbeid") == 1
    # Another search with the same filters (in another order): not asked again.
    assert kept_id_queries("q=hekling&kategori=handarbeid&sortering=relevans") == 0
    assert page_ids("q=hekling&kategori=handarbeid") == [kept.pk]
    # Other filters are other sets.
    assert kept_id_queries("q=hekling&kategori=handarbeid&gratis=1") == 1
    # After KEPT_SECONDS the filters are asked again.
    now = ranking._clock()
    monkeypatch.setattr(ranking, "_clock", lambda: now + ranking.KEPT_SECONDS + 1)
    assert kept_id_queries("q=hekling&kategori=handarbeid") == 1


def test_a_change_to_the_catalogue_shows_at_once_in_a_filtered_search():
    category = CategoryFactory(name="Håndarbeid", slug="handarbeid")
    kept = OfferFactory(slug="kept", title="Strikking", categories=[category])
    other = OfferFactory(slug="other", title="Strikkekafé")
    assert kept_id_queries("q=strikking&kategori=handarbeid") == 1
    other.categories.add(category)  # a new version of the catalogue, a new index
    page = selectors.search_page(QueryDict("q=strikking&kategori=handarbeid"), per_page=20)[1]
    assert sorted(offer.pk for offer in page.object_list) == sorted([kept.pk, other.pk])
