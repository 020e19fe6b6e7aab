"""The public pages cache rendered HTML; changes to offers show at once."""

import pytest

from catalogue.models import Offer
from tests.catalogue.factories import OfferFactory

pytestmark = pytest.mark.django_db


def test_an_edited_offer_shows_the_change_on_the_list_and_its_page(client):
    offer = OfferFactory(title="Gammel tittel")
    assert "Gammel tittel" in client.get("/tilbud/").content.decode()
    assert "Gammel tittel" in client.get(offer.get_absolute_url()).content.decode()
    offer.title = "Ny tittel"
    offer.save()
    assert "Ny tittel" in client.get("/tilbud/").content.decode()
    assert "Ny tittel" in client.get(offer.get_absolute_url()).content.decode()


def test_an_archived_offer_disappears_at_once(client):
    offer = OfferFactory()
    assert client.get(offer.get_absolute_url()).status_code == 200
    Offer.objects.filter(pk=offer.pk).update(status=Offer.Status.ARCHIVED)  # even without save()
    assert client.get(offer.get_absolute_url()).status_code == 404


def test_a_published_offer_appears_at_once(client):
    OfferFactory(slug="first")
    client.get("/tilbud/")
    draft = OfferFactory(slug="second", draft=True)
    assert "/tilbud/second/" not in client.get("/tilbud/").content.decode()
    draft.status = Offer.Status.PUBLISHED
    draft.save()
    assert "/tilbud/second/" in client.get("/tilbud/").content.decode()


def test_a_cached_hit_uses_one_query(client, django_assert_max_num_queries):
    offer = OfferFactory()
    client.get("/tilbud/?dag=tirsdag")
    client.get(offer.get_absolute_url())
    with django_assert_max_num_queries(1):
        client.get("/tilbud/?dag=tirsdag")
    with django_assert_max_num_queries(1):
        client.get(offer.get_absolute_url())


def test_the_language_is_part_of_the_key(client):
    offer = OfferFactory(title="Turgruppe for seniorer", title_nn="Turgruppe for seniorar")
    assert "seniorer" in client.get(offer.get_absolute_url()).content.decode()
    client.cookies["django_language"] = "nn"
    assert "seniorar" in client.get(offer.get_absolute_url()).content.decode()


def test_a_changed_schedule_shows_at_once(client):
    offer = OfferFactory()
    assert "10.00–14.00" in client.get(offer.get_absolute_url()).content.decode()
    period = offer.opening_periods.get()
    period.opens = period.opens.replace(hour=9)
    period.save()
    assert "09.00–14.00" in client.get(offer.get_absolute_url()).content.decode()


def test_a_moved_location_shows_at_once(client):
    offer = OfferFactory()
    assert client.get(offer.get_absolute_url()).status_code == 200
    location = offer.locations.get()
    location.address = "Nygata 99"
    location.save()
    assert "Nygata 99" in client.get(offer.get_absolute_url()).content.decode()
