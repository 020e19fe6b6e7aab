"""The appeal case file (klagesak) the municipality sends Statsforvalteren when it upholds
a decision after reconsidering an appeal (forvaltningsloven § 33 fourth paragraph: the
case documents are sent to the appeal body "så snart saken er tilrettelagt").

One PDF: an overview written in bokmål (for the authority, not the citizen) — the
party and the representative with their addresses, the application, whether the
appeal came in time (the deadline from ``cases.deadlines`` through
``Decision.appeal_deadline``), the decision appealed, the appeal, the information
requests and replies, the consultations with other units, the assessment, the
municipality's reassessment and comments — and a numbered document list. After the
overview follow the documents themselves, in the list's order: the frozen decision
letters (the exact bytes whose SHA-256 is stored), the preliminary replies, and the
attachments (PDFs as they are, images as one page each). A document that cannot be
read as a PDF or image is listed as not attached, never silently left out.
"""

import io
import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.utils import timezone, translation
from django.utils.translation import gettext
from PIL import Image
from pypdf import PdfReader, PdfWriter

from portal.documents.pdf import render_pdf
from referrals.cases.models import Appeal, Attachment, Consultation, Decision, Message
from referrals.letters.models import PreliminaryReply
from referrals.letters.rendering import appeal_rule

logger = logging.getLogger(__name__)


@dataclass
class CaseDocument:
    """One line of the document list; ``pdf`` is what follows the overview (``None``:
    the document is in the overview itself, or could not be attached)."""

    number: int
    title: str
    kind: str
    day: date | None
    in_overview: bool = False
    pdf: bytes | None = field(default=None, repr=False)
    not_attached: bool = False

    @property
    def attached(self) -> bool:
        return self.pdf is not None


def _read(file: FieldFile) -> bytes | None:
    if not file or not file.name:
        return None
    try:
        with file.open("rb") as handle:
            return bytes(handle.read())
    except OSError:
        logger.warning("A case document could not be read from storage")
        return None


def _as_pdf(data: bytes | None, content_type: str = "application/pdf") -> bytes | None:
    """``data`` as PDF bytes that pypdf can append: a PDF as it is (when it parses), an
    image as a one-page PDF; otherwise ``None``."""
    if not data:
        return None
    try:
        if content_type == "application/pdf":
            reader = PdfReader(io.BytesIO(data))
            if len(reader.pages) == 0:
                return None
            return data
        if content_type in ("image/jpeg", "image/png"):
            image = Image.open(io.BytesIO(data))
            out = io.BytesIO()
            image.convert("RGB").save(out, format="PDF", resolution=150)
            return out.getvalue()
    except Exception:  # noqa: BLE001 - a broken file is listed as not attached
        logger.warning("A case document could not be read as %s", content_type)
    return None


def _day(value: datetime | None) -> date | None:
    return timezone.localdate(value) if value is not None else None


def _documents(
    *,
    appeal: Appeal,
    decisions: list[Decision],
    replies: list[PreliminaryReply],
    attachments: list[Attachment],
    messages: list[Message],
    consultations: list[Consultation],
) -> list[CaseDocument]:
    """Every document of the case, oldest first within each group, numbered."""
    application = appeal.application
    rows: list[CaseDocument] = []

    def add(**kwargs: object) -> CaseDocument:
        document = CaseDocument(number=len(rows) + 1, **kwargs)  # type: ignore[arg-type]
        rows.append(document)
        return document

    add(
        title=gettext("Søknad"),
        kind=gettext("Søknad"),
        day=_day(application.submitted_at),
        in_overview=True,
    )
    for decision in decisions:
        pdf = _as_pdf(_read(decision.letter))
        title = gettext("Vedtaksbrev: %(outcome)s") % {"outcome": decision.get_outcome_display()}
        if decision.pk == appeal.decision_id:
            title = gettext("Vedtaksbrevet det klages på: %(outcome)s") % {
                "outcome": decision.get_outcome_display()
            }
        add(
            title=title,
            kind=gettext("Brev"),
            day=_day(decision.issued_at),
            pdf=pdf,
            not_attached=pdf is None,
        )
    for reply in replies:
        pdf = _as_pdf(_read(reply.letter))
        add(
            title=gettext("Foreløpig svar"),
            kind=gettext("Brev"),
            day=_day(reply.sent_at),
            pdf=pdf,
            not_attached=pdf is None,
        )
    for message in messages:
        if message.from_municipality:
            title = (
                gettext("Forespørsel om opplysninger")
                if message.reply_by
                else gettext("Melding fra kommunen")
            )
        else:
            title = gettext("Svar fra søkeren")
        add(
            title=title,
            kind=gettext("Melding"),
            day=_day(message.created_at),
            in_overview=True,
        )
    for consultation in consultations:
        add(
            title=gettext("Drøfting med %(unit)s") % {"unit": consultation.unit.name},
            kind=gettext("Drøfting"),
            day=_day(consultation.asked_at),
            in_overview=True,
        )
    for attachment in attachments:
        pdf = _as_pdf(_read(attachment.file), attachment.content_type)
        add(
            title=attachment.original_name,
            kind=gettext("Vedlegg (%(kind)s)") % {"kind": attachment.get_kind_display()},
            day=_day(attachment.uploaded_at),
            pdf=pdf,
            not_attached=pdf is None,
        )
    add(
        title=gettext("Klagen"),
        kind=gettext("Klage"),
        day=_day(appeal.submitted_at),
        in_overview=True,
    )
    return rows


