"""Upload rules for attachments: PDF, JPEG or PNG by content (never by name or the
browser's claimed type), at most 10 MB each and 5 per application."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
ALLOWED_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


def detect_content_type(uploaded: UploadedFile) -> str | None:
    """The file's real type from its first bytes (and, for images, Pillow's parser)."""
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n"):
        try:
            data = uploaded.read()
            with Image.open(io.BytesIO(data)) as image:
                image_format = image.format
                image.verify()
        except (
            UnidentifiedImageError,
            OSError,
            SyntaxError,
            ValueError,
            Image.DecompressionBombError,
        ):
            return None
        finally:
            uploaded.seek(0)
        return {"JPEG": "image/jpeg", "PNG": "image/png"}.get(image_format)
    return None


def validate_upload(uploaded: UploadedFile) -> str:
    """Return the detected content type or raise ValidationError."""
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _(
                "Filen «%(name)s» er større enn 10 MB. Gjør filen mindre eller del den opp, og prøv igjen."
            ),
            code="too_large",
            params={"name": uploaded.name},
        )
    if uploaded.size == 0:
        raise ValidationError(
            _("Filen «%(name)s» er tom."), code="empty", params={"name": uploaded.name}
        )
    content_type = detect_content_type(uploaded)
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "Filen «%(name)s» er ikke en PDF, JPEG eller PNG. Lagre dokumentet som PDF eller ta et bilde av det."
            ),
            code="type",
            params={"name": uploaded.name},
        )
    return content_type


def clean_file_name(name: str) -> str:
    """A label for the user's own file name: no path, no control characters, short."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:150] or "dokument"
