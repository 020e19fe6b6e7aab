"""Changes a caseworker makes to a case. Keyword-only, typed, atomic.

Status moves and messages reuse the citizen side's services (``referrals.applications.services``:
``change_status``, ``send_message_to_applicant``) so the timeline,
the e-mails and the allowed transitions stay in one place. Access is checked by the
views through ``referrals.cases.access`` before any of these is called.
"""

import hashlib
import logging
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Required, TypedDict, Unpack, cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Offer, Unit
from portal.emails import queue_email
from portal.models import User
from portal.oidc import has_placeholder_email
from portal.roles import Role
from referrals.applications import services
from referrals.capacity import selectors as capacity_selectors
from referrals.capacity import services as capacity
from referrals.cases import access
from referrals.cases import services as case_services
from referrals.cases.models import (
    Appeal,
    Application,
    ApplicationEvent,
    Consultation,
    Decision,
    DecisionContent,
    DecisionContentValues,
    Message,
)
from referrals.cases.services import ApplicationError, record_event, record_internal_event
from referrals.casework.models import AppealForwarding, Assessment, DecisionProposal, InternalNote
from referrals.letters import dispatch as letter_dispatch
from referrals.letters.case_file import render_appeal_case_file
from referrals.letters.models import LetterDispatch, PreliminaryReply
from referrals.letters.rendering import letter_language, render_preliminary_reply
from referrals.letters.services import freeze_decision_letter, notify_letter_ready
from referrals.letters.tasks import enqueue_letter

Status = Application.Status
logger = logging.getLogger(__name__)

DECIDABLE_STATUSES = (Status.UNDER_ASSESSMENT, Status.AWAITING_INFORMATION, Status.APPEALED)


class DecisionConflict(ApplicationError):
    """Someone else decided the case after this caseworker opened the form."""


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("service_type")
        .get(pk=application.pk)
    )


@transaction.atomic
def assign_case(*, application: Application, assignee: User, actor: User) -> Application:
    """Give the case to ``assignee`` (oneself or a colleague). A new case moves to
    "under assessment" when someone takes it."""
    # Locked: two caseworkers pressing "take" at once; the second sees the first's
    # assignment and the timeline gets the events in order.
    application = _locked(application)
    if application.status in Application.CLOSED_STATUSES:
        raise ApplicationError(_("Saken er avsluttet. Gjenåpne den før du tildeler den."))
    if not access.may_be_assigned(user=assignee, application=application):
        raise ApplicationError(
            _(
                "%(name)s kan ikke åpne denne saken. Velg en saksbehandler for "
                "tjenesten og bydelen saken gjelder."
            )
            % {"name": assignee.get_full_name()}
        )
    previous = application.caseworker
    application.caseworker = assignee
    application.updated_at = timezone.now()
    application.save(update_fields=["caseworker", "updated_at"])
    if previous is None:
        record_internal_event(
            application=application,
            actor=actor,
            action="referrals.case.assigned",
            data={"name": assignee.get_full_name()},
        )
    else:
        record_internal_event(
            application=application,
            actor=actor,
            action="referrals.case.reassigned",
            data={"old": previous.get_full_name(), "new": assignee.get_full_name()},
        )
    if application.status in (Status.SUBMITTED, Status.RECEIVED):
        application = case_services.change_status(
            application=application, status=Status.UNDER_ASSESSMENT, actor=actor
        )
    return application


@transaction.atomic
def close_case(*, application: Application, actor: User, reason: str) -> Application:
    if not reason.strip():
        raise ApplicationError(_("Skriv hvorfor saken avsluttes."))
    return case_services.change_status(
        application=application,
        status=Status.CLOSED,
        actor=actor,
        action="referrals.case.closed",
        data={"reason": reason.strip()},
    )


@transaction.atomic
def reopen_case(*, application: Application, actor: User) -> Application:
    application = _locked(application)
    if application.status != Status.CLOSED:
        raise ApplicationError(_("Bare avsluttede saker kan gjenåpnes."))
    return case_services.change_status(
        application=application, status=Status.UNDER_ASSESSMENT, actor=actor
    )


@transaction.atomic
def add_internal_note(*, application: Application, author: User, body: str) -> InternalNote:
    note = InternalNote.objects.create(application=application, author=author, body=body)
    record_internal_event(application=application, actor=author, action="referrals.case.note_added")
    return note


