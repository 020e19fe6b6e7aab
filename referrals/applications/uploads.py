"""Upload rules for attachments: PDF, JPEG or PNG by content (never by name or the
browser's claimed type), at most 10 MB each and 5 per application."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from portal.images import image_content_type
from portal.pdfs import Refusal, pdf_refusal

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
ALLOWED_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}

# What the citizen can do about a refused PDF: printing it to a new PDF ("Skriv ut" →
# "Lagre som PDF") drops scripts, forms, attachments and passwords.
PDF_REFUSAL_MESSAGES = {
    Refusal.ACTIVE: _(
        "Filen «%(name)s» inneholder skript, automatiske handlinger, skjemafunksjoner "
        "eller vedlagte filer, og kan ikke tas imot. Skriv den ut til en ny PDF "
        "(«Skriv ut» og «Lagre som PDF») og last opp den nye filen."
    ),
    Refusal.ENCRYPTED: _(
        "Filen «%(name)s» er passordbeskyttet eller kryptert. Lagre en kopi uten passord, "
        "eller skriv den ut til en ny PDF, og last opp kopien."
    ),
    Refusal.DAMAGED: _(
        "Filen «%(name)s» er en skadet eller ufullstendig PDF. Lagre dokumentet som PDF "
        "på nytt og prøv igjen."
    ),
    Refusal.TOO_COMPLEX: _(
        "Filen «%(name)s» er for sammensatt til at vi kan kontrollere den. Skriv den ut "
        "til en ny PDF og last opp den nye filen."
    ),
}


class RefusedPdf(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal)
        self.refusal = refusal


def detect_content_type(uploaded: UploadedFile[bytes]) -> str | None:
    """The file's real type from its content (never the name or the browser's claim):
    a PDF that parses without active content, or a complete JPEG or PNG image. A file
    that starts as a PDF but is refused raises RefusedPdf, which says why."""
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    if data.startswith(b"%PDF-"):
        refusal = pdf_refusal(data)
        if refusal is not None:
            raise RefusedPdf(refusal)
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n"):
        return image_content_type(data)
    return None


def validate_upload(uploaded: UploadedFile[bytes]) -> str:
    """Return the detected content type or raise ValidationError."""
    size = uploaded.size or 0  # always known for an upload
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _(
                "Filen «%(name)s» er større enn 10 MB. Gjør filen mindre eller del den opp, og prøv igjen."
            ),
            code="too_large",
            params={"name": uploaded.name},
        )
    if size == 0:
        raise ValidationError(
            _("Filen «%(name)s» er tom."), code="empty", params={"name": uploaded.name}
        )
    try:
        content_type = detect_content_type(uploaded)
    except RefusedPdf as refused:
        raise ValidationError(
            PDF_REFUSAL_MESSAGES[refused.refusal],
            code=refused.refusal.value,
            params={"name": uploaded.name},
        ) from None
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
