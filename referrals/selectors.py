"""Reads for the citizen pages. One helper per object fetches it *and* checks that the
user may see it; everything else is a 404, and the refused attempt is logged (never
with an identity number: references and database ids only)."""

import logging

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from catalogue.models import Offer
from referrals.models import (
    Application,
    ApplicationEvent,
    Attachment,
    Decision,
    Message,
    ServiceType,
)

access_logger = logging.getLogger("referrals.access")


def _refuse(*, user, what: str, key: str) -> Http404:
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


def applications_for_user(user) -> QuerySet[Application]:
    """Applications the user filed, and submitted applications about them where both
    numbers are verified: the user's (``national_id`` is only ever set from ID-porten)
    and the application's (``Application.person_identity``). A number someone
    only typed in never joins a case to an account: the list, the case page, its
    attachments, letters and the personal-data download all read through here."""
    if not user.is_authenticated:
        return Application.objects.none()
    condition = Q(applicant=user)
    if user.national_id:
        condition |= (
            Q(person_national_id=user.national_id)
            & Q(person_identity=Application.Identity.VERIFIED)
            & ~Q(status=Application.Status.DRAFT)
        )
    return Application.objects.filter(condition)


def my_applications(user) -> QuerySet[Application]:
    return (
        applications_for_user(user)
        .submitted()
        .select_related("service_type")
        .order_by("-submitted_at")
    )


def my_drafts(user) -> QuerySet[Application]:
    if not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.drafts()
        .filter(applicant=user)
        .select_related("service_type")
        .order_by("-updated_at")
    )


def my_submitted_by_key(*, user, public_id) -> Application | None:
    """An application this user filed, found by its draft key (for the back button and
    a repeated submit after it was sent)."""
    return Application.objects.submitted().filter(applicant=user, public_id=public_id).first()


def get_draft_for_user(*, user, public_id) -> Application:
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


def get_application_for_user(*, user, reference: str) -> Application:
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


def may_see_letters(*, user, application: Application) -> bool:
    """The person always sees their letters; someone applying on their behalf only
    when the person agreed that they may receive copies (or they act as verge or
    with a power of attorney, where the law gives them the letters)."""
    if (
        user.national_id
        and application.identity_verified
        and user.national_id == application.person_national_id
    ):
        return True
    if application.applicant_id != user.pk:
        return False
    if not application.on_behalf:
        return True
    return application.applicant_may_receive_copies or application.relation in (
        Application.Relation.GUARDIAN,
        Application.Relation.POWER_OF_ATTORNEY,
    )


def get_attachment_for_user(*, user, reference: str, public_id) -> Attachment:
    application = get_application_for_user(user=user, reference=reference)
    attachment = application.attachments.filter(public_id=public_id).first()
    if attachment is None:
        raise _refuse(user=user, what="attachment", key=f"{reference}/{public_id}")
    return attachment


def get_draft_attachment_for_user(*, user, draft: Application, public_id) -> Attachment:
    attachment = draft.attachments.filter(public_id=public_id).first()
    if attachment is None:
        raise _refuse(user=user, what="attachment", key=str(public_id))
    return attachment


def get_decision_for_user(*, user, reference: str, decision_id: int) -> Decision:
    application = get_application_for_user(user=user, reference=reference)
    decision = application.decisions.filter(pk=decision_id).exclude(letter="").first()
    if decision is None or not may_see_letters(user=user, application=application):
        raise _refuse(user=user, what="decision", key=f"{reference}/{decision_id}")
    return decision


def application_page_data(*, user, application: Application) -> dict:
    """Everything the citizen's case page shows, in a fixed number of queries."""
    events = application.events.filter(visible_to_citizen=True).select_related(None)
    messages = application.messages.prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at"))
    )
    letters_allowed = may_see_letters(user=user, application=application)
    decisions = list(application.decisions.all()) if letters_allowed else []
    latest_decision = decisions[-1] if decisions else None
    open_request = (
        application.messages.filter(from_municipality=True, answered_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    return {
        "events": list(events),
        "case_messages": list(messages),
        "attachments": list(application.attachments.filter(message__isnull=True)),
        "decisions": decisions,
        "latest_decision": latest_decision,
        "letters_allowed": letters_allowed,
        "appeals": list(application.appeals.all()),
        "open_request": open_request,
        "preferred_offers": list(application.preferred_offers.all()),
    }


def latest_decision(application: Application) -> Decision | None:
    return application.decisions.order_by("-issued_at", "-pk").first()


def message_for_application(*, application: Application, message_id: int) -> Message | None:
    return application.messages.filter(pk=message_id, from_municipality=True).first()


def visible_events(application: Application) -> QuerySet[ApplicationEvent]:
    return application.events.filter(visible_to_citizen=True)