@transaction.atomic
def request_information(
    *, application: Application, actor: User, body: str, reply_by: date
) -> Message:
    """A message with a deadline; the case waits for the citizen's reply, which
    (``services.reply_to_municipality``) returns it to assessment."""
    # Locked: the citizen may withdraw or reply while the request is being sent.
    application = _locked(application)
    if application.status not in Application.OPEN_STATUSES:
        raise ApplicationError(_("Det kan ikke bes om opplysninger i en sak med denne statusen."))
    if reply_by <= timezone.localdate():
        raise ApplicationError(_("Svarfristen må være etter i dag."))
    # Already waiting: a new request with a new deadline keeps the status.
    return services.send_message_to_applicant(
        application=application, sender=actor, body=body, reply_by=reply_by
    )


@transaction.atomic
def send_message(*, application: Application, actor: User, body: str) -> Message:
    """A message without a deadline (the status does not change)."""
    return services.send_message_to_applicant(application=application, sender=actor, body=body)


def _check_not_decided_meanwhile(application: Application, decisions_seen: int) -> None:
    if application.decisions.count() != decisions_seen:
        raise DecisionConflict(
            _(
                "En annen saksbehandler har fattet vedtak i saken mens du skrev. "
                "Vedtaket ditt er ikke lagret. Teksten din står under, slik at du kan "
                "kopiere den."
            )
        )


def _check_second_approval(
    application: Application, *, actor: User, approved_by: User | None
) -> None:
    if application.service_type.requires_second_approval and (
        approved_by is None or approved_by == actor
    ):
        raise ApplicationError(
            _("Vedtak i denne tjenestetypen må godkjennes av en annen saksbehandler.")
        )


def latest_decision(application: Application) -> Decision | None:
    return application.decisions.order_by("-issued_at", "-pk").first()


def _record_and_freeze(
    *,
    application: Application,
    actor: User,
    outcome: str,
    legal_basis: str,
    approved_by: User | None,
    replaces: Decision | None,
    content: DecisionContentValues,
    before_letter: Callable[[Decision], None] | None = None,
) -> Decision:
    """Store the decision and its content, then (``before_letter``: the places given,
    which the letter states) try to render and freeze the letter. A renderer failure
    does not lose the decision: it is kept with its letter pending and a task renders it
    after commit (``referrals.letters.tasks``)."""
    issued_at = timezone.now()  # the letter states this date; the appeal deadline runs from it
    decision = Decision.objects.create(
        application=application,
        outcome=outcome,
        legal_basis=legal_basis or application.service_type.legal_basis,
        appeal_basis=application.service_type.appeal_basis,
        decided_by=actor,
        approved_by=approved_by,
        replaces=replaces,
        issued_at=issued_at,
        letter_status=Decision.LetterStatus.PENDING,
    )
    DecisionContent.objects.create(decision=decision, **content)
    if replaces is not None:
        # Marked, not altered: the old letter and its SHA-256 stay as they are.
        Decision.objects.filter(pk=replaces.pk).update(replaced_at=issued_at)
    if before_letter is not None:
        before_letter(decision)
    if not freeze_decision_letter(decision):
        enqueue_letter(decision)
    return decision


class DecisionValues(TypedDict, total=False):
    """What the caseworker decides: the same for a decision, a correction and a
    proposal awaiting a second approval (``DecisionProposal`` stores these fields)."""

    outcome: Required[str]
    legal_basis: Required[str]
    facts: Required[str]
    reasons: Required[str]
    offer: Offer | None
    weekdays: list[int] | None
    hours: str
    start_date: date | None
    review_date: date | None
    transport: bool
    meals: bool
    egenandel: str


DECISION_FIELDS = tuple(DecisionValues.__annotations__)