def _merge(overview: bytes, documents: list[CaseDocument]) -> bytes:
    """The overview followed by each attached document, as one PDF (the overview's
    language and title kept)."""
    writer = PdfWriter(clone_from=io.BytesIO(overview))
    for document in documents:
        if document.pdf is None:
            continue
        try:
            writer.append(io.BytesIO(document.pdf), import_outline=False)
        except Exception:  # noqa: BLE001 - listed as attached; must not lose the case file
            logger.warning("A case document could not be appended to the case file")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_appeal_case_file(
    *,
    appeal: Appeal,
    comments: str,
    forwarded_at: datetime,
    assessment: Model | None = None,
    reassessment: str = "",
) -> bytes:
    """The complete case file for Statsforvalteren (see the module's docstring).
    ``assessment`` is the case's ``Assessment`` (of the casework room, above this one),
    shown as it is; ``reassessment`` and ``comments`` are the municipality's."""
    application = appeal.application
    decision = appeal.decision
    decisions = list(application.decisions.order_by("issued_at", "pk").select_related("content"))
    replies = list(PreliminaryReply.objects.filter(application=application).order_by("sent_at"))
    attachments = list(application.attachments.order_by("uploaded_at", "pk"))
    messages = list(application.messages.order_by("created_at", "pk"))
    consultations = list(
        application.consultations.select_related("unit").order_by("asked_at", "pk")
    )
    by_message: dict[int, list[Attachment]] = {}
    for attachment in attachments:
        if attachment.message_id is not None:
            by_message.setdefault(attachment.message_id, []).append(attachment)
    correspondence = [(message, by_message.get(message.pk, [])) for message in messages]
    with translation.override("nb"):
        title = gettext("Klagesak %(reference)s") % {"reference": application.reference}
        documents = _documents(
            appeal=appeal,
            decisions=decisions,
            replies=replies,
            attachments=attachments,
            messages=messages,
            consultations=consultations,
        )
        rule = appeal_rule(decision.appeal_basis)
    context = {
        "title": title,
        "application": application,
        "representative_name": (
            application.applicant_name or application.applicant.get_full_name()
            if application.on_behalf
            else ""
        ),
        "attachments": attachments,
        "offers": list(application.preferred_offers.select_related("unit")),
        "decision": decision,
        "content": getattr(decision, "content", None),
        "deadline": decision.appeal_deadline,
        "received": timezone.localdate(appeal.submitted_at),
        "rule": rule,
        "appeal": appeal,
        "correspondence": correspondence,
        "consultations": consultations,
        "reassessment": reassessment,
        "comments": comments,
        "assessment": assessment,
        "documents": documents,
        "forwarded": timezone.localdate(forwarded_at),
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_address": settings.MUNICIPALITY_ADDRESS,
        "municipality_contact_email": settings.MUNICIPALITY_CONTACT_EMAIL,
        "municipality_contact_phone": settings.MUNICIPALITY_CONTACT_PHONE,
    }
    overview = render_pdf("referrals/letters/appeal_case_file.html", context, language="nb")
    return _merge(overview, documents)
