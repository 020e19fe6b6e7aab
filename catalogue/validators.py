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