def _normalised(values: DecisionValues) -> DecisionValues:
    """Every field of DecisionValues; what only a grant has is emptied for any other
    outcome (a refusal carries no offer, weekdays or hours)."""
    unknown = set(values) - set(DECISION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown decision values: {', '.join(sorted(unknown))}")
    granted = values["outcome"] in Decision.GRANTING
    return {
        "outcome": values["outcome"],
        "legal_basis": values["legal_basis"],
        "facts": values["facts"],
        "reasons": values["reasons"],
        "offer": values.get("offer") if granted else None,
        "weekdays": sorted(values.get("weekdays") or []) if granted else [],
        "hours": values.get("hours", "") if granted else "",
        "start_date": values.get("start_date") if granted else None,
        "review_date": values.get("review_date") if granted else None,
        "transport": values.get("transport", False) if granted else False,
        "meals": values.get("meals", False) if granted else False,
        "egenandel": values.get("egenandel", "") if granted else "",
    }


def _issue(
    *,
    application: Application,
    actor: User,
    values: DecisionValues,
    approved_by: User | None,
    replaces: Decision | None,
    correction_reason: str = "",
) -> tuple[Decision, DecisionContentValues]:
    """What issuing and correcting share: the letter's content (the grant, the contact
    person, the language), the decision recorded and its letter frozen or pending."""
    decided = _normalised(values)
    # Every field of DecisionValues but the outcome and the legal basis, and the rest.
    content = cast(
        DecisionContentValues,
        {
            **{k: v for k, v in decided.items() if k not in ("outcome", "legal_basis")},
            "contact_name": actor.get_full_name(),
            "contact_phone": actor.phone,
            "contact_email": actor.email,
            "language": letter_language(application),
            "correction_reason": correction_reason,
            "approved_by_name": approved_by.get_full_name() if approved_by is not None else "",
        },
    )
    decision = _record_and_freeze(
        application=application,
        actor=actor,
        outcome=decided["outcome"],
        legal_basis=decided["legal_basis"],
        approved_by=approved_by,
        replaces=replaces,
        content=content,
        before_letter=lambda decision: _adjust_places(
            decision=decision, replaces=replaces, content=content, actor=actor
        ),
    )
    return decision, content


def _adjust_places(
    *, decision: Decision, replaces: Decision | None, content: DecisionContentValues, actor: User
) -> None:
    offer = content["offer"]
    if replaces is not None:
        capacity.move_places_to_new_decision(
            old=replaces,
            new=decision,
            offer=offer,
            weekdays=content["weekdays"],
            start_date=content["start_date"],
            actor=actor,
        )
    elif offer is not None:
        capacity.allocate_places(
            decision=decision,
            offer=offer,
            weekdays=content["weekdays"],
            start_date=content["start_date"],
        )
    if offer is not None or replaces is not None:
        # What each granted day got, as the letter and the citizen's page tell it.
        DecisionContent.objects.filter(decision=decision).update(
            day_places=capacity_selectors.day_places(decision)
        )


@transaction.atomic
def issue_decision(
    *,
    application: Application,
    actor: User,
    decisions_seen: int,
    approved_by: User | None = None,
    **values: Unpack[DecisionValues],
) -> Decision:
    """Issue a decision: store it with its content, render the letter in the person's
    language, freeze it with its SHA-256 and notify the citizen. If the renderer fails,
    the decision is still stored with its letter pending; the letter is rendered by a
    task and the citizen notified then (``decision.letter_pending`` tells the caller).

    ``decisions_seen`` is how many decisions the case had when the caseworker opened
    the form; if another caseworker decided in between, DecisionConflict is raised and
    nothing is stored.

    Service types that require a second approval are issued only through
    ``approve_decision`` (which passes ``approved_by``); use
    ``submit_decision_for_approval`` for them.
    """
    # Locked: two caseworkers deciding the same case at once. The second waits here
    # until the first commits, then sees its decision and gets a conflict.
    application = _locked(application)
    _check_not_decided_meanwhile(application, decisions_seen)
    if application.status not in DECIDABLE_STATUSES:
        raise ApplicationError(_("Saken kan ikke avgjøres i denne statusen."))
    _check_second_approval(application, actor=actor, approved_by=approved_by)
    if application.status == Status.APPEALED:
        # A new decision on an appealed case is the municipality's own reconsideration.
        Appeal.objects.filter(application=application, status=Appeal.Status.RECEIVED).update(
            status=Appeal.Status.GRANTED
        )
    replaces = latest_decision(application)
    decision, content = _issue(
        application=application,
        actor=actor,
        values=values,
        approved_by=approved_by,
        replaces=replaces,
    )
    case_services.change_status(
        application=application, status=Status.DECIDED, actor=actor, notify=False
    )
    if not decision.letter_pending:
        notify_letter_ready(decision)
    return decision


def _check_correctable(application: Application, decision: Decision) -> None:
    if application.status != Status.DECIDED:
        raise ApplicationError(_("Bare vedtak i en avgjort sak kan rettes."))
    latest = latest_decision(application)
    if latest is not None and latest.pk == decision.pk and latest.letter_pending:
        raise ApplicationError(
            _("Brevet til vedtaket lages. Vent til det er sendt før du retter vedtaket.")
        )
    if latest is None or latest.pk != decision.pk:
        raise DecisionConflict(
            _(
                "Vedtaket er allerede rettet eller erstattet av et nyere vedtak. Rettingen "
                "din er ikke lagret. Teksten din står under, slik at du kan kopiere den."
            )
        )


@transaction.atomic
def correct_decision(
    *,
    decision: Decision,
    actor: User,
    correction_reason: str,
    decisions_seen: int,
    approved_by: User | None = None,
    **values: Unpack[DecisionValues],
) -> Decision:
    """Correct an issued decision: a new decision referring to it (``replaces``), with
    a new frozen letter stating that it corrects and replaces the decision of that date
    and why. The old decision is marked as replaced; its letter and SHA-256 are never
    changed. The old grant's places are moved, ended or given anew
    (``capacity.move_places_to_new_decision``). Same rules as ``issue_decision``: the
    row lock, the conflict check (``decisions_seen``) and four eyes (through
    ``submit_decision_for_approval`` with ``corrects``)."""
    # Locked: the same row as issue_decision, so two corrections (or a correction and
    # an appeal) are serialised; the second gets a conflict.
    application = _locked(decision.application)
    _check_not_decided_meanwhile(application, decisions_seen)
    _check_correctable(application, decision)
    correction_reason = correction_reason.strip()
    if not correction_reason:
        raise ApplicationError(_("Skriv hva som er rettet og hvorfor."))
    _check_second_approval(application, actor=actor, approved_by=approved_by)
    new, content = _issue(
        application=application,
        actor=actor,
        values=values,
        approved_by=approved_by,
        replaces=decision,
        correction_reason=correction_reason,
    )
    now = timezone.now()
    Application.objects.filter(pk=application.pk).update(updated_at=now)
    record_event(
        application=application,
        kind=ApplicationEvent.Kind.DECIDED,
        actor=actor,
        action="referrals.decision.corrected",
        data={"date": timezone.localdate(decision.issued_at)},
        at=now,
    )
    record_internal_event(
        application=application,
        actor=actor,
        action="referrals.decision.correction_reason",
        data={"reason": correction_reason},
    )
    if not new.letter_pending:
        notify_letter_ready(new)
    return new


def awaiting_proposal(application: Application) -> DecisionProposal | None:
    """The decision awaiting approval, with what the case page shows of it (its
    drafter, offer and the decision it corrects) in the same query."""
    return (
        application.decision_proposals.filter(status=DecisionProposal.Status.AWAITING)
        .select_related("drafted_by", "offer", "corrects")
        .first()
    )


def returned_proposal(application: Application, user: User) -> DecisionProposal | None:
    """The latest proposal sent back to ``user``, to edit and resubmit."""
    latest = application.decision_proposals.order_by("-submitted_at", "-pk").first()
    if latest and latest.status == DecisionProposal.Status.RETURNED and latest.drafted_by == user:
        return latest
    return None


@transaction.atomic
def submit_decision_for_approval(
    *,
    application: Application,
    actor: User,
    decisions_seen: int,
    corrects: Decision | None = None,
    correction_reason: str = "",
    **values: Unpack[DecisionValues],
) -> DecisionProposal:
    """Four eyes: store the decision as awaiting a second caseworker's approval.
    Nothing is rendered, frozen or sent to the citizen yet. A proposal that was sent
    back to ``actor`` is updated and resubmitted. With ``corrects`` it is a correction
    of that issued decision (``correct_decision`` once approved)."""
    # Locked: the same row issue_decision and approve_decision lock, so a proposal is
    # not submitted while another caseworker decides or approves.
    application = _locked(application)
    _check_not_decided_meanwhile(application, decisions_seen)
    if corrects is not None:
        _check_correctable(application, corrects)
        if not correction_reason.strip():
            raise ApplicationError(_("Skriv hva som er rettet og hvorfor."))
    elif application.status not in DECIDABLE_STATUSES:
        raise ApplicationError(_("Saken kan ikke avgjøres i denne statusen."))
    if awaiting_proposal(application) is not None:
        raise DecisionConflict(
            _(
                "Et vedtak i saken venter allerede på godkjenning. Vedtaket ditt er ikke "
                "lagret. Teksten din står under, slik at du kan kopiere den."
            )
        )
    fields = {
        **_normalised(values),
        "corrects": corrects,
        "correction_reason": correction_reason.strip() if corrects is not None else "",
    }
    proposal = returned_proposal(application, actor)
    if proposal is None:
        proposal = DecisionProposal(application=application, drafted_by=actor)
        action = (
            "referrals.decision.correction_submitted_for_approval"
            if corrects is not None
            else "referrals.decision.submitted_for_approval"
        )
    else:
        action = "referrals.decision.resubmitted_for_approval"
    for field, value in fields.items():
        setattr(proposal, field, value)
    proposal.status = DecisionProposal.Status.AWAITING
    proposal.submitted_at = timezone.now()
    proposal.reviewed_by = None
    proposal.reviewed_at = None
    proposal.save()
    record_internal_event(application=application, actor=actor, action=action)
    _notify_approvers(application=application, drafter=actor)
    return proposal


def _notify_approvers(*, application: Application, drafter: User) -> None:
    """E-mail the approvers of the decision (they could open the case, have the approver
    role, and did not draft it): the reference and a link only, no personal data;
    sent after commit."""
    link = settings.SITE_URL + reverse(
        "referrals:case", kwargs={"reference": application.reference}
    )
    for approver in access.caseworkers_for(application).exclude(pk=drafter.pk):
        if not approver.email or has_placeholder_email(approver):
            continue
        if not approver.has_perm(access.APPROVE_PERMISSION):
            continue
        queue_email(
            to=[approver.email],
            template="referrals/casework/emails/approval_requested.txt",
            context={
                "reference": application.reference,
                "link": f"{link}#proposal",
                "municipality_name": settings.MUNICIPALITY_NAME,
            },
            language="nb",
        )


def _locked_awaiting_proposal(*, proposal: DecisionProposal, actor: User) -> DecisionProposal:
    # Locked: two caseworkers approving (or one approving, one sending back) at once;
    # the second waits here, then sees the proposal is no longer awaiting.
    proposal = (
        DecisionProposal.objects.select_for_update(of=("self",))
        .select_related("drafted_by", "offer", "corrects")
        .get(pk=proposal.pk)
    )
    if proposal.status != DecisionProposal.Status.AWAITING:
        raise ApplicationError(_("Vedtaket venter ikke lenger på godkjenning."))
    if proposal.drafted_by_id == actor.pk:
        raise ApplicationError(_("Du kan ikke godkjenne ditt eget vedtak."))
    if not actor.has_perm(access.APPROVE_PERMISSION):
        raise ApplicationError(_("Bare en godkjenner kan godkjenne eller sende tilbake et vedtak."))
    return proposal


@transaction.atomic
def approve_decision(*, proposal: DecisionProposal, actor: User) -> Decision:
    """An approver (not the drafter) approves: the decision is issued exactly as without
    approval (letter rendered and frozen, citizen notified), signed by the drafter."""
    # Application first, then the proposal: the same order as every other change.
    application = _locked(proposal.application)
    proposal = _locked_awaiting_proposal(proposal=proposal, actor=actor)
    values = {field: getattr(proposal, field) for field in DECISION_FIELDS}
    if proposal.corrects is not None:  # no query without one
        decision = correct_decision(
            decision=proposal.corrects,
            actor=proposal.drafted_by,
            approved_by=actor,
            decisions_seen=application.decisions.count(),
            correction_reason=proposal.correction_reason,
            **values,
        )
    else:
        decision = issue_decision(
            application=application,
            actor=proposal.drafted_by,
            approved_by=actor,
            decisions_seen=application.decisions.count(),
            **values,
        )
    proposal.status = DecisionProposal.Status.APPROVED
    proposal.reviewed_by = actor
    proposal.reviewed_at = timezone.now()
    proposal.decision = decision
    proposal.save(update_fields=["status", "reviewed_by", "reviewed_at", "decision"])
    record_internal_event(
        application=application,
        actor=actor,
        action="referrals.decision.approved",
        data={"name": actor.get_full_name()},
    )
    return decision


@transaction.atomic
def return_decision(*, proposal: DecisionProposal, actor: User, comment: str) -> DecisionProposal:
    """A different caseworker sends the proposal back with a comment; the drafter can
    edit and resubmit it."""
    application = _locked(proposal.application)
    proposal = _locked_awaiting_proposal(proposal=proposal, actor=actor)
    proposal.status = DecisionProposal.Status.RETURNED
    proposal.reviewed_by = actor
    proposal.reviewed_at = timezone.now()
    proposal.return_comment = comment
    proposal.save(update_fields=["status", "reviewed_by", "reviewed_at", "return_comment"])
    record_internal_event(
        application=application,
        actor=actor,
        action="referrals.decision.returned",
        data={"name": actor.get_full_name(), "comment": comment},
    )
    return proposal


@transaction.atomic
def consult_unit(
    *, application: Application, actor: User, unit: Unit, question: str
) -> Consultation:
    """Ask another unit about the case. Its unit leaders get an e-mail with the
    reference and a link only (after commit); they answer on the case."""
    consultation = Consultation.objects.create(
        application=application, unit=unit, question=question, asked_by=actor
    )
    record_internal_event(
        application=application,
        actor=actor,
        action="referrals.consultation.sent",
        data={"unit": unit.name},
    )
    leaders = get_user_model().objects.filter(
        units=unit, groups__name=Role.UNIT_LEADER.value, is_active=True
    )
    link = settings.SITE_URL + reverse(
        "referrals:case", kwargs={"reference": application.reference}
    )
    for leader in leaders.distinct():
        if not leader.email or has_placeholder_email(leader):
            continue
        queue_email(
            to=[leader.email],
            template="referrals/casework/emails/consultation.txt",
            context={
                "reference": application.reference,
                "unit": unit.name,
                "link": link,
                "municipality_name": settings.MUNICIPALITY_NAME,
            },
            language="nb",
        )
    return consultation


@transaction.atomic
def answer_consultation(
    *, consultation: Consultation, actor: User, answer: str, has_free_place: bool = False
) -> Consultation:
    """The unit leader answers (and says whether the unit has a free place for the
    person: its offers can then be granted); the answer appears on the case (internal),
    and the assigned caseworker gets an e-mail with the reference and a link only."""
    # Locked: two leaders of the unit answering at once; the first answer stands.
    consultation = (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("application", "unit")
        .get(pk=consultation.pk)
    )
    if consultation.answered_at is not None:
        raise ApplicationError(_("Drøftingen er allerede besvart."))
    consultation.answer = answer
    consultation.answered_by = actor
    consultation.answered_at = timezone.now()
    consultation.has_free_place = has_free_place
    consultation.save(update_fields=["answer", "answered_by", "answered_at", "has_free_place"])
    record_internal_event(
        application=consultation.application,
        actor=actor,
        action="referrals.consultation.answered",
        data={"unit": consultation.unit.name},
    )
    case_services.notify_caseworker(
        application=consultation.application,
        template="referrals/casework/emails/consultation_answered.txt",
    )
    return consultation


@transaction.atomic
def send_preliminary_reply(
    *, application: Application, actor: User, reason: str, expected_date: date
) -> PreliminaryReply:
    """A preliminary reply (forvaltningsloven § 11a): a frozen letter, and a message on
    the case so the citizen sees it on /mine-soknader/ and is notified."""
    # Locked: the case may be decided or withdrawn while the letter is written.
    application = _locked(application)
    if application.status not in Application.OPEN_STATUSES:
        raise ApplicationError(_("Foreløpig svar kan bare sendes i åpne saker."))
    if expected_date <= timezone.localdate():
        raise ApplicationError(_("Datoen for forventet svar må være etter i dag."))
    sent_at = timezone.now()
    pdf = render_preliminary_reply(
        application=application,
        reason=reason,
        expected_date=expected_date,
        sent_at=sent_at,
        contact_name=actor.get_full_name(),
        contact_phone=actor.phone,
        contact_email=actor.email,
        language=letter_language(application),
    )
    reply = PreliminaryReply(
        application=application,
        reason=reason,
        expected_date=expected_date,
        sent_by=actor,
        sent_at=sent_at,
        letter_sha256=hashlib.sha256(pdf).hexdigest(),
    )
    reply.letter.save(f"forelopig-svar-{application.reference}.pdf", ContentFile(pdf), save=False)
    reply.save()
    Application.objects.filter(pk=application.pk).update(due_date=expected_date)
    body = _(
        "Foreløpig svar: Vi kan ikke svare på søknaden innen en måned.\n\n"
        "Årsak: %(reason)s\n\nVi regner med å svare innen %(date)s."
    ) % {"reason": reason.strip(), "date": expected_date.strftime("%d.%m.%Y")}
    message = services.send_message_to_applicant(
        application=application, sender=actor, body=str(body), notify=False
    )
    notify_letter_ready(reply, template="referrals/emails/new_message.txt", about=message)
    return reply


@transaction.atomic
def register_paper_appeal(
    *,
    application: Application,
    actor: User,
    reasons: str,
    wanted_outcome: str = "",
    received_on: date,
) -> Appeal:
    """An appeal received on paper, registered by the caseworker. Late or not is
    judged from the date it was received."""
    # Locked: the citizen may file the same appeal online at the same moment.
    application = _locked(application)
    if application.status != Status.DECIDED:
        raise ApplicationError(_("Det kan bare registreres klage på et vedtak som er fattet."))
    decision = application.decisions.order_by("-issued_at", "-pk").first()
    if decision is None:
        raise ApplicationError(_("Det kan bare registreres klage på et vedtak som er fattet."))
    appeal = Appeal.objects.create(
        application=application,
        decision=decision,
        submitted_by=actor,
        reasons=reasons,
        wanted_outcome=wanted_outcome,
        registered_on_paper=True,
        late=received_on > decision.appeal_deadline,
        # Dated the day it was received (the case file and the queue count from it).
        submitted_at=_received_at(received_on),
    )
    case_services.change_status(
        application=application,
        status=Status.APPEALED,
        actor=actor,
        action="referrals.appeal.received_on_paper",
    )
    return appeal


def _received_at(day: date) -> datetime:
    """A paper appeal received on ``day``: noon that day (today: now)."""
    if day >= timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(day, time(12)))


