"""Upload rules for attachments: PDF, JPEG or PNG by content (never by name or the
browser's claimed type), at most 10 MB each and 5 per application."""

import io
import re

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

from portal.images import image_content_type

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
ALLOWED_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}

# PDF names that run code or carry hidden content; refused in any spelling
# (PDF allows #xx escapes inside names, e.g. /J#61vaScript).
FORBIDDEN_PDF_NAMES = (
    b"/javascript",
    b"/js",
    b"/launch",
    b"/embeddedfile",
    b"/embeddedfiles",
    b"/richmedia",
    b"/xfa",
    b"/aa",
    b"/openaction",
)
PDF_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")


def _decoded_pdf_names(data: bytes) -> set[bytes]:
    names = set()
    for match in PDF_NAME.finditer(data):
        name = re.sub(rb"#([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]), match.group())
        names.add(name.lower())
    return names


def _is_safe_pdf(data: bytes) -> bool:
    """A PDF that parses and has no scripts, actions or embedded files."""
    if not data.rstrip().endswith(b"%%EOF") and b"%%EOF" not in data[-2048:]:
        return False
    names = _decoded_pdf_names(data)
    if any(name in names for name in FORBIDDEN_PDF_NAMES):
        return False
    if re.search(rb"<\s*(html|script|body|iframe|svg)", data[:65536], re.IGNORECASE):
        return False
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted or len(reader.pages) == 0:
            return False
        # Names inside compressed object streams escape the byte scan above: look at
        # the parsed document too.
        return not _has_active_content(reader)
    except Exception:  # pypdf raises many kinds of errors on broken files
        return False


def _has_active_content(reader: PdfReader) -> bool:
    root = reader.trailer["/Root"].get_object()
    if any(key in root for key in ("/OpenAction", "/AA")):
        return True
    names = root.get("/Names")
    if names is not None and any(
        key in names.get_object() for key in ("/JavaScript", "/EmbeddedFiles")
    ):
        return True
    acroform = root.get("/AcroForm")
    if acroform is not None and "/XFA" in acroform.get_object():
        return True
    for page in reader.pages:
        if "/AA" in page:
            return True
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get_object().get("/S") in {"/JavaScript", "/Launch"}:
                return True
    return False


def detect_content_type(uploaded: UploadedFile) -> str | None:
    """The file's real type from its content (never the name or the browser's claim):
    a PDF that parses without active content, or a complete JPEG or PNG image."""
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    if data.startswith(b"%PDF-"):
        return "application/pdf" if _is_safe_pdf(data) else None
    if data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n"):
        return image_content_type(data)
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
