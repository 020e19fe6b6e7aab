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


def _form(offer, image):
    """The admin's form for the picture (a ModelForm runs the model's validators)."""
    from django.forms import modelform_factory

    from catalogue.models import Offer

    form_class = modelform_factory(Offer, fields=["image", "image_alt"])
    return form_class(
        data={"image_alt": "Et kafébord"}, files={"image": image} if image else {}, instance=offer
    )


def _upload(name: str, data: bytes, content_type="image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _image(size: tuple[int, int], image_format: str, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format=image_format)
    return buffer.getvalue()


# Django's own image check refuses what Pillow cannot read (and images over twice
# Pillow's pixel limit); the offer's validator refuses the rest.
NOT_AN_IMAGE = "Last opp et gyldig bilde"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: _upload("stor.png", _png().read() + b"\0" * (5 * 1024 * 1024)), "større enn 5 MB"),
        (
            lambda: _upload("tegning.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
            NOT_AN_IMAGE,
        ),
        (lambda: _upload("side.png", b"<html><script>alert(1)</script></html>"), NOT_AN_IMAGE),
        (lambda: _upload("dyr.gif", _image((40, 30), "GIF"), "image/gif"), "JPEG"),
        (lambda: _upload("dyr.bmp", _image((40, 30), "BMP"), "image/bmp"), "JPEG"),
        (lambda: _upload("polyglot.png", _png().read() + b"PK\x03\x04zip"), "JPEG"),
        (lambda: _upload("stort.png", _image((9_000, 8_000), "PNG", "1")), "60 megapiksler"),
        (lambda: _upload("bombe.png", _image((20_000, 20_000), "PNG", "1")), NOT_AN_IMAGE),
    ],
    ids=["too-large", "svg", "html", "gif", "bmp", "polyglot", "72-megapixels", "pixel-bomb"],
)
def test_an_unfit_picture_is_refused_with_a_message_and_not_stored(upload, message):
    offer = OfferFactory()
    form = _form(offer, upload())
    assert not form.is_valid()
    assert message in " ".join(form.errors["image"])
    offer.refresh_from_db()
    assert not offer.image


def test_a_fit_picture_is_stored_and_an_unchanged_one_is_not_read_again(monkeypatch):
    offer = OfferFactory()
    form = _form(offer, _png())
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.image.name.startswith("offers/")

    import catalogue.validators

    def must_not_read(data):
        raise AssertionError("a stored picture was read again")

    monkeypatch.setattr(catalogue.validators, "image_content_type", must_not_read)
    again = _form(saved, None)
    assert again.is_valid(), again.errors