def _open_appeal(application: Application) -> Appeal:
    appeal = application.appeals.filter(status=Appeal.Status.RECEIVED).order_by("-pk").first()
    if appeal is None:
        raise ApplicationError(_("Saken har ingen klage som venter på vurdering."))
    return appeal


APPEAL_FORWARDED_EMAIL = "referrals/emails/appeal_forwarded.txt"


@transaction.atomic
def uphold_and_forward(
    *, application: Application, actor: User, comments: str, reassessment: str = ""
) -> AppealForwarding:
    """The municipality keeps its decision: the case goes to Statsforvalteren with a
    frozen case-file PDF (``letters.case_file``: the overview, the document list and the
    documents, the decision letter among them), the municipality's new assessment
    (forvaltningsloven § 33) and its comments. The citizen's timeline says so and the
    citizen is told by e-mail (the reference and a link only). A new decision instead
    (the appeal granted) is made with ``issue_decision``, which the "appealed" status
    allows."""
    # Locked: two caseworkers handling the same appeal must forward it once.
    application = _locked(application)
    if application.status != Status.APPEALED:
        raise ApplicationError(_("Saken har ingen klage som venter på vurdering."))
    appeal = _open_appeal(application)
    forwarded_at = timezone.now()
    pdf = render_appeal_case_file(
        appeal=appeal,
        comments=comments,
        reassessment=reassessment,
        forwarded_at=forwarded_at,
        assessment=Assessment.objects.filter(application=application).first(),
    )
    forwarding = AppealForwarding(
        appeal=appeal,
        reassessment=reassessment,
        comments=comments,
        forwarded_by=actor,
        forwarded_at=forwarded_at,
        case_file_sha256=hashlib.sha256(pdf).hexdigest(),
    )
    forwarding.case_file.save(f"klagesak-{application.reference}.pdf", ContentFile(pdf), save=False)
    forwarding.save()
    Appeal.objects.filter(pk=appeal.pk).update(status=Appeal.Status.FORWARDED)
    Application.objects.filter(pk=application.pk).update(updated_at=forwarded_at)
    record_event(
        application=application,
        kind=ApplicationEvent.Kind.STATUS_CHANGED,
        actor=actor,
        action="referrals.appeal.forwarded",
        at=forwarded_at,
    )
    case_services.notify_citizen(application=application, template=APPEAL_FORWARDED_EMAIL)
    return forwarding


