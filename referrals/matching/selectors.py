"""Reads of the matching room: suggestions for a help request, the coordinator's lists,
the match a case or a helper sees, waiting times and the figures."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from portal.models import User
from portal.small_numbers import MIN_FIGURE, shown
from referrals.cases import representation
from referrals.cases.models import Application, Decision
from referrals.matching.models import CHECK_IN_WEEKS, CheckIn, HoursReport, Match
from referrals.matching.scoring import Candidate, Need, score
from referrals.volunteers import selectors as volunteer_selectors
from referrals.volunteers.models import (
    HelperProfile,
    HelperRoleEnrolment,
    HelpRequest,
    HelpRequester,
    RoleKind,
)

STOTTEKONTAKT_SLUG = "stottekontakt"
# The coordinators of a unit's helpers (unit leaders, administrators).
COORDINATOR_PERMISSION = "referrals.view_helperroleenrolment"


def is_stottekontakt(application: Application) -> bool:
    return application.service_type.slug == STOTTEKONTAKT_SLUG


def granted_decision(application: Application) -> Decision | None:
    """The case's standing granting decision (not replaced by a correction)."""
    return (
        application.decisions.filter(outcome__in=Decision.GRANTING, replaced_at__isnull=True)
        .order_by("-issued_at", "-pk")
        .first()
    )


def may_request_helper(application: Application) -> bool:
    """A granted støttekontakt case with no open help request yet."""
    return (
        is_stottekontakt(application)
        and granted_decision(application) is not None
        and not application.help_requests.filter(status=HelpRequest.Status.OPEN).exists()
    )


def requester_of(help_request: HelpRequest) -> HelpRequester | None:
    """The private part of a request that did not come from a case, if any."""
    try:
        return help_request.requester
    except HelpRequester.DoesNotExist:
        return None


def may_answer_for_person(help_request: HelpRequest, user: User) -> bool:
    """Who says yes or no to a proposed helper on the person's side, one rule for every
    request:

    - from a case: the person, or a representative whose access the person has not
      ended (``cases.representation``: whoever may act on the case);
    - asked for at /frivillig/be-om-hjelp/: the one who asked (the person, or the
      relative who asked for them);
    - registered by a coordinator with no one to answer online: a coordinator of the
      request's unit, recording the answer the person gave them.
    """
    if help_request.application is not None:
        return representation.access_for(user=user, application=help_request.application).may_act
    requester = requester_of(help_request)
    if requester is not None and requester.user_id is not None:
        return requester.user_id == user.pk
    return user.has_perm(COORDINATOR_PERMISSION) and (
        volunteer_selectors.staff_units(user).filter(pk=help_request.unit_id).exists()
    )


def answered_by_coordinator(help_request: HelpRequest) -> bool:
    """No one answers online for the person: the coordinator records their answer."""
    if help_request.application is not None:
        return False
    requester = requester_of(help_request)
    return requester is None or requester.user_id is None


def requests_of_requester(user: User) -> QuerySet[HelpRequest]:
    """The help requests ``user`` asked for, newest first; anything else is not found."""
    return (
        HelpRequest.objects.filter(requester__user=user)
        .select_related("requester", "role", "district", "unit")
        .order_by("-created_at", "-pk")
    )


def need_of(help_request: HelpRequest) -> Need:
    return Need(
        district_id=help_request.district_id,
        interests=frozenset(str(interest) for interest in help_request.interests.all()),
        languages=frozenset(str(language) for language in help_request.languages.all()),
        gender=help_request.preferred_gender,
        min_age=help_request.preferred_min_age,
        max_age=help_request.preferred_max_age,
        slots=frozenset((slot.weekday, slot.part) for slot in help_request.times.all()),
    )


def candidate_of(helper: HelperProfile, *, today: date) -> Candidate:
    return Candidate(
        district_id=helper.district_id,
        interests=frozenset(str(interest) for interest in helper.interests.all()),
        languages=frozenset(str(language) for language in helper.languages.all()),
        gender=helper.gender,
        age=today.year - helper.birth_year if helper.birth_year else None,
        slots=frozenset((slot.weekday, slot.part) for slot in helper.availability.all()),
    )


def ready_for(help_request: HelpRequest, *, today: date | None = None) -> QuerySet[HelperProfile]:
    """The helpers that may be proposed for ``help_request``: ready (checklist complete)
    in a role of its kind, of its unit."""
    return volunteer_selectors.ready_helpers(help_request.kind, unit=help_request.unit, today=today)


