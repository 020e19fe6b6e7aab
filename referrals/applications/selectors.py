"""Reads for the citizen pages. One helper per object fetches it *and* checks that the
user may see it; everything else is a 404, and the refused attempt is logged (never
with an identity number: references and database ids only). Which items of a case the
user may see (the person, or the one who applied on their behalf) is decided by
``referrals.cases.representation.may_see``."""

import logging
from dataclasses import dataclass
from functools import partial
from typing import TypedDict
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from catalogue.models import Offer, ServiceType
from portal.models import User
from referrals.cases import presentation, representation
from referrals.cases.access import Viewer
from referrals.cases.models import (
    Appeal,
    Application,
    ApplicationEvent,
    ApplicationQuerySet,
    Attachment,
    Decision,
    Message,
)
from referrals.cases.presentation import CitizenStatus
from referrals.cases.representation import Aspect
from referrals.letters.models import LetterDispatch, PreliminaryReply

access_logger = logging.getLogger("referrals.cases.access")


def _refuse(*, user: Viewer, what: str, key: str) -> Http404:
    access_logger.warning(
        "Refused access to %s %s for user %s", what, key, getattr(user, "pk", None)
    )
    return Http404()


def service_types_open() -> QuerySet[ServiceType]:
    return ServiceType.objects.filter(active=True)


def offers_for_service_type(service_type: ServiceType) -> QuerySet[Offer]:
    """The published offers one can ask for when applying for ``service_type``."""
    return (
        Offer.objects.published()
        .filter(participation=Offer.Participation.APPLICATION, service_type=service_type)
        .select_related("unit")
        .order_by("title")
    )


def applications_for_user(user: Viewer) -> ApplicationQuerySet:
    """Applications the user filed, and submitted applications about them where both
    numbers are verified: the user's (``national_id`` is only ever set from ID-porten)
    and the application's (``Application.person_identity``). A number someone
    only typed in never joins a case to an account: the list, the case page, its
    attachments, letters and the personal-data download all read through here."""
    if not user.is_authenticated:
        return Application.objects.none()
    condition = Q(applicant=user)
    national_id = representation.verified_national_id(user)
    if national_id:
        condition |= (
            Q(person_national_id=national_id)
            & representation.joins_by_number()
            & ~Q(status=Application.Status.DRAFT)
        )
    return Application.objects.filter(condition)


def my_applications(user: Viewer) -> QuerySet[Application]:
    # The appeals and decisions give each case's status as the citizen reads it
    # (``list_status``): two queries for the whole list.
    return (
        applications_for_user(user)
        .submitted()
        .select_related("service_type")
        .prefetch_related("appeals", "decisions")
        .order_by("-submitted_at")
    )


def list_status(application: Application) -> CitizenStatus:
    """The status of one case of ``my_applications`` as the citizen's pages tell it."""
    decisions = list(application.decisions.all())
    return presentation.citizen_status(
        application,
        appeals=list(application.appeals.all()),
        latest_decision=decisions[-1] if decisions else None,
    )


def my_drafts(user: Viewer) -> QuerySet[Application]:
    if not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.drafts()
        .filter(applicant=user)
        .select_related("service_type")
        .order_by("-updated_at")
    )


def my_submitted_by_key(*, user: User, public_id: UUID) -> Application | None:
    """An application this user filed, found by its draft key (for the back button and
    a repeated submit after it was sent)."""
    return Application.objects.submitted().filter(applicant=user, public_id=public_id).first()


def get_draft_for_user(*, user: User, public_id: UUID) -> Application:
    """A draft is only ever seen by the person who started it."""
    application = (
        Application.objects.drafts()
        .filter(applicant=user, public_id=public_id)
        .select_related("service_type")
        .first()
    )
    if application is None:
        raise _refuse(user=user, what="draft", key=str(public_id))
    return application


def get_application_for_user(*, user: Viewer, reference: str) -> Application:
    application = (
        applications_for_user(user)
        .submitted()
        .filter(reference=reference)
        .select_related("service_type", "applicant")
        .first()
    )
    if application is None:
        raise _refuse(user=user, what="application", key=reference)
    return application


def get_application_to_act_on(*, user: Viewer, reference: str) -> Application:
    """A case the user may act on (reply, send documents, withdraw, appeal): the person,
    or a representative whose access the person has not ended. Anyone else: 404."""
    application = get_application_for_user(user=user, reference=reference)
    if not representation.access_for(user=user, application=application).may_act:
        raise _refuse(user=user, what="application", key=reference)
    return application


