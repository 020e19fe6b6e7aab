"""catalogue.search: Norwegian-aware free text on both backends."""

import pytest
from django.conf import settings
from django.db import connection

from catalogue import search
from catalogue.models import Offer
from tests.catalogue.factories import OfferFactory, UnitFactory


def found(query: str) -> list[str]:
    return list(
        search.search(Offer.objects.published(), query)
        .order_by("-search_rank", "title")
        .values_list("slug", flat=True)
    )


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("dagsenteret", "dagsenter"),
        ("dagsentrene", "dagsent"),
        ("turgrupper", "turgrupp"),
        ("turgruppa", "turgrupp"),
        ("fritidsaktivitetar", "fritidsaktivitet"),
        ("kor", "kor"),
    ],
)
def test_stem_strips_norwegian_endings(word, stem):
    assert search.stem(word) == stem


def test_terms_drop_stop_words_and_punctuation():
    assert search.terms("Dagsenter for personer med demens!") == ["dagsenter", "personer", "demens"]
    assert search.terms("  ") == []
    assert search.terms("Strikkekafé") == ["strikkekafe"]


def test_tsquery_text_is_safe_for_any_input():
    assert search.tsquery_text(search.terms("':*&|!()<->\\")) == ""
    assert search.tsquery_text(["dagsentrene"]) == "(dagsentrene:* | dagsent:*)"


@pytest.mark.django_db
def test_inflected_and_compound_forms_find_the_offer():
    OfferFactory(slug="dagsenter", title="Dagsenter for personer med demens")
    OfferFactory(slug="fritid", title="Fritidsaktiviteter for voksne")
    OfferFactory(slug="annet", title="Strikkekafé")
    for query in ("dagsenter", "dagsenteret", "dagsentrene", "Dagsenter demens"):
        assert found(query) == ["dagsenter"], query
    assert found("fritid") == ["fritid"]


@pytest.mark.django_db
def test_it_searches_nynorsk_and_english_titles():
    OfferFactory(
        slug="tur",
        title="Turgruppe for seniorer",
        title_nn="Turgruppe for seniorar",
        title_en="Walking group",
    )
    assert found("seniorar") == ["tur"]
    assert found("walking") == ["tur"]


@pytest.mark.django_db
def test_it_finds_the_unit_name():
    OfferFactory(slug="besok", unit=UnitFactory(name="Røde Kors Omsorg"))
    assert found("røde kors") == ["besok"]


@pytest.mark.django_db
def test_every_word_must_match():
    OfferFactory(slug="a", title="Turgruppe", description="Vi går tur.")
    OfferFactory(slug="b", title="Kor", description="Vi synger.")
    assert found("turgruppe synger") == []


@pytest.mark.django_db
def test_title_ranks_above_description():
    OfferFactory(
        slug="in-description",
        title="Møteplass",
        summary="Et sted å være.",
        description="Vi har også strikking.",
    )
    OfferFactory(
        slug="in-title",
        title="Strikking og prat",
        summary="Et sted å være.",
        description="Ta med garn.",
    )
    assert found("strikking") == ["in-title", "in-description"]


@pytest.mark.django_db
def test_an_empty_query_keeps_everything():
    OfferFactory.create_batch(2)
    assert len(found("og i på")) == 2


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_search_vector_is_kept_current_by_the_database():
    offer = OfferFactory(title="Seniordans")
    offer.refresh_from_db()
    assert "seniorda" in str(offer.search_vector)
    Offer.objects.filter(pk=offer.pk).update(title="Bassengtrening")  # bulk update, no save()
    offer.refresh_from_db()
    assert "bassengtrening" in str(offer.search_vector)
    assert "seniorda" not in str(offer.search_vector)


@pytest.mark.postgres
@pytest.mark.django_db
def test_trigram_similarity_tolerates_misspellings():
    OfferFactory(slug="strikk", title="Strikkekafé på biblioteket")
    assert found("strikkekaffe") == ["strikk"]


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_search_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'catalogue_offer'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"catalogue_offer_search_vector_gin", "catalogue_offer_title_trgm"} <= names


def test_the_backend_follows_the_settings():
    assert (connection.vendor == "postgresql") == settings.USING_POSTGRES
