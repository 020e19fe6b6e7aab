"""Changes to applications. Keyword-only, typed, atomic; rows that two requests can
change at once are locked with select_for_update (with a comment saying why).

The casework side (issue 5) uses the same functions: ``change_status`` and
``send_message_to_applicant`` are how a caseworker moves a case; decisions are issued by
``referrals.casework.services.issue_decision``.
"""

import logging
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from catalogue.models import Offer, ServiceType
from portal.emails import queue_email
from portal.models import User
from portal.oidc import has_placeholder_email
from referrals.applications import caregiver
from referrals.applications.uploads import MAX_ATTACHMENTS, clean_file_name, validate_upload
from referrals.cases.access import CHANGE, log_access
from referrals.cases.models import (
    Appeal,
    Application,
    ApplicationEvent,
    Attachment,
    Message,
    ReferenceSequence,
)
from referrals.cases.representation import Standing, access_for
from referrals.cases.services import (
    ApplicationError,
    applicant_address,
    change_status,
    delete_with_files,
    notify_caseworker,
    notify_citizen,
    record_event,
)

logger = logging.getLogger(__name__)

Status = Application.Status


# Fields each step of the form may write (the view hands over cleaned data only).
STEP_FIELDS: dict[str, set[str]] = {
    "service": {"service_type"},
    "who": {"on_behalf"},
    "basis": {"relation", "basis"},
    "basis_details": {"power_of_attorney_scope", "cannot_consent_reason", "document_later"},
    "person": {
        "person_name",
        "person_national_id",
        "person_address",
        "person_postcode",
        "person_place",
        "district",
        "person_phone",
        "person_email",
        "person_language",
        "person_language_other",
        "interpreter_needed",
        "interpreter_language",
    },
    "contact": {
        "applicant_name",
        "applicant_phone",
        "applicant_email",
        "applicant_address",
        "applicant_postcode",
        "applicant_place",
        "applicant_may_receive_copies",
    },
    "need": {
        "wants",
        "need_description",
        "current_services",
        "days",
        "transport_needed",
        "meals_help",
        "diet",
        "other_information",
        "extra_answers",
    },
    "offers": set(),
    "attachments": set(),
    # A caregiver's own application (referrals.applications.caregiver).
    **caregiver.STEP_FIELDS,
}


class IncompleteApplication(ApplicationError):
    def __init__(self, missing_steps: list[str], message: StrOrPromise | None = None) -> None:
        super().__init__(
            message or _("Søknaden mangler opplysninger. Gå gjennom stegene som er markert.")
        )
        self.missing_steps = missing_steps


class TooManyAttachments(ApplicationError):
    pass


# --- drafts -----------------------------------------------------------------------


def create_draft(
    *,
    applicant: User,
    service_type: ServiceType,
    offers: Iterable[Offer] = (),
    language: str = "nb",
    start_token: uuid.UUID | None = None,
) -> Application:
    """Start a draft. With ``start_token`` (from the start form) a repeated request
    returns the draft the first one made instead of a second one."""
    if start_token is not None:
        existing = Application.objects.filter(applicant=applicant, start_token=start_token).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            application = Application.objects.create(
                applicant=applicant,
                service_type=service_type,
                start_token=start_token,
                language=language[:5],
                applicant_name=applicant.full_name,
                applicant_phone=applicant.phone,
                applicant_email="" if has_placeholder_email(applicant) else applicant.email,
                furthest_step=2,
            )
            valid = [offer for offer in offers if offer.service_type_id == service_type.pk]
            if valid:
                application.preferred_offers.set(valid)
    except IntegrityError:
        # The unique (applicant, start_token) constraint: a concurrent double click won.
        return Application.objects.get(applicant=applicant, start_token=start_token)
    return application


