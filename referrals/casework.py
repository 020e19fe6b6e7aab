"""Changes a caseworker makes to a case. Keyword-only, typed, atomic.

Status moves and messages reuse the citizen side's services (``referrals.services``:
``change_status``, ``send_message_to_applicant``, ``record_decision``) so the timeline,
the e-mails and the allowed transitions stay in one place. Access is checked by the
views through ``referrals.access`` before any of these is called.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Offer
from referrals import services
from referrals.letters import letter_language, render_decision_letter
from referrals.models import Application, ApplicationEvent, Decision
from referrals.models_casework import DecisionContent, InternalNote
from referrals.services import ApplicationError

Status = Application.Status

DECIDABLE_STATUSES = (Status.UNDER_ASSESSMENT, Status.AWAITING_INFORMATION, Status.APPEALED)


class DecisionConflict(ApplicationError):
    """Someone else decided the case after this caseworker opened the form."""


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("service_type")
        .get(pk=application.pk)
    )


def _internal_event(*, application: Application, actor, note: str) -> None:
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.INTERNAL,
        status=application.status,
        actor=actor,
        note=note,
        visible_to_citizen=False,
    )


@transaction.atomic
def assign_case(*, application: Application, assignee, actor) -> Application:
    """Give the case to ``assignee`` (oneself or a colleague). A new case moves to
    "under assessment" when someone takes it."""
    # Locked: two caseworkers pressing "take" at once; the second sees the first's
    # assignment and the timeline gets the events in order.
    application = _locked(application)
    if application.status in Application.CLOSED_STATUSES:
        raise ApplicationError(_("Saken er avsluttet. Gjenåpne den før du tildeler den."))
    previous = application.caseworker
    application.caseworker = assignee
    application.updated_at = timezone.now()
    application.save(update_fields=["caseworker", "updated_at"])
    if previous is None:
        note = _("Tildelt %(name)s") % {"name": assignee.get_full_name()}
    else:
        note = _("Flyttet fra %(old)s til %(new)s") % {
            "old": previous.get_full_name(),
            "new": assignee.get_full_name(),
        }
    _internal_event(application=application, actor=actor, note=str(note))
    if application.status in (Status.SUBMITTED, Status.RECEIVED):
        application = services.change_status(
            application=application, status=Status.UNDER_ASSESSMENT, actor=actor
        )
    return application


@transaction.atomic
def close_case(*, application: Application, actor, reason: str) -> Application:
    if not reason.strip():
        raise ApplicationError(_("Skriv hvorfor saken avsluttes."))
    return services.change_status(
        application=application, status=Status.CLOSED, actor=actor, note=reason.strip()
    )


@transaction.atomic
def reopen_case(*, application: Application, actor) -> Application:
    application = _locked(application)
    if application.status != Status.CLOSED:
        raise ApplicationError(_("Bare avsluttede saker kan gjenåpnes."))
    return services.change_status(
        application=application, status=Status.UNDER_ASSESSMENT, actor=actor
    )


@transaction.atomic
def add_internal_note(*, application: Application, author, body: str) -> InternalNote:
    note = InternalNote.objects.create(application=application, author=author, body=body)
    _internal_event(application=application, actor=author, note=str(_("Internt notat lagt til")))
    return note


@transaction.atomic
def request_information(*, application: Application, actor, body: str, reply_by: date):
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
def send_message(*, application: Application, actor, body: str):
    """A message without a deadline (the status does not change)."""
    return services.send_message_to_applicant(application=application, sender=actor, body=body)


@transaction.atomic
def issue_decision(
    *,
    application: Application,
    actor,
    outcome: str,
    legal_basis: str,
    facts: str,
    reasons: str,
    decisions_seen: int,
    offer: Offer | None = None,
    weekdays: list[int] | None = None,
    hours: str = "",
    start_date: date | None = None,
    review_date: date | None = None,
    transport: bool = False,
    meals: bool = False,
    egenandel: str = "",
) -> Decision:
    """Issue a decision: render the letter in the person's language, store it frozen
    with its SHA-256 (``services.record_decision``), notify the citizen.

    ``decisions_seen`` is how many decisions the case had when the caseworker opened
    the form; if another caseworker decided in between, DecisionConflict is raised and
    nothing is stored.
    """
    # Locked: two caseworkers deciding the same case at once. The second waits here
    # until the first commits, then sees its decision and gets a conflict.
    application = _locked(application)
    if application.decisions.count() != decisions_seen or (
        application.status not in DECIDABLE_STATUSES
    ):
        raise DecisionConflict(
            _(
                "En annen saksbehandler har fattet vedtak i saken mens du skrev. "
                "Vedtaket ditt er ikke lagret. Teksten din står under, slik at du kan "
                "kopiere den."
            )
        )
    granted = outcome in (Decision.Outcome.GRANTED, Decision.Outcome.PARTLY_GRANTED)
    issued_at = timezone.now()
    language = letter_language(application)
    content = {
        "facts": facts,
        "reasons": reasons,
        "offer": offer if granted else None,
        "weekdays": sorted(weekdays or []) if granted else [],
        "hours": hours if granted else "",
        "start_date": start_date if granted else None,
        "review_date": review_date if granted else None,
        "transport": transport if granted else False,
        "meals": meals if granted else False,
        "egenandel": egenandel if granted else "",
        "contact_name": actor.get_full_name(),
        "contact_phone": actor.phone,
        "contact_email": actor.email,
        "language": language,
    }
    letter_context = {
        **content,
        "offer_label": f"{offer.title} ({offer.unit.name})" if granted and offer else "",
    }
    pdf = render_decision_letter(
        application=application,
        outcome=outcome,
        legal_basis=legal_basis or application.service_type.legal_basis,
        appeal_basis=application.service_type.appeal_basis,
        content=letter_context,
        issued_at=issued_at,
        language=language,
    )
    decision = services.record_decision(
        application=application,
        outcome=outcome,
        actor=actor,
        legal_basis=legal_basis,
        letter_pdf=pdf,
        replaces=application.decisions.order_by("-issued_at", "-pk").first(),
    )
    # The letter states this date and the appeal deadline runs from it.
    Decision.objects.filter(pk=decision.pk).update(issued_at=issued_at)
    decision.issued_at = issued_at
    DecisionContent.objects.create(decision=decision, **content)
    return decision
