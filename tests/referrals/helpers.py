"""Builders for the referrals tests: valid synthetic identity numbers, files, and
applications at any stage (built through the services, as a user would)."""

import hashlib
import io
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from stdnum.no import fodselsnummer

from referrals.applications import services
from referrals.cases import services as case_services
from referrals.cases.models import Application, Attachment, Decision
from tests.factories import make_user as _make_user

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def make_user(*roles, **kwargs):
    """tests.factories.make_user, saved once more: that one sets the password after
    saving and never saves it again (skip_postgeneration_save), so a logged-in session
    would not survive the next request."""
    user = _make_user(*roles, **kwargs)
    user.save()
    return user


def national_id(born: date = date(1950, 7, 15), *, d_number: bool = False, start: int = 500) -> str:
    """A valid synthetic fødselsnummer (or D-number: day + 40) for ``born``."""
    day = born.day + 40 if d_number else born.day
    base = f"{day:02d}{born.month:02d}{born.year % 100:02d}"
    for individual in range(start, 1000):
        digits = base + f"{individual:03d}"
        check1 = fodselsnummer.calc_check_digit1(digits)
        if len(check1) != 1:
            continue
        check2 = fodselsnummer.calc_check_digit2(digits + check1)
        if len(check2) != 1:
            continue
        number = digits + check1 + check2
        if fodselsnummer.is_valid(number):
            return number
    raise AssertionError("no valid number found")


def pdf_bytes(size: int = 0) -> bytes:
    """A real one-page PDF; with ``size``, padded to exactly that many bytes (the padding
    is a comment before ``startxref``, so the cross-reference offsets stay valid)."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    body = buffer.getvalue()
    if not size:
        return body
    head, tail = body.rsplit(b"startxref", 1)
    padding = size - len(body) - 2  # the "%" and the newline around it
    return head + b"%" + b"0" * padding + b"\n" + b"startxref" + tail


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="JPEG")
    return buffer.getvalue()


def upload(
    name: str = "fullmakt.pdf", content: bytes | None = None, content_type: str = "application/pdf"
):
    return SimpleUploadedFile(
        name, pdf_bytes() if content is None else content, content_type=content_type
    )


COMPLETE_ANSWERS = {
    "on_behalf": False,
    "person_name": "Ola Nordmann",
    "person_language": "nb",
    "applicant_phone": "99 88 77 66",
    "wants": ["company"],
    "need_description": "Ønsker noen å være sammen med på dagtid.",
    "transport_needed": True,
    "days": [1, 3],
}


def make_draft(*, applicant, service_type, **answers) -> Application:
    draft = services.create_draft(applicant=applicant, service_type=service_type)
    values = {**COMPLETE_ANSWERS, "person_national_id": national_id(), **answers}
    Application.objects.filter(pk=draft.pk).update(**values)
    draft.refresh_from_db()
    if draft.basis == Application.Basis.GUARDIANSHIP:
        # A guardian applies with the guardianship document (the wizard asks for it).
        services.add_attachment(
            application=draft,
            uploaded=upload("vergefullmakt.pdf"),
            user=applicant,
            kind=Attachment.Kind.GUARDIANSHIP,
        )
    return draft


def make_submitted(*, applicant, service_type, verified: bool = False, **answers) -> Application:
    """A submitted application. ``verified``: submitted in a session that logged in
    with ID-porten under the person's number (so a self-application is verified)."""
    draft = make_draft(applicant=applicant, service_type=service_type, **answers)
    return services.submit_application(
        application=draft,
        user=applicant,
        confirmed_truthful=True,
        verified_national_id=draft.person_national_id if verified else "",
    )


def record_decision(
    *,
    application: Application,
    outcome: str,
    actor,
    legal_basis: str = "",
    letter_pdf: bytes | None = None,
    replaces: Decision | None = None,
) -> Decision:
    """A decision stored as issued, with ``letter_pdf`` as its frozen letter, without the
    casework side's letter rendering: for tests of the citizen's pages and downloads.
    (Caseworkers decide through ``referrals.casework.services.issue_decision``.)"""
    application = Application.objects.select_related("service_type").get(pk=application.pk)
    decision = Decision(
        application=application,
        outcome=outcome,
        legal_basis=legal_basis or application.service_type.legal_basis,
        appeal_basis=application.service_type.appeal_basis,
        decided_by=actor,
        replaces=replaces,
    )
    if letter_pdf:
        decision.letter_sha256 = hashlib.sha256(letter_pdf).hexdigest()
        decision.letter.save(
            f"vedtak-{application.reference}.pdf", ContentFile(letter_pdf), save=False
        )
    decision.save()
    case_services.change_status(
        application=application, status=Application.Status.DECIDED, actor=actor
    )
    return decision
