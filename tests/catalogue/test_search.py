"""catalogue.search: what citizens type, found the same way on both backends."""

import pytest
from django.conf import settings
from django.db import connection

from catalogue import search
from catalogue.models import Offer, SearchSynonym
from catalogue.search import compounds, index, text
from tests.catalogue.factories import (
    CategoryFactory,
    DistrictFactory,
    LocationFactory,
    OfferFactory,
    UnitFactory,
)


def found(query: str) -> list[str]:
    return list(
        search.search(Offer.objects.published(), query)
        .order_by("-search_rank", "title")
        .values_list("slug", flat=True)
    )


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Støttekontakt", "stottekontakt"),
        ("PÅRØRENDE", "parorende"),
        ("paarorende", "parorende"),
        ("Strikkekafé", "strikkekafe"),
        ("Ærlig", "aerlig"),
    ],
)
def test_folding_makes_spellings_without_norwegian_letters_equal(typed, folded):
    assert text.fold(typed) == folded


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("dagsenteret", "dagsent"),
        ("dagsentrene", "dagsent"),
        ("dagsenter", "dagsent"),
        ("turgrupper", "turgrupp"),
        ("turgruppa", "turgrupp"),
        ("demens", "demen"),  # never "dem", which would find "dempes"
        ("kor", "kor"),
    ],
)
def test_stem_begins_every_form_of_the_word(word, stem):
    assert text.stem(word) == stem


def test_short_words_match_their_own_forms_only():
    assert "kor" in text.forms("kor")
    assert "koret" in text.forms("kor")
    assert not any(form.endswith("*") for form in text.forms("kor"))


def test_compounds_split_into_dictionary_words():
    words = {"demens", "dagsenter", "dag", "senter", "fritid", "aktivitet", "venn", "besok"}
    known = words.__contains__
    assert compounds.split("demensdagsenter", known) == ("demens", "dagsenter")
    assert compounds.split("fritidsaktiviteter", known) == ("fritid", "aktivitet")
    assert compounds.split("besoksvenn", known) == ("besok", "venn")
    assert compounds.split("demens", known) == ()


@pytest.mark.django_db
def test_symbols_and_stop_words_only_keep_everything():
    OfferFactory.create_batch(2)
    assert len(found("':*&|!()<->\\\" og i på")) == 2


@pytest.mark.django_db
def test_inflected_and_compound_forms_find_the_offer():
    OfferFactory(slug="dagsenter", title="Dagsenter for personer med demens")
    OfferFactory(slug="fritid", title="Fritidsaktiviteter for voksne")
    OfferFactory(slug="annet", title="Strikkekafé")
    for query in ("dagsenter", "dagsenteret", "dagsentrene", "Dagsenter demens", "demensdagsenter"):
        assert found(query)[0] == "dagsenter", query
    assert found("fritid") == ["fritid"]


@pytest.mark.django_db
def test_split_forms_find_a_compound_title():
    OfferFactory(slug="demens", title="Demensdagsenteret Solbakken", description="Hver dag.")
    assert found("dagsenter demens")[0] == "demens"
    assert found("dagsenter for eldre med demens")[0] == "demens"


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
def test_nynorsk_and_bokmal_words_find_each_other():
    OfferFactory(slug="nn", title="Dagtilbod for heimebuande", description="Ein møtestad.")
    OfferFactory(slug="nb", title="Avlastning for pårørende", description="Helg.")
    assert "nn" in found("dagtilbud for hjemmeboende")
    assert "nn" in found("møteplass")
    assert found("avlasting") == ["nb"]
    assert found("pårørande") == ["nb"]


@pytest.mark.django_db
def test_synonyms_and_english_words_from_the_lexicon():
    OfferFactory(slug="basseng", title="Bassengtrening", description="Varmtvann.")
    OfferFactory(slug="strikk", title="Strikkekafé", description="Ta med garn.")
    OfferFactory(slug="data", title="Nettbretthjelp for seniorer", description="iPad og mobil.")
    assert found("svømming") == ["basseng"]
    assert found("knitting") == ["strikk"]
    assert found("håndarbeid") == ["strikk"]
    assert found("PC-hjelp") == ["data"]
    assert "basseng" in found("fysisk aktivitet")


@pytest.mark.django_db
def test_misspellings_are_corrected_and_offered_as_did_you_mean():
    OfferFactory(slug="demens", title="Dagsenter for personer med demens")
    OfferFactory(slug="strikk", title="Strikking og prat")
    OfferFactory(slug="stotte", title="Støttekontakt")
    assert found("demnes") == ["demens"]
    assert found("stirkking") == ["strikk"]
    assert found("dagsneter") == ["demens"]
    assert found("stottekontakt") == ["stotte"]
    assert search.understand("demnes").suggestion == "demens"
    assert search.understand("demens").suggestion == ""