def get_representation_to_end(*, user: Viewer, reference: str) -> Application:
    """A case where the user is the person and may end the access of the one who
    applied for them (or has ended it already: ending it again changes nothing).
    Anyone else, and the person when that one is their verge: 404."""
    application = get_application_for_user(user=user, reference=reference)
    access = representation.access_for(user=user, application=application)
    ended = access.standing == representation.Standing.PERSON and access.ended_at is not None
    if not (access.may_end_representation or ended):
        raise _refuse(user=user, what="representation", key=reference)
    return application


def get_attachment_for_user(*, user: Viewer, reference: str, public_id: UUID) -> Attachment:
    application = get_application_for_user(user=user, reference=reference)
    attachment = application.attachments.filter(public_id=public_id).first()
    access = representation.access_for(user=user, application=application)
    if attachment is None or not representation.may_see(access, attachment):
        raise _refuse(user=user, what="attachment", key=f"{reference}/{public_id}")
    return attachment


def get_draft_attachment_for_user(
    *, user: Viewer, draft: Application, public_id: UUID
) -> Attachment:
    attachment = draft.attachments.filter(public_id=public_id).first()
    if attachment is None:
        raise _refuse(user=user, what="attachment", key=str(public_id))
    return attachment


def get_decision_for_user(*, user: Viewer, reference: str, decision_id: int) -> Decision:
    application = get_application_for_user(user=user, reference=reference)
    decision = application.decisions.filter(pk=decision_id).exclude(letter="").first()
    access = representation.access_for(user=user, application=application)
    if decision is None or not representation.may_see(access, decision):
        raise _refuse(user=user, what="decision", key=f"{reference}/{decision_id}")
    return decision


def get_preliminary_reply_for_user(
    *, user: Viewer, reference: str, reply_id: int
) -> PreliminaryReply:
    """A preliminary reply letter, for those who may read the case's letters."""
    application = get_application_for_user(user=user, reference=reference)
    reply = application.preliminary_replies.filter(pk=reply_id).exclude(letter="").first()
    access = representation.access_for(user=user, application=application)
    if reply is None or not representation.may_see(access, reply):
        raise _refuse(user=user, what="preliminary_reply", key=f"{reference}/{reply_id}")
    return reply


@dataclass(frozen=True)
class CaseMessage:
    """A message as the viewer sees it: with the attachments they may see, and who
    sent it from their point of view ("municipality", "you", "applicant", "person";
    for the last two ``sender_name`` names them, never a member of staff)."""

    message: Message
    attachments: list[Attachment]
    sender: str
    sender_name: str = ""


def _case_message(
    message: Message, *, access: representation.Access, application: Application
) -> CaseMessage:
    attachments = representation.visible(access, message.attachments.all())
    if message.from_municipality:
        return CaseMessage(message, attachments, "municipality")
    if message.sender_id is not None and message.sender_id == access.user_id:
        return CaseMessage(message, attachments, "you")
    if message.sender_id is not None and message.sender_id == application.applicant_id:
        name = application.applicant_name or application.applicant.full_name
        return CaseMessage(message, attachments, "applicant", name)
    return CaseMessage(message, attachments, "person", application.person_name)


class ApplicationPage(TypedDict):
    access: representation.Access
    status_visible: bool
    letters_allowed: bool
    events: list[ApplicationEvent]
    case_messages: list[CaseMessage]
    attachments: list[Attachment]
    decisions: list[Decision]
    latest_decision: Decision | None
    preliminary_replies: list[PreliminaryReply]
    appeals: list[Appeal]
    open_request: Message | None
    preferred_offers: list[Offer]
    citizen_status: CitizenStatus
    no_decision_text: str