@transaction.atomic
def save_step(
    *,
    application: Application,
    step: str,
    data: dict[str, object],
    step_number: int,
    offers: Sequence[Offer] | None = None,
    notes: list[str] | None = None,
) -> Application:
    """Store one step of a draft. Only the fields of that step are written. ``notes``
    (optional) receives what the person should be told, such as documents removed
    because they belonged to a basis no longer chosen."""
    # Locked: the same draft may be open in two tabs, and a submit may be under way.
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_draft:
        raise ApplicationError(_("Søknaden er allerede sendt og kan ikke endres."))
    allowed = STEP_FIELDS[step]
    for field, value in data.items():
        if field in allowed:
            setattr(application, field, value)
    if step == "service" and "service_type" in data:
        # Offers of another service type no longer apply.
        application.preferred_offers.remove(
            *application.preferred_offers.exclude(service_type=application.service_type)
        )
    if step == "who" and application.on_behalf is False:
        application.relation = ""
        application.basis = ""
    removed = _forget_answers_of_other_bases(application)
    if notes is not None:
        notes.extend(_removed_documents_note(application, kind) for kind in removed)
    if offers is not None:
        application.preferred_offers.set(
            [o for o in offers if o.service_type_id == application.service_type_id]
        )
    application.furthest_step = max(application.furthest_step, step_number + 1)
    application.updated_at = timezone.now()
    application.save()
    return application


# The documents that belong to a basis: they go when that basis does.
DOCUMENTS_OF_BASIS = {
    Application.Basis.POWER_OF_ATTORNEY: Attachment.Kind.POWER_OF_ATTORNEY,
    Application.Basis.GUARDIANSHIP: Attachment.Kind.GUARDIANSHIP,
}


def _forget_answers_of_other_bases(application: Application) -> list[str]:
    """A changed basis (or applying for oneself after all) leaves no answers behind
    that belong to another one: the scope of a power of attorney after choosing
    consent, say, or the uploaded power of attorney or guardianship document, which
    is deleted with its file. Returns the kinds of documents removed."""
    Basis = Application.Basis
    if application.basis != Basis.POWER_OF_ATTORNEY:
        application.power_of_attorney_scope = ""
        application.document_later = False
    if application.basis != Basis.CANNOT_CONSENT:
        application.cannot_consent_reason = ""
    removed: list[str] = []
    for basis, kind in DOCUMENTS_OF_BASIS.items():
        if application.basis == basis:
            continue
        documents = list(application.attachments.filter(kind=kind, message__isnull=True))
        for document in documents:
            name, storage = document.file.name, document.file.storage
            document.delete()
            if name:
                transaction.on_commit(partial(storage.delete, name))
        if documents:
            removed.append(kind)
    return removed


def _removed_documents_note(application: Application, kind: str) -> str:
    yourself = application.on_behalf is False
    if kind == Attachment.Kind.GUARDIANSHIP:
        if yourself:
            return gettext(
                "Vi har fjernet vergefullmakten du lastet opp, fordi du søker for deg selv."
            )
        return gettext(
            "Vi har fjernet vergefullmakten du lastet opp, fordi den ikke hører til "
            "grunnlaget du har valgt."
        )
    if yourself:
        return gettext("Vi har fjernet fullmakten du lastet opp, fordi du søker for deg selv.")
    return gettext(
        "Vi har fjernet fullmakten du lastet opp, fordi den ikke hører til grunnlaget du har valgt."
    )


@transaction.atomic
def delete_draft(*, application: Application) -> None:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_draft:
        raise ApplicationError(_("Bare utkast kan slettes."))
    delete_with_files(application)


# --- attachments ------------------------------------------------------------------


@transaction.atomic
def add_attachment(
    *,
    application: Application,
    uploaded: UploadedFile[bytes],
    user: User,
    kind: str = Attachment.Kind.DOCUMENT,
    message: Message | None = None,
) -> Attachment:
    """Store one upload under a server-generated name. The type is checked by content."""
    content_type = validate_upload(uploaded)
    # Locked: two uploads at once (two tabs, a double click) must not pass the limit.
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.is_draft:
        if application.attachments.count() >= MAX_ATTACHMENTS:
            raise TooManyAttachments(
                _("Du kan legge ved høyst 5 filer. Fjern en fil før du legger til en ny.")
            )
    elif message is None and not application.can_add_documents:
        # Documents on their own only until the decision; with a message (a reply or
        # an appeal's evidence) as long as the case is not withdrawn or closed.
        raise ApplicationError(_("Det kan ikke sendes flere dokumenter i denne saken."))
    attachment = Attachment(
        application=application,
        message=message,
        kind=kind,
        original_name=clean_file_name(uploaded.name or ""),
        content_type=content_type,
        size=uploaded.size or 0,
        uploaded_by=user,
        after_submission=not application.is_draft,
    )
    uploaded.seek(0)
    attachment.file.save("upload", uploaded, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    if application.is_draft:
        application.updated_at = timezone.now()
        application.save(update_fields=["updated_at"])
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment) -> None:
    application = Application.objects.select_for_update().get(pk=attachment.application_id)
    if not application.is_draft:
        raise ApplicationError(_("Vedlegg kan bare fjernes før søknaden er sendt."))
    name = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    if name:
        transaction.on_commit(partial(storage.delete, name))