@transaction.atomic
def register_statsforvalteren_outcome(
    *,
    application: Application,
    actor: User,
    outcome: str,
    note: str = "",
    outcome_date: date | None = None,
) -> AppealForwarding:
    """Statsforvalteren's decision on a forwarded appeal: its outcome, date and what it
    says. Upheld (stadfestet): the case is closed. Changed (endret) or quashed
    (opphevet): the decision appealed is marked so, and the case reopens for the
    caseworker's new decision in the ordinary decision flow. The citizen is told by
    e-mail through the status change and sees the outcome on the case page."""
    # Locked: the outcome is registered once.
    application = _locked(application)
    forwarding = (
        AppealForwarding.objects.select_for_update()
        .filter(appeal__application=application, outcome="")
        .select_related("appeal")
        .first()
    )
    if forwarding is None:
        raise ApplicationError(_("Saken har ingen klage hos Statsforvalteren."))
    outcome_date = outcome_date or timezone.localdate()
    if outcome_date < timezone.localdate(forwarding.forwarded_at):
        raise ApplicationError(
            _("Statsforvalterens avgjørelse kan ikke være datert før klagen ble sendt.")
        )
    forwarding.outcome = outcome
    forwarding.outcome_note = note
    forwarding.outcome_date = outcome_date
    forwarding.outcome_registered_at = timezone.now()
    forwarding.save(
        update_fields=["outcome", "outcome_note", "outcome_date", "outcome_registered_at"]
    )
    Appeal.objects.filter(pk=forwarding.appeal_id).update(status=Appeal.Status.RESOLVED)
    action = f"referrals.appeal.{AppealForwarding.Outcome(outcome).value}"
    if outcome == AppealForwarding.Outcome.UPHELD:
        case_services.change_status(
            application=application, status=Status.CLOSED, actor=actor, action=action
        )
    else:
        # Changed or quashed: marked on the decision; the municipality makes a new one.
        Decision.objects.filter(pk=forwarding.appeal.decision_id).update(
            appeal_outcome=outcome, appeal_outcome_on=outcome_date
        )
        case_services.change_status(
            application=application, status=Status.UNDER_ASSESSMENT, actor=actor, action=action
        )
    return forwarding