def is_ready_for(
    helper: HelperProfile, help_request: HelpRequest, *, today: date | None = None
) -> bool:
    enrolments = HelperRoleEnrolment.objects.filter(
        helper=helper, role__kind=help_request.kind, role__unit=help_request.unit
    ).select_related("role", "helper")
    enrolments = enrolments.prefetch_related(*volunteer_selectors.ENROLMENT_PREFETCH)
    return helper.status == HelperProfile.Status.ACTIVE and any(
        volunteer_selectors.is_ready(enrolment, today=today) for enrolment in enrolments
    )


def suggest_helpers(
    help_request: HelpRequest, *, today: date | None = None
) -> list[tuple[HelperProfile, int, list[str]]]:
    """Ready helpers for the request's kind, best fit first, with the reasons. Helpers
    already in an active match for this request are left out."""
    today = today or timezone.localdate()
    need = need_of(help_request)
    taken = Match.objects.filter(help_request=help_request, status__in=Match.ACTIVE).values(
        "helper_id"
    )
    helpers = (
        ready_for(help_request, today=today)
        .exclude(pk__in=taken)
        .prefetch_related("interests", "languages", "availability")
    )
    ranked = [(helper, *score(need, candidate_of(helper, today=today))) for helper in helpers]
    ranked.sort(key=lambda row: (-row[1], row[0].name, row[0].pk))
    return ranked


def requests_for_staff(user: User) -> QuerySet[HelpRequest]:
    """Help requests of the units ``user`` coordinates; anything else is not found."""
    return HelpRequest.objects.filter(
        unit__in=volunteer_selectors.staff_units(user)
    ).select_related("unit", "district", "decision", "application", "requester")


@dataclass(frozen=True)
class RequestRow:
    help_request: HelpRequest
    waiting_days: int
    since: datetime
    match: Match | None


def waiting_since(help_request: HelpRequest) -> datetime:
    """From the decision, where there is one, else from the request."""
    if help_request.decision is not None:
        return help_request.decision.issued_at
    return help_request.created_at


def matches_newest_first() -> QuerySet[Match]:
    return Match.objects.select_related("helper").order_by("-proposed_at", "-pk")


def with_matches(requests: QuerySet[HelpRequest]) -> QuerySet[HelpRequest]:
    """``requests`` with their matches fetched at once, for ``current_match``."""
    return requests.prefetch_related(
        Prefetch("matches", queryset=matches_newest_first(), to_attr="newest_matches")
    )


def current_match(help_request: HelpRequest) -> Match | None:
    """The request's active match, else its latest one (from ``with_matches`` when the
    request came through it)."""
    matches: list[Match] | None = getattr(help_request, "newest_matches", None)
    if matches is None:
        matches = list(matches_newest_first().filter(help_request=help_request))
    for match in matches:
        if match.active:
            return match
    return matches[0] if matches else None


def open_rows(
    user: User, *, min_days: int | None = None, not_started: bool = False
) -> list[RequestRow]:
    """The coordinator's open requests (and new ones that need a public description),
    longest waiting first. ``not_started``: only
    støttekontakt requests from a granted decision with no started match."""
    now = timezone.now()
    requests = with_matches(
        requests_for_staff(user).filter(
            status__in=(HelpRequest.Status.NEW, HelpRequest.Status.OPEN)
        )
    )
    if not_started:
        requests = requests.filter(kind=RoleKind.STOTTEKONTAKT, decision__isnull=False).exclude(
            matches__status=Match.Status.STARTED
        )
    rows = []
    for help_request in requests:
        since = waiting_since(help_request)
        days = (now - since).days
        if min_days is not None and days < min_days:
            continue
        rows.append(RequestRow(help_request, days, since, current_match(help_request)))
    rows.sort(key=lambda row: (-row.waiting_days, row.help_request.pk))
    return rows


def matches_of_helper(helper: HelperProfile) -> QuerySet[Match]:
    return (
        helper.matches.exclude(status=Match.Status.DECLINED)
        .select_related("help_request", "help_request__application", "help_request__requester")
        .prefetch_related("check_ins")
        .order_by("-proposed_at", "-pk")
    )


def help_requests_of(application: Application) -> list[HelpRequest]:
    return list(application.help_requests.order_by("-created_at", "-pk"))


@dataclass(frozen=True)
class CaseMatchStatus:
    """What the case and the citizen's page say about finding a helper."""

    help_request: HelpRequest
    match: Match | None
    waiting_since: datetime


def status_for(application: Application) -> CaseMatchStatus | None:
    help_request = (
        application.help_requests.select_related("decision").order_by("-created_at", "-pk").first()
    )
    if help_request is None:
        return None
    return CaseMatchStatus(help_request, current_match(help_request), waiting_since(help_request))


