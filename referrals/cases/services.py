"""Changes every room makes to a case: its status and the timeline, and the e-mails
that tell the people of a case there is news (the reference and a link only)."""

from collections.abc import Collection, Mapping
from datetime import datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from portal.emails import queue_email
from portal.models import User
from portal.oidc import has_placeholder_email
from referrals.cases import events
from referrals.cases.models import (
    Application,
    ApplicationEvent,
    Message,
)
from referrals.cases.representation import Aspect, access_for, may_see

Status = Application.Status


# Statuses the citizen is told about by e-mail (the first, "submitted", has its own
# receipt e-mail).
NOTIFY_STATUSES = {
    Status.RECEIVED,
    Status.UNDER_ASSESSMENT,
    Status.AWAITING_INFORMATION,
    Status.DECIDED,
    Status.APPEALED,
    Status.WITHDRAWN,
    Status.CLOSED,
}


# A status with an e-mail of its own (the others say there is news in the case): the
# withdrawal is confirmed.
STATUS_EMAILS: dict[str, str] = {Status.WITHDRAWN: "referrals/emails/withdrawn.txt"}


class ApplicationError(Exception):
    """A change the application's state does not allow; ``message`` is for the user."""

    def __init__(self, message: StrOrPromise) -> None:
        super().__init__(str(message))
        self.message = message


def applicant_address(application: Application) -> str:
    address = application.applicant_email or application.applicant.email
    if has_placeholder_email(application.applicant) and not application.applicant_email:
        return ""  # an ID-porten account without a real address yet
    return address


def recipients(
    application: Application, *, about: Aspect | Message = Aspect.STATUS
) -> list[tuple[str, str]]:
    """(address, language) pairs: the applicant, when they may see what the e-mail is
    ``about`` (``representation.may_see``: one who applied on the person's behalf is
    not told of a message they may not read, nor of anything after the person ended
    their access), and, when it is someone else and they have an address, the person.
    Only the reference and a link are ever sent."""
    recipients: list[tuple[str, str]] = []
    address = applicant_address(application)
    applicant_access = access_for(user=application.applicant, application=application)
    if address and may_see(applicant_access, about):
        recipients.append((address, application.language))
    if application.on_behalf and application.person_email:
        person_language = (
            application.person_language
            if application.person_language in ("nb", "nn", "en")
            else "nb"
        )
        if application.person_email.lower() != (address or "").lower():
            recipients.append((application.person_email, person_language))
    return recipients


def notify_citizen(
    *,
    application: Application,
    template: str,
    about: Aspect | Message = Aspect.STATUS,
    exclude: Collection[str] = (),
) -> None:
    """E-mail the people of ``recipients`` that there is news ``about`` the case (not
    the addresses in ``exclude``, lower case: told otherwise)."""
    link = settings.SITE_URL + reverse(
        "referrals:application_detail", kwargs={"reference": application.reference}
    )
    for address, language in recipients(application, about=about):
        if address.lower() in exclude:
            continue
        queue_email(
            to=[address],
            template=template,
            context={
                "reference": application.reference,
                "link": link,
                "status": application.status,
                "municipality_name": settings.MUNICIPALITY_NAME,
            },
            language=language,
        )


CASEWORKER_NOTICE = "referrals/mine/emails/caseworker_notice.txt"


def notify_caseworker(*, application: Application, template: str = CASEWORKER_NOTICE) -> None:
    """Tell the assigned caseworker that something came in on the case (by default: the
    citizen replied or sent documents; ``template`` says what else): the reference and
    a link to the case only (never health details or identity numbers), queued after
    commit. Nobody assigned: nothing is sent."""
    # Read fresh: the case may have been (re)assigned since the caller fetched it.
    caseworker = (
        Application.objects.filter(pk=application.pk).values_list("caseworker", flat=True).first()
    )
    if caseworker is None:
        return
    user = get_user_model().objects.filter(pk=caseworker, is_active=True).first()
    if user is None or not user.email or has_placeholder_email(user):
        return
    link = settings.SITE_URL + reverse(
        "referrals:case", kwargs={"reference": application.reference}
    )
    queue_email(
        to=[user.email],
        template=template,
        context={
            "reference": application.reference,
            "link": link,
            "municipality_name": settings.MUNICIPALITY_NAME,
        },
        language="nb",
    )


ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.SUBMITTED: {
        Status.RECEIVED,
        Status.UNDER_ASSESSMENT,
        Status.AWAITING_INFORMATION,
        Status.WITHDRAWN,
        Status.CLOSED,
    },
    Status.RECEIVED: {
        Status.UNDER_ASSESSMENT,
        Status.AWAITING_INFORMATION,
        Status.WITHDRAWN,
        Status.CLOSED,
    },
    Status.UNDER_ASSESSMENT: {
        Status.AWAITING_INFORMATION,
        Status.DECIDED,
        Status.WITHDRAWN,
        Status.CLOSED,
    },
    Status.AWAITING_INFORMATION: {
        Status.UNDER_ASSESSMENT,
        Status.DECIDED,
        Status.WITHDRAWN,
        Status.CLOSED,
    },
    Status.DECIDED: {Status.APPEALED, Status.CLOSED},
    Status.APPEALED: {Status.UNDER_ASSESSMENT, Status.DECIDED, Status.CLOSED},
    Status.CLOSED: {Status.UNDER_ASSESSMENT},
    Status.WITHDRAWN: set(),
}


