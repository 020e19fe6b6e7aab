"""Changes in the matching room: a help request from a granted decision, proposing a
ready helper, both sides accepting, ending, check-ins and hours."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Unit
from portal.emails import queue_email
from portal.models import User
from referrals.cases import services as case_services
from referrals.cases.models import Application
from referrals.cases.services import ApplicationError
from referrals.matching import selectors
from referrals.matching.models import CheckIn, HoursReport, Match
from referrals.volunteers.models import HelperProfile, HelpRequest, RoleKind


def _event(
    match_or_request: Match | HelpRequest, action: str, actor: User | None, **data: str
) -> None:
    help_request = (
        match_or_request.help_request if isinstance(match_or_request, Match) else match_or_request
    )
    application = help_request.application
    if application is None:
        return
    citizen = action in ("referrals.match.help_requested", "referrals.match.started")
    case_services.record_event(
        application=application,
        action=action,
        actor=actor,
        data=data,
        visible_to_citizen=citizen,
    )


PROPOSED_EMAIL = "referrals/matching/emails/proposed.txt"
STARTED_EMAIL = "referrals/matching/emails/started.txt"


def _notify(match: Match, template: str) -> None:
    """E-mail both sides of ``match`` (queued on commit): the helper, in the language
    they signed up in (``HelperProfile.language``), with a link to their assignments;
    the applicant (``Application.language``) and the person (their preferred language)
    through ``cases.services.notify_citizen``, each in their own language, with a link
    to the case. Only that there is news: no names, descriptions or contact details."""
    helper = match.helper
    if helper.email:
        queue_email(
            to=[helper.email],
            template=template,
            context={
                "municipality_name": settings.MUNICIPALITY_NAME,
                "link": settings.SITE_URL + reverse("referrals:matching_mine"),
            },
            language=helper.language,
        )
    application = match.help_request.application
    if application is not None:
        case_services.notify_citizen(
            application=application,
            template=template,
            exclude={helper.email.lower()} if helper.email else (),
        )


@transaction.atomic
def request_helper(
    *,
    application: Application,
    unit: Unit,
    description: str,
    by: User,
    hours_per_week: Decimal | None = None,
    preferred_gender: str = "",
) -> HelpRequest:
    """ "Finn støttekontakt": a help request from the case's granted støttekontakt
    decision, with the public description the coordinator wrote (no personal data)."""
    if not selectors.is_stottekontakt(application):
        raise ApplicationError(_("Saken gjelder ikke støttekontakt."))
    decision = selectors.granted_decision(application)
    if decision is None:
        raise ApplicationError(_("Saken har ikke et vedtak som innvilger støttekontakt."))
    if application.help_requests.filter(status=HelpRequest.Status.OPEN).exists():
        raise ApplicationError(_("Det letes allerede etter en støttekontakt i denne saken."))
    help_request = HelpRequest.objects.create(
        kind=RoleKind.STOTTEKONTAKT,
        unit=unit,
        district=application.district,
        description=description,
        hours_per_week=hours_per_week,
        preferred_gender=preferred_gender,
        application=application,
        decision=decision,
        public=True,
    )
    _event(help_request, "referrals.match.help_requested", by)
    return help_request


@transaction.atomic
def propose(*, help_request: HelpRequest, helper: HelperProfile, by: User) -> Match:
    """Propose ``helper`` for ``help_request``. Refused unless the helper is ready (the
    role's checklist complete) and the request open with no active match."""
    help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if help_request.status != HelpRequest.Status.OPEN:
        raise ApplicationError(_("Forespørselen er lukket."))
    if not selectors.is_ready_for(helper, help_request):
        raise ApplicationError(
            _("Hjelperen kan ikke foreslås før sjekklisten for rollen er fullført.")
        )
    if help_request.matches.filter(status__in=Match.ACTIVE).exists():
        raise ApplicationError(_("Forespørselen har allerede et aktivt forslag."))
    match = Match.objects.create(help_request=help_request, helper=helper, proposed_by=by)
    _event(match, "referrals.match.proposed", by, name=helper.name)
    _notify(match, PROPOSED_EMAIL)
    return match


def _after_acceptance(match: Match, actor: User | None) -> Match:
    now = timezone.now()
    if match.person_accepted_at and match.helper_accepted_at:
        match.status = Match.Status.STARTED
        match.started_at = now
        match.save()
        _event(match, "referrals.match.started", actor)
        _notify(match, STARTED_EMAIL)
    else:
        match.status = (
            Match.Status.ACCEPTED_BY_PERSON
            if match.person_accepted_at
            else Match.Status.ACCEPTED_BY_HELPER
        )
        match.save()
    return match


def _locked(match: Match) -> Match:
    match = Match.objects.select_for_update().select_related("help_request").get(pk=match.pk)
    if match.status not in (
        Match.Status.PROPOSED,
        Match.Status.ACCEPTED_BY_PERSON,
        Match.Status.ACCEPTED_BY_HELPER,
    ):
        raise ApplicationError(_("Forslaget kan ikke lenger besvares."))
    return match


@transaction.atomic
def accept_by_helper(*, match: Match, user: User) -> Match:
    match = _locked(match)
    if match.helper.user_id != user.pk:
        raise ApplicationError(_("Forslaget gjelder ikke deg."))
    if match.helper_accepted_at is None:
        match.helper_accepted_at = timezone.now()
        _event(match, "referrals.match.accepted_by_helper", user)
    return _after_acceptance(match, user)


@transaction.atomic
def accept_by_person(*, match: Match, user: User) -> Match:
    """The person, or their representative, accepts (the view checked who may act)."""
    match = _locked(match)
    if match.person_accepted_at is None:
        match.person_accepted_at = timezone.now()
        match.person_accepted_by = user
        _event(match, "referrals.match.accepted_by_person", user)
    return _after_acceptance(match, user)


@transaction.atomic
def decline(*, match: Match, user: User, by_helper: bool) -> Match:
    match = _locked(match)
    if by_helper and match.helper.user_id != user.pk:
        raise ApplicationError(_("Forslaget gjelder ikke deg."))
    reason = (
        Match.EndedReason.DECLINED_BY_HELPER if by_helper else Match.EndedReason.DECLINED_BY_PERSON
    )
    match.status = Match.Status.DECLINED
    match.ended_reason = reason
    match.ended_at = timezone.now()
    match.save()
    _event(match, "referrals.match.declined", user, reason=str(reason.label))
    return match


@transaction.atomic
def end(*, match: Match, reason: str, text: str, by: User, close_request: bool = False) -> Match:
    match = Match.objects.select_for_update().select_related("help_request").get(pk=match.pk)
    if not match.active:
        raise ApplicationError(_("Matchen er allerede avsluttet."))
    match.status = Match.Status.ENDED
    match.ended_reason = reason
    match.ended_text = text
    match.ended_at = timezone.now()
    match.save()
    _event(match, "referrals.match.ended", by, reason=str(Match.EndedReason(reason).label))
    if close_request:
        help_request = match.help_request
        help_request.status = HelpRequest.Status.CLOSED
        help_request.closed_at = match.ended_at
        help_request.save(update_fields=["status", "closed_at"])
    return match


@transaction.atomic
def check_in(*, match: Match, side: str, rating: int, text: str, user: User) -> CheckIn:
    """One side's answer to the check-in that is due. The match's row is locked first, so
    a form sent twice at once records one answer and tells the second that nothing is
    waiting (instead of breaking on the one-answer-per-week rule)."""
    Match.objects.select_for_update().filter(pk=match.pk).first()
    week = selectors.check_in_due_for(match, side)
    if week is None:
        raise ApplicationError(_("Ingen oppfølging venter på svar."))
    return CheckIn.objects.create(
        match=match, side=side, week=week, rating=rating, text=text, answered_by=user
    )


def report_hours(
    *, match: Match, month: date, hours: Decimal, note: str, user: User
) -> HoursReport:
    """The helper's hours for a month (a new report replaces that month's)."""
    if match.helper.user_id != user.pk or match.help_request.kind == RoleKind.VOLUNTEER:
        raise ApplicationError(_("Timer rapporteres bare for lønnede oppdrag."))
    if match.started_at is None:
        raise ApplicationError(_("Oppdraget har ikke startet."))
    month = month.replace(day=1)
    report, _created = HoursReport.objects.update_or_create(
        match=match,
        month=month,
        defaults={
            "hours": hours,
            "note": note,
            "reported_at": timezone.now(),
            # Kept for payroll after the helper's profile and the match are deleted
            # (HoursReport.save fills them in only when blank; a name change is taken).
            "helper_name": match.helper.name,
            "helper_email": match.helper.email,
            "unit": match.help_request.unit,
        },
    )
    return report