def usual_days(*, now: datetime | None = None) -> int | None:
    """Median days from the decision to a started match, over matches started in the
    last 12 months; None when fewer than ``MIN_FIGURE`` matches."""
    return _median_shown(days_to_start(now=now))


def days_to_start(*, now: datetime | None = None) -> list[int]:
    now = now or timezone.now()
    return _days_from_decision(
        Match.objects.filter(started_at__gte=now - timedelta(days=365), started_at__lte=now)
    )


def _days_from_decision(matches: QuerySet[Match]) -> list[int]:
    """Days from the decision to the start, for the started ``matches`` from a decision."""
    started = matches.filter(
        started_at__isnull=False, help_request__decision__isnull=False
    ).values_list("started_at", "help_request__decision__issued_at")
    return [(start - issued).days for start, issued in started if start and issued]


def _median_shown(days: list[int]) -> int | None:
    """The median, shown only from ``MIN_FIGURE`` values up."""
    return round(median(days)) if len(days) >= MIN_FIGURE else None


def due_check_ins(user: User, *, now: datetime | None = None) -> list[tuple[Match, int, list[str]]]:
    """Started matches in the coordinator's units with a check-in due and not answered
    by both sides: (match, week, the sides that have not answered)."""
    now = now or timezone.now()
    due = []
    matches = (
        Match.objects.filter(status=Match.Status.STARTED, help_request__in=requests_for_staff(user))
        .select_related("helper", "help_request")
        .prefetch_related("check_ins")
    )
    for match in matches:
        for week, missing in check_ins_due(match, now=now):
            due.append((match, week, missing))
    return due


def check_ins_due(match: Match, *, now: datetime | None = None) -> list[tuple[int, list[str]]]:
    """The weeks whose check-in is due (the latest first) and the sides still to answer."""
    now = now or timezone.now()
    if match.started_at is None or match.status != Match.Status.STARTED:
        return []
    answered = {(check_in.side, check_in.week) for check_in in match.check_ins.all()}
    due = []
    for week in CHECK_IN_WEEKS:
        if now < match.started_at + timedelta(weeks=week):
            continue
        missing = [side for side in CheckIn.Side if (side, week) not in answered]
        if missing:
            due.append((week, [str(side) for side in missing]))
    return due


def check_in_due_for(match: Match, side: str, *, now: datetime | None = None) -> int | None:
    """The latest week whose check-in is due, when ``side`` has not answered it; else
    None (an earlier week not answered in time is not asked any more)."""
    now = now or timezone.now()
    if match.started_at is None or match.status != Match.Status.STARTED:
        return None
    passed = [w for w in CHECK_IN_WEEKS if now >= match.started_at + timedelta(weeks=w)]
    if not passed:
        return None
    week = passed[-1]
    if any(c.side == side and c.week == week for c in match.check_ins.all()):
        return None
    return week


def hours_for_month(user: User, month: date) -> QuerySet[HoursReport]:
    return (
        HoursReport.objects.filter(month=month, unit__in=volunteer_selectors.staff_units(user))
        .select_related("unit")
        .order_by("helper_name", "pk")
    )


@dataclass(frozen=True)
class Statistics:
    median_days: int | None
    started_count: int | None
    per_district: list[tuple[str, int | None]]
    helpers: list[tuple[str, str, int | None]]


def statistics(user: User) -> Statistics:
    requests = requests_for_staff(user)
    days = _days_from_decision(Match.objects.filter(help_request__in=requests))
    per_district = [
        (row["help_request__district__name"] or "—", shown(row["count"]))
        for row in Match.objects.filter(help_request__in=requests, started_at__isnull=False)
        .values("help_request__district__name")
        .annotate(count=Count("pk"))
        .order_by("help_request__district__name")
    ]
    kinds = dict(RoleKind.choices)
    statuses = dict(HelperRoleEnrolment.Status.choices)
    helpers = [
        (
            str(kinds.get(row["role__kind"], row["role__kind"])),
            str(statuses.get(row["status"], row["status"])),
            shown(row["count"]),
        )
        for row in HelperRoleEnrolment.objects.filter(
            role__unit__in=volunteer_selectors.staff_units(user)
        )
        .values("role__kind", "status")
        .annotate(count=Count("helper", distinct=True))
        .order_by("role__kind", "status")
    ]
    return Statistics(
        median_days=_median_shown(days),
        started_count=shown(len(days)),
        per_district=per_district,
        helpers=helpers,
    )