ASSESSMENT_FIELDS = (
    "functional_level",
    "functional_notes",
    "social_network",
    "relative_burden",
    "respite_needed",
    "transport_needed",
    "meals_help_needed",
    "interests",
    "notes",
)


@transaction.atomic
def save_assessment(
    *, application: Application, actor: User, data: dict[str, object]
) -> Assessment:
    """Create or update the assessment (kartlegging); only its own fields are written."""
    # Locked: two caseworkers saving the assessment at once must not interleave.
    application = _locked(application)
    assessment, _created = Assessment.objects.select_for_update().get_or_create(
        application=application
    )
    for field in ASSESSMENT_FIELDS:
        if field in data:
            setattr(assessment, field, data[field])
    assessment.updated_by = actor
    assessment.updated_at = timezone.now()
    assessment.save()
    record_internal_event(
        application=application, actor=actor, action="referrals.case.assessment_updated"
    )
    return assessment


class PostalAddress(TypedDict):
    street: str
    postcode: str
    place: str


ADDRESS_FIELDS = {
    LetterDispatch.Recipient.PARTY: ("person_address", "person_postcode", "person_place"),
    LetterDispatch.Recipient.REPRESENTATIVE: (
        "applicant_address",
        "applicant_postcode",
        "applicant_place",
    ),
}
ADDRESS_ACTIONS = {
    LetterDispatch.Recipient.PARTY: "referrals.case.person_address_changed",
    LetterDispatch.Recipient.REPRESENTATIVE: "referrals.case.representative_address_changed",
}