@transaction.atomic
def change_status(
    *,
    application: Application,
    status: str,
    actor: User | None,
    action: str = "",
    data: Mapping[str, Any] | None = None,
    notify: bool = True,
) -> Application:
    """Move the case to ``status``; the timeline gets the change, with ``action`` and
    ``data`` (referrals.cases.events) when there is more to say than the status."""
    # Locked: a caseworker and the citizen (withdrawing) can act on the same case at once.
    application = Application.objects.select_for_update().get(pk=application.pk)
    if status == application.status:
        return application
    if status not in ALLOWED_TRANSITIONS.get(application.status, set()):
        raise ApplicationError(
            _("Saken kan ikke gå fra «%(old)s» til «%(new)s».")
            % {"old": application.get_status_display(), "new": Status(status).label}
        )
    now = timezone.now()
    application.status = status
    application.updated_at = now
    if status == Status.WITHDRAWN:
        application.withdrawn_at = now
    if status == Status.DECIDED:
        application.decided_at = now
    application.save()
    kind = {
        Status.WITHDRAWN: ApplicationEvent.Kind.WITHDRAWN,
        Status.DECIDED: ApplicationEvent.Kind.DECIDED,
        Status.APPEALED: ApplicationEvent.Kind.APPEALED,
    }.get(Status(status), ApplicationEvent.Kind.STATUS_CHANGED)
    record_event(
        application=application,
        kind=kind,
        status=status,
        actor=actor,
        action=action,
        data=data,
        visible_to_citizen=True,
        at=now,
    )
    if notify and status in NOTIFY_STATUSES:
        notify_citizen(
            application=application,
            template=STATUS_EMAILS.get(status, "referrals/emails/status_changed.txt"),
        )
    return application


def record_event(
    *,
    application: Application,
    action: str,
    actor: User | None,
    data: Mapping[str, Any] | None = None,
    kind: str = ApplicationEvent.Kind.INTERNAL,
    status: str | None = None,
    visible_to_citizen: bool | None = None,
    at: datetime | None = None,
) -> ApplicationEvent:
    """Put an event on the case's timeline: what happened as an action code and its
    data (``referrals.cases.events.ACTIONS``), never a sentence; the text is made in
    the reader's language when the event is shown. ``action`` may be blank only for a
    status change that needs no more words. Internal events are hidden from the
    citizen unless ``visible_to_citizen`` says otherwise; the status defaults to the
    case's."""
    data = data or {}
    if action:
        data = events.stored(action, data)
    elif data:
        raise ValueError("Timeline data without an action code")
    if visible_to_citizen is None:
        visible_to_citizen = kind != ApplicationEvent.Kind.INTERNAL
    return ApplicationEvent.objects.create(
        application=application,
        kind=kind,
        status=application.status if status is None else status,
        actor=actor,
        action=action,
        data=data,
        visible_to_citizen=visible_to_citizen,
        at=at or timezone.now(),
    )


def record_internal_event(
    *,
    application: Application,
    actor: User | None,
    action: str,
    data: Mapping[str, Any] | None = None,
) -> None:
    """An event only the municipality sees (``record_event`` of kind "internal")."""
    record_event(application=application, actor=actor, action=action, data=data)


def delete_with_files(application: Application) -> None:
    """Delete a case with its timeline and attachments; the files go from storage once
    the transaction has committed (a rollback keeps them)."""
    files = [attachment.file for attachment in application.attachments.all()]
    application.events.all().delete()
    application.attachments.all().delete()
    application.delete()
    for file in files:
        if file.name:
            transaction.on_commit(partial(file.storage.delete, file.name))
