"""An offer's image is shown with its description, served only while the offer is
published, and never stored without a description."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from PIL import Image

from tests.catalogue.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile("kafe.png", buffer.getvalue(), content_type="image/png")


def test_the_offer_page_shows_the_image_with_its_description(client):
    offer = OfferFactory(image=_png(), image_alt="Folk rundt et kafébord med kaffekopper")

    body = client.get(offer.get_absolute_url()).content.decode()

    assert f'src="/tilbud/{offer.slug}/bilde?v=' in body
    assert 'alt="Folk rundt et kafébord med kaffekopper"' in body


def test_the_image_is_served_for_a_published_offer(client):
    offer = OfferFactory(image=_png(), image_alt="Et kafébord")

    response = client.get(f"/tilbud/{offer.slug}/bilde")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_the_image_of_a_draft_is_not_served(client):
    offer = OfferFactory(draft=True, image=_png(), image_alt="Et kafébord")

    assert client.get(f"/tilbud/{offer.slug}/bilde").status_code == 404


def test_an_offer_without_an_image_has_no_image_url(client):
    offer = OfferFactory()

    assert client.get(f"/tilbud/{offer.slug}/bilde").status_code == 404
    assert "/bilde" not in client.get(offer.get_absolute_url()).content.decode()


def test_an_image_without_a_description_is_refused():
    with pytest.raises(IntegrityError):
        OfferFactory(image=_png(), image_alt="")