@pytest.mark.django_db
def test_a_natural_question_finds_the_offer():
    OfferFactory(slug="demens", title="Dagsenter for personer med demens")
    OfferFactory(
        slug="moteplass", title="Møteplass for alle", description="Treff andre og få nye venner."
    )
    assert found("noe å gjøre for pappa som har demens") == ["demens"]
    assert found("jeg er ensom og vil treffe folk")[0] == "moteplass"


@pytest.mark.django_db
def test_it_finds_units_categories_and_places():
    unit = UnitFactory(name="Røde Kors Omsorg")
    place = LocationFactory(
        name="Frivillighetshuset", place="Nordby", district=DistrictFactory(name="Sentrum")
    )
    OfferFactory(
        slug="besok",
        unit=unit,
        categories=[CategoryFactory(name="Fysisk aktivitet")],
        locations=[place],
    )
    OfferFactory(slug="annet")
    assert found("røde kors") == ["besok"]
    assert found("fysisk aktivitet") == ["besok"]
    assert found("frivillighetshuset")[0] == "besok"
    assert found("nordby") == ["besok"]
    assert found("sentrum") == ["besok"]


@pytest.mark.django_db
def test_the_index_follows_changes_to_the_offer_and_what_it_shows():
    category = CategoryFactory(name="Kultur")
    offer = OfferFactory(slug="o", title="Sjakk for alle", categories=[category])
    assert found("sjakk") == ["o"]
    offer.title = "Bridge for alle"
    offer.save()
    assert found("sjakk") == []
    category.name = "Musikk og sang"
    category.save()
    assert found("musikk") == ["o"]
    offer.categories.clear()
    assert found("musikk") == []
    offer.delete()
    assert found("bridge") == []


@pytest.mark.django_db
def test_a_batch_indexes_its_offers_once_at_its_end():
    category = CategoryFactory(name="Kultur")
    offer = OfferFactory(slug="o", title="Sjakk for alle")
    with index.batched():
        offer.title = "Bridge for alle"
        offer.save()
        with index.batched():  # an inner block leaves the indexing to the outer one
            offer.categories.set([category])
        assert "bridge" not in Offer.objects.get(pk=offer.pk).search_terms  # not yet
    assert "bridge" in Offer.objects.get(pk=offer.pk).search_terms
    assert found("bridge") == ["o"]
    assert found("kultur") == ["o"]


@pytest.mark.django_db
def test_a_batch_left_by_an_error_indexes_nothing():
    offer = OfferFactory(slug="o", title="Sjakk for alle")
    with pytest.raises(RuntimeError), index.batched():
        offer.title = "Bridge for alle"
        offer.save()
        raise RuntimeError
    assert "bridge" not in Offer.objects.get(pk=offer.pk).search_terms
    offer.save()  # outside a batch: at once
    assert found("bridge") == ["o"]


@pytest.mark.django_db
def test_more_matching_words_rank_higher():
    OfferFactory(slug="a", title="Turgruppe", description="Vi går tur.")
    OfferFactory(slug="b", title="Kor", description="Vi synger.")
    OfferFactory(slug="both", title="Syngende turgruppe", description="Vi går tur og synger.")
    assert found("turgruppe synger")[0] == "both"
    assert set(found("turgruppe synger")) == {"a", "b", "both"}


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
def test_short_words_match_whole_words_and_rank_titles_first():
    OfferFactory(slug="kor", title="Seniorkoret", description="Vi synger.")
    OfferFactory(slug="nn", title="Turlag", description="Kor finn du oss? Ved korridoren.")
    OfferFactory(slug="dempes", title="Stille rom", description="Lyden dempes.")
    assert found("kor") == ["kor", "nn"]
    assert "dempes" not in found("demens")


@pytest.mark.django_db
def test_staff_synonyms_take_effect_at_once():
    OfferFactory(slug="boccia", title="Boccia for seniorer")
    assert found("kulespill") == []
    SearchSynonym.objects.create(terms="boccia, kulespill")
    assert found("kulespill") == ["boccia"]


@pytest.mark.django_db
def test_an_empty_query_keeps_everything():
    OfferFactory.create_batch(2)
    assert len(found("og i på")) == 2


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_search_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'catalogue_offer'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"catalogue_offer_search_vector_gin", "catalogue_offer_title_trgm"} <= names


def test_the_backend_follows_the_settings():
    assert (connection.vendor == "postgresql") == settings.USING_POSTGRES


@pytest.mark.django_db
def test_an_unknown_compound_is_no_search_for_its_parts():
    OfferFactory(slug="plass", title="Dagsenter", description="Vi har ledig plass.")
    assert found("parkeringsplass") == []
    assert found("dagsenterplass") == ["plass"]  # both parts are the catalogue's words