@transaction.atomic
def add_documents(
    *, application: Application, user: User, files: Sequence[UploadedFile[bytes]]
) -> list[Attachment]:
    """More documents after submission, any time before the decision."""
    # Locked: see _check_may_act.
    application = Application.objects.select_for_update().get(pk=application.pk)
    _check_may_act(application, user)
    if not application.can_add_documents:
        raise ApplicationError(_("Det kan ikke sendes flere dokumenter i denne saken."))
    attachments = [add_attachment(application=application, uploaded=f, user=user) for f in files]
    record_event(
        application=application,
        kind=ApplicationEvent.Kind.DOCUMENTS_ADDED,
        actor=user,
        action="referrals.case.documents_added",
        data={"count": len(attachments)},
    )
    if attachments:
        notify_caseworker(application=application)
    return attachments


# --- submission -------------------------------------------------------------------


def missing_steps(application: Application) -> list[str]:
    """The steps that still lack a required answer (the basis for acting on behalf,
    the person's name and identity number, the need)."""
    if caregiver.is_caregiver_application(application):
        return caregiver.missing_steps(application)
    missing = []
    if application.on_behalf is None:
        missing.append("who")
    elif application.on_behalf and not _basis_consistent(application):
        missing.append("basis")
    elif application.on_behalf and not _basis_recorded(application):
        missing.append("basis_details")
    if not application.person_name or not application.person_national_id:
        missing.append("person")
    if application.on_behalf and not (application.applicant_phone or application.applicant_email):
        missing.append("contact")
    if not application.wants or not application.need_description:
        missing.append("need")
    return missing


def _basis_consistent(application: Application) -> bool:
    """Someone applying on behalf of another states the relation and a basis that fits
    it: a guardian by the guardianship, a holder of a power of attorney by it."""
    Basis, Relation = Application.Basis, Application.Relation
    relation, basis = application.relation, application.basis
    return bool(relation and basis) and not (
        (relation == Relation.GUARDIAN) != (basis == Basis.GUARDIANSHIP)
        or (relation == Relation.POWER_OF_ATTORNEY and basis != Basis.POWER_OF_ATTORNEY)
    )


def _basis_recorded(application: Application) -> bool:
    """What the basis needs is there: why the person cannot consent, what the power of
    attorney covers, the guardianship document."""
    Basis = Application.Basis
    checks = [
        application.basis != Basis.CANNOT_CONSENT or bool(application.cannot_consent_reason),
        application.basis != Basis.POWER_OF_ATTORNEY or bool(application.power_of_attorney_scope),
        application.basis != Basis.GUARDIANSHIP
        or application.attachments.filter(kind=Attachment.Kind.GUARDIANSHIP).exists(),
    ]
    return all(checks)


