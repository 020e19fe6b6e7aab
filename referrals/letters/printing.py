"""The print batch: one PDF with every paper letter of a ``PrintBatch``, each preceded
by an address sheet placed for a window envelope (static/css/print-batch.css has the
measurements). The frozen letters are copied in unchanged, page by page; the address
sheet carries the recipient's name and postal address, so the party and a
representative with a copy each get their own envelope."""

import io
import logging
from collections import defaultdict

from django.conf import settings
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from portal.documents.pdf import render_pdf
from referrals.letters.models import LetterDispatch, PrintBatch
from referrals.letters.rendering import letter_language

logger = logging.getLogger(__name__)


class LetterUnreadable(Exception):
    """A frozen letter of the batch is missing from the storage or not a readable PDF
    (lost in a restore, damaged): the batch cannot be printed until it is restored."""

    def __init__(self, dispatch: LetterDispatch) -> None:
        super().__init__(f"The letter of dispatch {dispatch.pk} could not be read")
        self.dispatch = dispatch


def _sheet(dispatch: LetterDispatch) -> dict[str, object]:
    return {
        "name": dispatch.name,
        "street": dispatch.street,
        "postcode": dispatch.postcode,
        "place": dispatch.place,
        "reference": dispatch.application.reference,
        "decision": dispatch.is_decision,
        "copy": dispatch.recipient == LetterDispatch.Recipient.REPRESENTATIVE,
    }


def render_batch(batch: PrintBatch, dispatches: list[LetterDispatch]) -> bytes:
    """The batch's PDF: for each dispatch, its address sheet and then its letter. The
    sheets are written in the letter's language (one render per language)."""
    by_language: dict[str, list[LetterDispatch]] = defaultdict(list)
    for dispatch in dispatches:
        by_language[letter_language(dispatch.application)].append(dispatch)
    sheet_page: dict[int, PageObject] = {}
    for language, group in by_language.items():
        pdf = render_pdf(
            "referrals/printing/address_sheets.html",
            {
                "batch": batch,
                "sheets": [_sheet(dispatch) for dispatch in group],
                "municipality_name": settings.MUNICIPALITY_NAME,
                "municipality_address": settings.MUNICIPALITY_ADDRESS,
            },
            language=language,
        )
        pages = PdfReader(io.BytesIO(pdf)).pages
        for dispatch, page in zip(group, pages, strict=True):
            sheet_page[dispatch.pk] = page
    writer = PdfWriter()
    for dispatch in dispatches:
        writer.add_page(sheet_page[dispatch.pk])
        try:
            with dispatch.letter_file.open("rb") as file:
                letter = PdfReader(io.BytesIO(file.read()), strict=True)
                pages = list(letter.pages)
        except (OSError, PdfReadError) as error:
            logger.error("Print batch %s: %s (%s)", batch.pk, error, type(error).__name__)
            raise LetterUnreadable(dispatch) from None
        for page in pages:
            writer.add_page(page)
    writer.add_metadata({"/Title": f"{settings.MUNICIPALITY_NAME}: print batch {batch.pk}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