def application_page_data(*, user: Viewer, application: Application) -> ApplicationPage:
    """Everything the citizen's case page shows this user, in a fixed number of
    queries: each item filtered by ``representation.may_see``."""
    access = representation.access_for(user=user, application=application)
    visible = partial(representation.visible, access)
    messages = visible(
        application.messages.prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at", "pk"))
        )
    )
    decisions = visible(application.decisions.all())
    # A request for information is open only while the case is: never after a
    # decision, a withdrawal or the case being closed.
    open_requests = [
        m for m in messages if m.from_municipality and m.answered_at is None and application.is_open
    ]
    # With Statsforvalteren's outcome, when the appeal was forwarded (casework's record).
    appeals = visible(application.appeals.select_related("forwarding"))
    latest = decisions[-1] if decisions else None
    preliminary_replies = visible(application.preliminary_replies.all())
    _attach_dispatches(decisions, preliminary_replies, access)
    return {
        "access": access,
        "status_visible": representation.may_see(access, Aspect.STATUS),
        "letters_allowed": representation.may_see(access, Aspect.LETTERS),
        "events": visible(application.events.filter(visible_to_citizen=True)),
        "case_messages": [
            _case_message(message, access=access, application=application) for message in messages
        ],
        "attachments": visible(application.attachments.filter(message__isnull=True)),
        "decisions": decisions,
        "latest_decision": latest,
        "preliminary_replies": preliminary_replies,
        "appeals": appeals,
        "open_request": max(open_requests, key=lambda m: (m.created_at, m.pk), default=None),
        "preferred_offers": list(application.preferred_offers.all()),
        "citizen_status": presentation.citizen_status(
            application, appeals=appeals, latest_decision=latest
        ),
        "no_decision_text": presentation.no_decision_text(application.status),
    }


# Whose dispatch the viewer reads: the party's, or the representative's copy.
DISPATCH_FOR_STANDING = {
    representation.Standing.PERSON: LetterDispatch.Recipient.PARTY,
    representation.Standing.REPRESENTATIVE: LetterDispatch.Recipient.REPRESENTATIVE,
}


def _attach_dispatches(
    decisions: list[Decision], replies: list[PreliminaryReply], access: representation.Access
) -> None:
    """Set ``dispatch`` on each decision and preliminary reply to how the viewer's own
    copy of the letter went (the page says what really happened: the inbox and an
    e-mail, or the post), or None. One query, only when there are letters."""
    recipient = DISPATCH_FOR_STANDING.get(access.standing)
    by_decision: dict[int | None, LetterDispatch] = {}
    by_reply: dict[int | None, LetterDispatch] = {}
    if (decisions or replies) and recipient is not None:
        for dispatch in LetterDispatch.objects.filter(
            Q(decision__in=decisions) | Q(preliminary_reply__in=replies), recipient=recipient
        ):
            if dispatch.decision_id is not None:
                by_decision[dispatch.decision_id] = dispatch
            else:
                by_reply[dispatch.preliminary_reply_id] = dispatch
    for decision in decisions:
        decision.dispatch = by_decision.get(decision.pk)  # type: ignore[attr-defined]
    for reply in replies:
        reply.dispatch = by_reply.get(reply.pk)  # type: ignore[attr-defined]


class ReceiptData(TypedDict):
    attachments: list[Attachment]
    status_visible: bool


def receipt_data(*, user: Viewer, application: Application) -> ReceiptData:
    """What the receipt (page and PDF) shows this user besides the answers: the
    documents sent outside messages that they may see, and whether the status is theirs
    to follow."""
    access = representation.access_for(user=user, application=application)
    return {
        "attachments": representation.visible(
            access, application.attachments.filter(message__isnull=True)
        ),
        "status_visible": representation.may_see(access, Aspect.STATUS),
    }


def latest_decision(application: Application) -> Decision | None:
    return application.decisions.order_by("-issued_at", "-pk").first()


class PostalAddress(TypedDict):
    street: str
    postcode: str
    place: str


def known_postal_address(user: User) -> PostalAddress | None:
    """The postal address ``user`` gave for themselves in their latest submitted
    application (their own address when they applied for themselves, else the address
    they gave as the one who applied), to prefill the wizard. The portal keeps no
    address on the account; in production a verified identity's address would come
    from Folkeregisteret."""
    latest = (
        Application.objects.submitted()
        .filter(applicant=user)
        .order_by("-submitted_at", "-pk")
        .only(
            "on_behalf",
            "person_address",
            "person_postcode",
            "person_place",
            "applicant_address",
            "applicant_postcode",
            "applicant_place",
        )
        .first()
    )
    if latest is None:
        return None
    if latest.on_behalf:
        address = PostalAddress(
            street=latest.applicant_address,
            postcode=latest.applicant_postcode,
            place=latest.applicant_place,
        )
    else:
        address = PostalAddress(
            street=latest.person_address,
            postcode=latest.person_postcode,
            place=latest.person_place,
        )
    return address if all(address.values()) else None
