"""The list page around a search: "did you mean", and what it says when nothing fits."""

import pytest
from django.test import override_settings

from catalogue.models import SearchSynonym
from tests.catalogue.factories import CategoryFactory, OfferFactory

pytestmark = pytest.mark.django_db


def test_a_corrected_search_shows_results_and_says_what_it_searched_for(client):
    OfferFactory(slug="demens", title="Dagsenter for personer med demens")
    page = client.get("/tilbud/?q=demnes").content.decode()
    assert "/tilbud/demens/" in page
    assert "Du søkte på «demnes»." in page
    assert "Mente du «demens»?" in page
    # The link to the corrected search keeps the other filters.
    page = client.get("/tilbud/?q=demnes&dag=mandag").content.decode()
    assert 'href="?dag=mandag&amp;q=demens"' in page


@override_settings(MUNICIPALITY_CONTACT_PHONE="11 22 33 44")
def test_nothing_found_offers_categories_the_guide_and_a_phone_number(client):
    activity = CategoryFactory(name="Fysisk aktivitet", slug="fysisk-aktivitet")
    CategoryFactory(name="Kultur", slug="kultur")
    OfferFactory(title="Stolgym", categories=[activity])
    page = client.get("/tilbud/?q=parkeringsplass").content.decode()
    assert "Vi fant ingen tilbud for «parkeringsplass»" in page
    assert "/tilbud/finn/" in page
    assert "11 22 33 44" in page
    assert "?kategori=fysisk-aktivitet" in page  # the categories with offers
    assert "?kategori=kultur" not in page  # no published offers in it


def test_the_nearest_category_is_the_one_named_like_the_query(client):
    OfferFactory(title="Stolgym", categories=[CategoryFactory(name="Trening", slug="trening")])
    OfferFactory(title="Bokprat", categories=[CategoryFactory(name="Kultur", slug="kultur")])
    page = client.get("/tilbud/?q=treningxyzq").content.decode()
    block = page[page.index("catalogue__no-results") :]
    assert "?kategori=trening" in block
    assert "?kategori=kultur" not in block


def test_the_nynorsk_page_speaks_nynorsk(client):
    OfferFactory(title="Stolgym")
    page = client.get("/tilbud/?q=parkeringsplass", HTTP_ACCEPT_LANGUAGE="nn").content.decode()
    assert "Vi fann ingen tilbod for «parkeringsplass»" in page


def test_a_staff_synonym_changes_the_public_page_at_once(client):
    OfferFactory(slug="boccia", title="Boccia")
    assert "/tilbud/boccia/" not in client.get("/tilbud/?q=kulespill").content.decode()
    SearchSynonym.objects.create(terms="boccia, kulespill")
    assert "/tilbud/boccia/" in client.get("/tilbud/?q=kulespill").content.decode()