@transaction.atomic
def update_postal_addresses(
    *,
    application: Application,
    actor: User,
    person: PostalAddress,
    representative: PostalAddress | None = None,
) -> list[LetterDispatch]:
    """Register or correct the postal address of the person the case is about and, on
    a case made on their behalf, of the representative (old cases have none; people
    move). Each changed address is an internal timeline event (without the address).
    Then this case's failed paper dispatches are tried again with the new address
    (``letters.dispatch.retry_dispatch``), so a letter that had no address goes to the
    print queue. Returns the dispatches tried."""
    application = _locked(application)
    given = {LetterDispatch.Recipient.PARTY: person}
    if representative is not None:
        if not application.on_behalf:
            raise ApplicationError(_("Saken har ingen representant."))
        given[LetterDispatch.Recipient.REPRESENTATIVE] = representative
    changed: list[str] = []
    for role, address in given.items():
        names = ADDRESS_FIELDS[role]
        values = (address["street"].strip(), address["postcode"].strip(), address["place"].strip())
        if tuple(getattr(application, name) for name in names) == values:
            continue
        for name, value in zip(names, values, strict=True):
            setattr(application, name, value)
        changed.extend(names)
        record_internal_event(application=application, actor=actor, action=ADDRESS_ACTIONS[role])
    if not changed:
        return []
    application.save(update_fields=changed)
    failed = LetterDispatch.objects.filter(
        application=application,
        channel=letter_dispatch.PAPER,
        status=LetterDispatch.Status.FAILED,
    ).order_by("created_at", "pk")
    return [letter_dispatch.retry_dispatch(dispatch) for dispatch in failed]
