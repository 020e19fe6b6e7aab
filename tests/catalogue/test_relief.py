"""Offers that count as relief for relatives (avlastning, hol. § 3-6 nr. 2): marked on
the card and the offer page, and filtered with ?avlastning=1."""

import pytest

from catalogue.demo import seed_catalogue
from catalogue.models import Offer
from tests.catalogue.factories import OfferFactory
from tests.catalogue.listing import listed

pytestmark = pytest.mark.django_db


def test_the_relief_filter_keeps_only_offers_that_relieve_relatives(client):
    OfferFactory(slug="dagsenter", title="Dagsenter", counts_as_relief=True)
    OfferFactory(slug="strikkekafe", title="Strikkekafé")
    response = client.get("/tilbud/?avlastning=1")
    assert [offer.slug for offer in listed(response)] == ["dagsenter"]
    everything = client.get("/tilbud/")
    assert {offer.slug for offer in listed(everything)} == {"dagsenter", "strikkekafe"}
    # The filter is a checkbox in the form, ticked when in use.
    html = response.content.decode()
    assert 'name="avlastning"' in html
    assert "Gir avlastning for pårørende" in html


def test_relief_offers_are_marked_on_the_card_and_the_page(client):
    offer = OfferFactory(slug="dagsenter", title="Dagsenter", counts_as_relief=True)
    OfferFactory(slug="strikkekafe", title="Strikkekafé")
    listing = client.get("/tilbud/").content.decode()
    assert listing.count("Avlastning for pårørende") == 1
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "Gir avlastning for pårørende" in page


def test_a_bad_relief_value_is_ignored_not_an_error(client):
    OfferFactory(slug="dagsenter", counts_as_relief=True)
    OfferFactory(slug="strikkekafe")
    response = client.get("/tilbud/?avlastning=kanskje")
    assert response.status_code == 200
    assert len(response.context["offers"]) == 2


def test_the_demo_catalogue_marks_relief_offers():
    seed_catalogue()
    relief = set(Offer.objects.filter(counts_as_relief=True).values_list("slug", flat=True))
    assert {"avlastning-solstua", "solsikken-dagsenter-demens"} <= relief
    assert Offer.objects.get(slug="avlastning-solstua").service_type.slug == "avlastning"
    assert "strikkekafe-vest" not in relief
