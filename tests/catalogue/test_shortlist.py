"""The citizen's shortlist: kept in the session, changed only by POST, printable."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from catalogue.shortlist import MAX_ITEMS, SESSION_KEY
from tests.catalogue.factories import OfferFactory

pytestmark = pytest.mark.django_db


def titles(client) -> list[str]:
    response = client.get(reverse("catalogue:shortlist"))
    return [entry["offer"].title for entry in response.context["entries"]]


def add(client, offer, **extra):
    return client.post(reverse("catalogue:shortlist_add", args=[offer.slug]), extra)


def test_it_starts_empty(client):
    response = client.get(reverse("catalogue:shortlist"))
    assert response.status_code == 200
    assert "Huskelisten er tom" in response.content.decode()


def test_a_citizen_adds_and_removes_offers_without_logging_in(client):
    cafe, choir = OfferFactory(title="Seniorkafé"), OfferFactory(title="Sangkor")

    assert add(client, cafe).status_code == 302
    add(client, choir)
    assert titles(client) == ["Seniorkafé", "Sangkor"]
    assert "Sangkor" in client.get(reverse("catalogue:shortlist")).content.decode()

    client.post(reverse("catalogue:shortlist_remove", args=[cafe.slug]))
    assert titles(client) == ["Sangkor"]


def test_adding_twice_keeps_one_entry(client):
    offer = OfferFactory()
    add(client, offer)
    add(client, offer)
    assert client.session[SESSION_KEY] == [offer.pk]


def test_it_returns_to_the_page_the_button_was_on(client):
    offer = OfferFactory()
    response = add(client, offer, next="/tilbud/?dag=tirsdag")
    assert response["Location"] == "/tilbud/?dag=tirsdag"


def test_it_never_redirects_to_another_site(client):
    offer = OfferFactory()
    response = add(client, offer, next="https://evil.example/")
    assert response["Location"] == reverse("catalogue:shortlist")


@pytest.mark.parametrize("trait", ["draft", "archived"])
def test_unpublished_offers_cannot_be_added(client, trait):
    offer = OfferFactory(**{trait: True})
    assert add(client, offer).status_code == 404


def test_an_offer_archived_later_drops_out(client):
    offer = OfferFactory(title="Snart borte")
    add(client, offer)
    offer.status = offer.Status.ARCHIVED
    offer.save()
    assert titles(client) == []


def test_the_list_has_a_limit(client):
    session = client.session
    session[SESSION_KEY] = list(range(10_000, 10_000 + MAX_ITEMS))
    session.save()
    offer = OfferFactory()
    response = add(client, offer)
    assert response.status_code == 302
    assert offer.pk not in client.session[SESSION_KEY]


def test_add_and_remove_reject_get(client):
    offer = OfferFactory()
    assert client.get(reverse("catalogue:shortlist_add", args=[offer.slug])).status_code == 405
    assert client.get(reverse("catalogue:shortlist_remove", args=[offer.slug])).status_code == 405


def test_add_needs_a_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    offer = OfferFactory()
    assert strict.post(reverse("catalogue:shortlist_add", args=[offer.slug])).status_code == 403


def test_the_shortlist_downloads_as_one_pdf(client):
    first, second = OfferFactory(title="Seniorkafé"), OfferFactory(title="Turgruppe")
    OfferFactory(title="Ikke valgt")
    add(client, first)
    add(client, second)

    response = client.get(reverse("catalogue:shortlist_pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Min huskeliste" in text
    assert "Seniorkafé" in text and "Turgruppe" in text
    assert "Ikke valgt" not in text


def test_the_button_shows_add_or_remove(rf, client):
    from django.template.loader import render_to_string

    offer = OfferFactory(title="Seniorkafé")
    request = rf.get("/tilbud/")
    request.session = {}
    html = render_to_string("catalogue/shortlist_button.html", {"offer": offer, "request": request})
    assert reverse("catalogue:shortlist_add", args=[offer.slug]) in html
    request.session = {SESSION_KEY: [offer.pk]}
    html = render_to_string("catalogue/shortlist_button.html", {"offer": offer, "request": request})
    assert reverse("catalogue:shortlist_remove", args=[offer.slug]) in html
    assert "Seniorkafé" in html
