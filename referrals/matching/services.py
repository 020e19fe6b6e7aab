"""Changes in the matching room: a help request from a granted decision, from a person
or relative who asks (/frivillig/be-om-hjelp/) or registered by a coordinator; the
public description; proposing a ready helper, both sides accepting, ending, check-ins
and hours."""

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import District, Language, Unit
from portal.emails import queue_email
from portal.models import User
from referrals.cases import services as case_services
from referrals.cases.models import Application
from referrals.cases.services import ApplicationError
from referrals.matching import selectors
from referrals.matching.models import CheckIn, HoursReport, Match
from referrals.volunteers import selectors as volunteer_selectors
from referrals.volunteers.models import (
    HelperProfile,
    HelpRequest,
    HelpRequester,
    HelpRequestTime,
    Interest,
    RoleKind,
    VolunteerRole,
)


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
    requester = selectors.requester_of(match.help_request)
    if requester is not None and requester.user is not None and requester.user.email:
        queue_email(
            to=[requester.user.email],
            template=template,
            context={
                "municipality_name": settings.MUNICIPALITY_NAME,
                "link": settings.SITE_URL
                + reverse("referrals:matching_my_request", kwargs={"pk": match.help_request_id}),
            },
            language=requester.language,
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


@dataclass
class Need:
    """What the one who asks (or the coordinator) says about the help wanted: the kind
    of help, where, what the person likes, the languages, the helper wished for and
    when. No personal data: that is ``Contact``."""

    role: VolunteerRole | None = None
    kind: str = RoleKind.VOLUNTEER
    district: District | None = None
    interests: list[Interest] = field(default_factory=list)
    languages: list[Language] = field(default_factory=list)
    preferred_gender: str = ""
    preferred_min_age: int | None = None
    preferred_max_age: int | None = None
    times: list[tuple[int, str]] = field(default_factory=list)
    hours_per_week: Decimal | None = None


@dataclass
class Contact:
    """The private part: the person's name and phone and the need in the asker's own
    words (``HelpRequester``)."""

    person_name: str
    person_phone: str = ""
    need: str = ""
    for_self: bool = False


@dataclass
class PublicText:
    """The public description, without personal data, in the three languages."""

    description: str
    description_nn: str = ""
    description_en: str = ""
    public: bool = False


NEW_REQUEST_EMAIL = "referrals/matching/emails/new_request.txt"


def _create_request(*, unit: Unit, need: Need, status: str, text: PublicText | None) -> HelpRequest:
    help_request = HelpRequest.objects.create(
        kind=need.role.kind if need.role is not None else need.kind,
        role=need.role,
        unit=unit,
        district=need.district,
        description=text.description if text else "",
        description_nn=text.description_nn if text else "",
        description_en=text.description_en if text else "",
        public=text.public if text else False,
        hours_per_week=need.hours_per_week,
        preferred_gender=need.preferred_gender,
        preferred_min_age=need.preferred_min_age,
        preferred_max_age=need.preferred_max_age,
        status=status,
    )
    help_request.interests.set(need.interests)
    help_request.languages.set(need.languages)
    _set_times(help_request, need.times)
    return help_request


def _set_times(help_request: HelpRequest, times: Iterable[tuple[int, str]]) -> None:
    HelpRequestTime.objects.bulk_create(
        HelpRequestTime(help_request=help_request, weekday=weekday, part=part)
        for weekday, part in sorted(set(times))
    )


def _check_ages(need: Need) -> None:
    low, high = need.preferred_min_age, need.preferred_max_age
    if low is not None and high is not None and low > high:
        raise ApplicationError(_("Alderen «fra» må være lavere enn alderen «til»."))


def _notify_unit(help_request: HelpRequest) -> None:
    """Tell the coordinating unit (at ``Unit.email``) that a request came in: the kind
    of help and a link, never the person's name, phone or need."""
    if not help_request.unit.email:
        return
    queue_email(
        to=[help_request.unit.email],
        template=NEW_REQUEST_EMAIL,
        context={
            "kind": str(help_request.role or help_request.get_kind_display()),
            "link": settings.SITE_URL
            + reverse("referrals:matching_request", kwargs={"pk": help_request.pk}),
            "municipality_name": settings.MUNICIPALITY_NAME,
        },
        language="nb",
    )


@transaction.atomic
def ask_for_helper(*, user: User, need: Need, contact: Contact, language: str) -> HelpRequest:
    """A person, or a relative for someone they help, asks for a volunteer
    (/frivillig/be-om-hjelp/). Only volunteer roles: støttekontakt and avlastning are
    applied for. The request is private and NEW until a coordinator of the role's unit
    writes its public description; the unit is told by e-mail. ``user`` answers for the
    person when a helper is proposed (``selectors.may_answer_for_person``)."""
    role = need.role
    if role is None or role.kind != RoleKind.VOLUNTEER or not (role.active and role.public):
        raise ApplicationError(_("Velg hva slags hjelp dere ønsker."))
    _check_ages(need)
    help_request = _create_request(
        unit=role.unit, need=need, status=HelpRequest.Status.NEW, text=None
    )
    HelpRequester.objects.create(
        help_request=help_request,
        user=user,
        for_self=contact.for_self,
        person_name=contact.person_name,
        person_phone=contact.person_phone,
        need=contact.need,
        language=language if language in ("nb", "nn", "en") else "nb",
    )
    _notify_unit(help_request)
    return help_request


@transaction.atomic
def register_request(
    *, unit: Unit, need: Need, text: PublicText, by: User, contact: Contact | None = None
) -> HelpRequest:
    """A coordinator registers a request (a unit or a relative asked by phone or
    letter): with its public description, so OPEN at once. ``contact``, when given, is
    kept privately; with no one to answer online, the coordinator records the person's
    answer to a proposal."""
    if unit not in volunteer_selectors.staff_units(by):
        raise ApplicationError(_("Du kan bare registrere forespørsler for dine enheter."))
    if need.role is not None and need.role.unit_id != unit.pk:
        raise ApplicationError(_("Rollen hører til en annen enhet."))
    if not text.description.strip():
        raise ApplicationError(_("Skriv en kort beskrivelse av oppdraget."))
    _check_ages(need)
    help_request = _create_request(unit=unit, need=need, status=HelpRequest.Status.OPEN, text=text)
    if contact is not None and contact.person_name:
        HelpRequester.objects.create(
            help_request=help_request,
            registered_by=by,
            person_name=contact.person_name,
            person_phone=contact.person_phone,
            need=contact.need,
        )
    return help_request


@transaction.atomic
def describe(*, help_request: HelpRequest, text: PublicText, by: User) -> HelpRequest:
    """The coordinator writes (or changes) the public description and says whether it is
    shown on /frivillig/. A NEW request is OPEN from then on: a helper can be proposed."""
    help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if help_request.status not in (HelpRequest.Status.NEW, HelpRequest.Status.OPEN):
        raise ApplicationError(_("Forespørselen er lukket."))
    if not text.description.strip():
        raise ApplicationError(_("Skriv en kort beskrivelse av oppdraget."))
    help_request.description = text.description
    help_request.description_nn = text.description_nn
    help_request.description_en = text.description_en
    help_request.public = text.public
    help_request.status = HelpRequest.Status.OPEN
    help_request.save()
    return help_request


WITHDRAWN_EMAIL = "referrals/matching/emails/withdrawn.txt"


def _tell_helper_withdrawn(match: Match) -> None:
    """Tell the helper of ``match`` (queued on commit, in ``HelperProfile.language``)
    that the request was withdrawn and the proposal or assignment is no longer needed,
    with a link to their assignments: no name, description or contact details."""
    helper = match.helper
    if not helper.email:
        return
    queue_email(
        to=[helper.email],
        template=WITHDRAWN_EMAIL,
        context={
            "started": match.started,
            "municipality_name": settings.MUNICIPALITY_NAME,
            "link": settings.SITE_URL + reverse("referrals:matching_mine"),
        },
        language=helper.language,
    )


@transaction.atomic
def withdraw(*, help_request: HelpRequest, user: User) -> HelpRequest:
    """The one who asked withdraws the request: it is closed, off /frivillig/, and a
    proposal or match still going ends (no longer needed); its helper is told."""
    help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    requester = selectors.requester_of(help_request)
    if requester is None or requester.user_id != user.pk:
        raise ApplicationError(_("Forespørselen er ikke din."))
    if help_request.status not in (HelpRequest.Status.NEW, HelpRequest.Status.OPEN):
        raise ApplicationError(_("Forespørselen er allerede lukket."))
    now = timezone.now()
    # The matches' rows are locked too: a helper accepting at this moment waits, and
    # is then told the proposal can no longer be answered.
    going = list(
        help_request.matches.select_for_update(of=("self",))
        .filter(status__in=Match.ACTIVE)
        .select_related("helper")
    )
    for match in going:
        _tell_helper_withdrawn(match)  # told as it stood: proposed, or started
    Match.objects.filter(pk__in=[match.pk for match in going]).update(
        status=Match.Status.ENDED, ended_reason=Match.EndedReason.NO_LONGER_NEEDED, ended_at=now
    )
    help_request.status = HelpRequest.Status.WITHDRAWN
    help_request.public = False
    help_request.closed_at = now
    help_request.save(update_fields=["status", "public", "closed_at"])
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
    """The person's side accepts: whoever ``selectors.may_answer_for_person`` names."""
    match = _locked(match)
    if not selectors.may_answer_for_person(match.help_request, user):
        raise ApplicationError(_("Forslaget gjelder ikke deg."))
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
    if not by_helper and not selectors.may_answer_for_person(match.help_request, user):
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


class PersonAnswer(enum.Enum):
    """What came of the person's side answering a proposed helper."""

    STARTED = "started"  # both have accepted: names and phones are shared now
    WAITING_FOR_HELPER = "waiting_for_helper"  # the person said yes; the helper has not
    DECLINED = "declined"  # the person said no; the coordinator looks further


def answer_for_person(*, match: Match, user: User, answer: str) -> PersonAnswer:
    """The person's side says yes (``answer="accept"``) or no (``"decline"``) to the
    proposed helper: the person, their representative, the one who asked, or the
    coordinator recording the person's answer (``selectors.may_answer_for_person``,
    checked with the match's row locked). Anything else than accept or decline, a
    proposal no longer open, or someone who may not answer: ``ApplicationError``."""
    if answer == "accept":
        match = accept_by_person(match=match, user=user)
        return PersonAnswer.STARTED if match.started else PersonAnswer.WAITING_FOR_HELPER
    if answer == "decline":
        decline(match=match, user=user, by_helper=False)
        return PersonAnswer.DECLINED
    raise ApplicationError(_("Velg om du vil takke ja eller nei."))


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
