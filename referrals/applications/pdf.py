"""PDFs of what the citizen submitted (receipt). Rendered with the shared
portal.documents.pdf.render_pdf (WeasyPrint with a URL fetcher that only serves our static
files, so no file: or remote URL can be pulled into a document)."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from portal.documents.pdf import render_pdf
from referrals.cases.models import Application, Attachment


def render_receipt_pdf(
    *,
    application: Application,
    language: str,
    attachments: list[Attachment],
    status_visible: bool = True,
) -> bytes:
    """The application as sent; ``attachments`` and ``status_visible`` as the reader
    may see them (``selectors.receipt_data``)."""
    language = language if language in ("nb", "nn", "en") else "nb"
    with translation.override(language):
        title = gettext("Søknad %(reference)s") % {"reference": application.reference}
    context = {
        "application": application,
        "attachments": attachments,
        "status_visible": status_visible,
        "offers": list(application.preferred_offers.select_related("unit")),
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_contact_email": settings.MUNICIPALITY_CONTACT_EMAIL,
        "municipality_contact_phone": settings.MUNICIPALITY_CONTACT_PHONE,
        "generated": timezone.now(),
        "site_url": settings.SITE_URL,
        "title": title,
    }
    return render_pdf("referrals/pdf/receipt.html", context, language=language)