def _next_reference(year: int) -> str:
    # The sequence row is locked until the surrounding transaction ends, so two
    # submissions at the same moment get consecutive numbers, never the same one.
    sequence = ReferenceSequence.objects.select_for_update().filter(year=year).first()
    if sequence is None:
        try:
            with transaction.atomic():
                ReferenceSequence.objects.create(year=year, last_number=0)
        except IntegrityError:
            pass  # created by a concurrent submission; lock it below
        sequence = ReferenceSequence.objects.select_for_update().get(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{year}-{sequence.last_number:06d}"


def expected_decision_date(*, service_type: ServiceType, submitted: date) -> date:
    return submitted + timedelta(days=service_type.processing_days)


def identity_of(application: Application, *, verified_national_id: str) -> str:
    """How the person's identity number is known: verified only when the applicant
    applies for themselves, in a session that logged in with ID-porten, under the
    number ID-porten gave (``verified_national_id``, from the session, never from a
    form). Anything else (a local account, or someone else's number) is only stated."""
    if (
        application.on_behalf is False
        and verified_national_id
        and application.person_national_id == verified_national_id
    ):
        return Application.Identity.VERIFIED
    return Application.Identity.STATED


@transaction.atomic
def submit_application(
    *,
    application: Application,
    user: User,
    confirmed_truthful: bool,
    verified_national_id: str = "",
) -> Application:
    """Turn a draft into a submitted application. ``verified_national_id`` is the
    identity number the session proved with ID-porten (``portal.oidc.verified_national_id``),
    or "" for a session that did not log in with ID-porten.

    Idempotent: a double click or back-and-resubmit finds the row already submitted
    (the lock makes the second request wait for the first) and returns it unchanged.
    """
    # Locked: two submit requests for the same draft run one after the other, and the
    # second sees the status the first wrote.
    application = (
        Application.objects.select_for_update()
        .select_related("service_type")
        .get(pk=application.pk)
    )
    if not application.is_draft:
        return application
    if not confirmed_truthful:
        raise ApplicationError(_("Bekreft at opplysningene er riktige før du sender søknaden."))
    missing = missing_steps(application)
    if missing:
        raise IncompleteApplication(missing)
    if (
        application.on_behalf is False
        and verified_national_id
        and application.person_national_id != verified_national_id
    ):
        # A draft typed before logging in with ID-porten: applying for oneself, the
        # number must be one's own. The person step shows it, locked, once saved again.
        raise IncompleteApplication(
            ["person"],
            _(
                "Du er logget inn med ID-porten og søker for deg selv. Åpne steget "
                "«Personen søknaden gjelder» og lagre det, så brukes ditt bekreftede "
                "fødselsnummer."
            ),
        )
    application.person_identity = identity_of(
        application, verified_national_id=verified_national_id
    )
    now = timezone.now()
    application.reference = _next_reference(timezone.localdate(now).year)
    application.status = Status.SUBMITTED
    application.confirmed_truthful = True
    application.submitted_at = now
    application.updated_at = now
    application.due_date = expected_decision_date(
        service_type=application.service_type, submitted=timezone.localdate(now)
    )
    application.save()
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.SUBMITTED,
        status=Status.SUBMITTED,
        actor=user,
        at=now,
    )
    notify_citizen(application=application, template="referrals/emails/submitted.txt")
    logger.info("Application %s submitted", application.reference)
    return application


# --- e-mail -----------------------------------------------------------------------


# --- the life of a case (also used by the casework side) --------------------------


def _check_may_act(application: Application, user: User) -> None:
    """Checked again under the row lock: the person may have ended the access of the
    one who applied for them a moment ago (the views check it first)."""
    if not access_for(user=user, application=application).may_act:
        raise ApplicationError(_("Du har ikke lenger tilgang til denne saken."))


@transaction.atomic
def withdraw_application(*, application: Application, user: User) -> Application:
    # Locked: see _check_may_act (change_status locks the same row again).
    application = Application.objects.select_for_update().get(pk=application.pk)
    _check_may_act(application, user)
    if not application.can_withdraw:
        raise ApplicationError(_("Søknaden kan ikke trekkes tilbake nå."))
    return change_status(application=application, status=Status.WITHDRAWN, actor=user)


@transaction.atomic
def send_message_to_applicant(
    *,
    application: Application,
    sender: User,
    body: str,
    reply_by: date | None = None,
    notify: bool = True,
) -> Message:
    """A caseworker asks for more information (casework side; used by tests here).
    ``notify=False``: no e-mail (a letter's dispatch tells the recipients instead)."""
    message = Message.objects.create(
        application=application, sender=sender, from_municipality=True, body=body, reply_by=reply_by
    )
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.MESSAGE_FROM_MUNICIPALITY,
        status=application.status,
        actor=sender,
    )
    if reply_by is not None and application.status != Status.AWAITING_INFORMATION:
        change_status(application=application, status=Status.AWAITING_INFORMATION, actor=sender)
    elif notify:
        notify_citizen(
            application=application, template="referrals/emails/new_message.txt", about=message
        )
    return message


