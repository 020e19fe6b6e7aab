"""Checks on what unit leaders and administrators upload to the catalogue."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.images import image_content_type

MAX_OFFER_IMAGE_BYTES = 5 * 1024 * 1024


def validate_offer_image(image) -> None:
    """An offer's picture: a complete JPEG or PNG (by its content) of at most 5 MB, within
    the pixel limit of portal.images. A picture already stored is not read again."""
    if getattr(image, "_committed", False):
        return
    if image.size > MAX_OFFER_IMAGE_BYTES:
        raise ValidationError(
            _("Bildet er større enn 5 MB. Lagre det i mindre størrelse og prøv igjen."),
            code="too_large",
        )
    image.seek(0)
    data = image.read()
    image.seek(0)
    if image_content_type(data) is None:
        raise ValidationError(
            _("Bildet må være et helt JPEG- eller PNG-bilde på høyst 60 megapiksler."),
            code="type",
        )


def validate_iso_639(code: str) -> None:
    """An ISO 639 language code as the open data gives it: two or three lower-case
    letters (ISO 639-1 where there is one, else ISO 639-3, such as ``nsl``)."""
    if not (2 <= len(code) <= 3 and code.isascii() and code.isalpha() and code.islower()):
        raise ValidationError(
            _("Skriv en språkkode med to eller tre små bokstaver, for eksempel «nb» eller «nsl»."),
            code="iso_639",
        )
