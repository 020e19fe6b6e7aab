"""Render HTML templates to accessible PDFs with WeasyPrint.

Shared by the catalogue (offer sheets, brochures, shortlists) and later by letters.
WeasyPrint only ever sees the project's own static files: the URL fetcher refuses
``file:`` URLs, remote URLs and anything outside the static files, so a template that
(by mistake or through user input) points at ``file:///etc/passwd`` or an internal
address cannot pull it into a document.
"""

import logging
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Relative URLs in PDF templates resolve against this made-up origin, which is never
# contacted: the fetcher maps it onto the static files on disk.
PDF_BASE_URL = "https://pdf.invalid/"


# Rendering a PDF takes a core for up to several seconds. The public PDFs (offer sheet,
# brochure, shortlist) render inside ``render_slot()``: at most this many at once in one
# process, and a request that finds every slot taken is refused at once (the views
# answer 503 with Retry-After) instead of queueing behind them. Letters, rendered one
# at a time by the task worker, take no slot.
MAX_CONCURRENT_RENDERS = 2
_render_slots = threading.BoundedSemaphore(MAX_CONCURRENT_RENDERS)


class RendererBusy(Exception):
    """Every render slot of this process is taken; try again shortly."""


@contextmanager
def render_slot() -> Iterator[None]:
    """Hold one of the process's MAX_CONCURRENT_RENDERS render slots, or raise
    RendererBusy without waiting."""
    if not _render_slots.acquire(blocking=False):
        raise RendererBusy
    try:
        yield
    finally:
        _render_slots.release()


class RefusedURL(ValueError):
    """A PDF template asked for something other than one of our static files."""


class StaticOnlyURLFetcher(URLFetcher):
    """Serves ``/static/...`` from the project's static files (via the staticfiles
    finders, so it works before and after collectstatic) and refuses everything else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"https"}, allow_redirects=False, fail_on_errors=False)

    def static_path_for(self, url: str) -> str:
        """The path of the static file ``url`` names, or raise RefusedURL."""
        parts = urlsplit(url)
        origin = urlsplit(PDF_BASE_URL)
        if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
            raise RefusedURL(
                f"PDF may only use the project's static files, not {parts.scheme}: URLs"
            )
        path = unquote(parts.path)
        if not path.startswith(settings.STATIC_URL):
            raise RefusedURL("PDF may only use the project's static files")
        relative = path.removeprefix(settings.STATIC_URL)
        if not relative or ".." in relative.split("/") or relative.startswith("/"):
            raise RefusedURL("PDF may only use the project's static files")
        found = finders.find(relative)
        if found:
            return found if isinstance(found, str) else found[0]
        # After collectstatic (production) {% static %} names hashed copies that only
        # exist in STATIC_ROOT.
        if settings.STATIC_ROOT:
            root = Path(settings.STATIC_ROOT).resolve()
            candidate = (root / relative).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return str(candidate)
        raise RefusedURL(f"No such static file: {relative}")

    def fetch(self, url, headers=None):
        try:
            path = self.static_path_for(url)
        except RefusedURL:
            logger.warning("PDF rendering refused a URL")
            raise
        mime_type, _encoding = mimetypes.guess_type(path)
        with open(path, "rb") as file:
            body = file.read()
        return URLFetcherResponse(
            url, body, {"Content-Type": mime_type or "application/octet-stream"}
        )


def render_pdf(template_name: str, context: dict, *, language: str) -> bytes:
    """Render ``template_name`` in ``language`` to a tagged PDF (PDF/UA-1).

    The template sets ``<html lang>`` and ``<title>`` (the PDF's language and title come
    from there); link stylesheets with ``{% static %}``, for example ``css/pdf.css``.
    """
    with translation.override(language):
        html = render_to_string(template_name, {**context, "pdf_language": language})
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticOnlyURLFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