@transaction.atomic
def reply_to_municipality(
    *,
    application: Application,
    user: User,
    body: str,
    files: Sequence[UploadedFile[bytes]] = (),
    in_reply_to: Message | None = None,
) -> Message:
    # Locked: a reply and a withdrawal or decision may arrive together.
    application = Application.objects.select_for_update().get(pk=application.pk)
    _check_may_act(application, user)
    if application.status in (Status.WITHDRAWN, Status.CLOSED):
        raise ApplicationError(_("Saken er avsluttet. Kontakt kommunen hvis du har spørsmål."))
    message = Message.objects.create(
        application=application,
        sender=user,
        from_municipality=False,
        body=body,
        in_reply_to=in_reply_to,
    )
    for uploaded in files:
        add_attachment(application=application, uploaded=uploaded, user=user, message=message)
    Message.objects.filter(
        application=application, from_municipality=True, answered_at__isnull=True
    ).update(answered_at=timezone.now())
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.MESSAGE_FROM_APPLICANT,
        status=application.status,
        actor=user,
    )
    if application.status == Status.AWAITING_INFORMATION:
        change_status(
            application=application, status=Status.UNDER_ASSESSMENT, actor=user, notify=False
        )
    notify_caseworker(application=application)
    return message


@transaction.atomic
def file_appeal(
    *, application: Application, user: User, reasons: str, wanted_outcome: str = ""
) -> Appeal:
    # Locked: a double click on "send appeal" must file one appeal.
    application = Application.objects.select_for_update().get(pk=application.pk)
    _check_may_act(application, user)
    if application.status != Status.DECIDED:
        raise ApplicationError(_("Du kan bare klage på et vedtak som er fattet."))
    decision = application.decisions.order_by("-issued_at", "-pk").first()
    if decision is None:
        raise ApplicationError(_("Du kan bare klage på et vedtak som er fattet."))
    if not reasons.strip():
        raise ValidationError(_("Skriv hvorfor du klager."))
    appeal = Appeal.objects.create(
        application=application,
        decision=decision,
        submitted_by=user,
        reasons=reasons,
        wanted_outcome=wanted_outcome,
        late=timezone.localdate() > decision.appeal_deadline,
    )
    change_status(application=application, status=Status.APPEALED, actor=user)
    return appeal


# --- the person ends the access of the one who applied for them --------------------


@transaction.atomic
def end_representative_access(*, application: Application, user: User) -> Application:
    """The person ends the access of the one who applied on their behalf (consent
    withdrawn, power of attorney revoked; see ``referrals.cases.representation``). Written
    on the timeline and in the access log, and the representative is told by e-mail
    (the reference and a link only). Ending it again changes nothing."""
    # Locked: a double click or a second tab must end it once (one event, one e-mail),
    # and a reply from the representative waits for the end (``_check_may_act``).
    application = (
        Application.objects.select_for_update().select_related("applicant").get(pk=application.pk)
    )
    access = access_for(user=user, application=application)
    if access.standing == Standing.PERSON and access.ended_at is not None:
        return application
    if not access.may_end_representation:
        raise ApplicationError(_("Du kan ikke avslutte tilgangen til den som søkte i denne saken."))
    now = timezone.now()
    application.representative_access_ended_at = now
    application.representative_access_ended_by = user
    application.updated_at = now
    application.save(
        update_fields=[
            "representative_access_ended_at",
            "representative_access_ended_by",
            "updated_at",
        ]
    )
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.REPRESENTATIVE_ACCESS_ENDED,
        status=application.status,
        actor=user,
        at=now,
    )
    log_access(
        user=user,
        action=CHANGE,
        object_type="representative_access",
        object_id=str(application.applicant_id),
        application=application,
        detail="ended by the person",
    )
    _tell_representative_access_ended(application)
    logger.info("Representative access ended on %s", application.reference)
    return application


def _tell_representative_access_ended(application: Application) -> None:
    address = applicant_address(application)
    if not address:
        return
    link = settings.SITE_URL + reverse(
        "referrals:application_detail", kwargs={"reference": application.reference}
    )
    queue_email(
        to=[address],
        template="referrals/mine/emails/representative_access_ended.txt",
        context={
            "reference": application.reference,
            "link": link,
            "municipality_name": settings.MUNICIPALITY_NAME,
        },
        language=application.language,
    )
