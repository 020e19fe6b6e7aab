"""The yearly export to KPR (kommunalt pasient- og brukerregister, formerly IPLOS):
every granted, partly granted and refused service per person for one calendar year,
as CSV for the municipality's record system.

This is the only output of the portal with a person's national identity number in it.
It is for administrators only (``may_export``); every download, and every refusal, is
written to the access log with object type ``kpr_export`` — without the number, which
appears neither in the URL nor in any log.

Decisions rejected without assessment (avvist) are left out: no service was assessed.
A decision later corrected by another one is left out too; the correction counts.

Every line says whether the person's identity number was verified: the last column,
``identitet_bekreftet``, is ``ja`` only when the person applied for themselves logged
in with ID-porten, and ``nei`` when the number is only what the applicant typed (every
application on someone's behalf, and self-applications from a local account). Such
lines are flagged, not left out: leaving them out would drop most services from the
statutory report. Check the ``nei`` lines against Folkeregisteret in the record system
before they are reported (README, "KPR export").

What was granted and what is in effect are reported separately: ``ukedager`` are the
weekdays the decision granted; ``ukedager_med_plass`` those with a place (not ended)
and ``ukedager_pa_venteliste`` those still on a waiting list.
"""

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from portal.roles import Role
from portal.spreadsheets import spreadsheet_safe
from referrals.capacity.models import Allocation, WaitingListEntry
from referrals.cases.access import Viewer
from referrals.cases.models import Decision, DecisionContent

OBJECT_TYPE = "kpr_export"

OUTCOMES = [
    Decision.Outcome.GRANTED,
    Decision.Outcome.PARTLY_GRANTED,
    Decision.Outcome.REFUSED,
]

# Column headers are stable machine names: the record system imports them.
COLUMNS = [
    "fodselsnummer",
    "navn",
    "tjenestekode",
    "tjeneste",
    "referanse",
    "vedtaksdato",
    "utfall",
    "startdato",
    "sluttdato_eller_revurdering",
    "tidsrom",
    "ukedager",
    "identitet_bekreftet",
    "ukedager_med_plass",
    "ukedager_pa_venteliste",
]
VERIFIED, NOT_VERIFIED = "ja", "nei"

# The first year the portal has decisions for.
FIRST_YEAR = 2020


def in_role(user: Viewer | None, role: Role) -> bool:
    """Whether an active, signed-in user is a member of the role's group."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.groups.filter(name=role.value).exists()
    )


def may_export(user: Viewer | None) -> bool:
    """Administrators only."""
    return in_role(user, Role.ADMINISTRATOR)


def years(*, today: date | None = None) -> list[int]:
    """The years one may export, newest first (last year is the usual one)."""
    today = today or timezone.localdate()
    return list(range(today.year, FIRST_YEAR - 1, -1))


def decisions_for_year(year: int) -> QuerySet[Decision]:
    """The decisions issued in ``year`` (local time) that KPR counts. One query."""
    start = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min))
    end = timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min))
    return (
        Decision.objects.filter(
            issued_at__gte=start,
            issued_at__lt=end,
            outcome__in=OUTCOMES,
            application__reference__isnull=False,
        )
        .exclude(corrections__isnull=False)
        .select_related("application__service_type", "content")
        .order_by("issued_at", "pk")
    )


def rows(decisions: Iterable[Decision]) -> list[list[str]]:
    """One line per decision, in ``COLUMNS`` order. What was granted (dates, hours,
    weekdays) is filled in for grants only."""
    decisions = list(decisions)
    ids = [decision.pk for decision in decisions]
    placed: dict[int, set[int]] = {}
    for decision_id, weekday in Allocation.objects.filter(
        decision__in=ids, ended_at__isnull=True
    ).values_list("decision_id", "weekday"):
        placed.setdefault(decision_id, set()).add(weekday)
    waiting: dict[int, set[int]] = {}
    for decision_id, weekday in WaitingListEntry.objects.filter(
        decision__in=ids, removed_at__isnull=True
    ).values_list("decision_id", "weekday"):
        waiting.setdefault(decision_id, set()).add(weekday)
    result = []
    for decision in decisions:
        application = decision.application
        grant = _content(decision) if decision.outcome in Decision.GRANTING else None
        result.append(
            [
                application.person_national_id,
                spreadsheet_safe(application.person_name),
                spreadsheet_safe(
                    application.service_type.kpr_code or application.service_type.slug
                ),
                spreadsheet_safe(application.service_type.name),
                spreadsheet_safe(application.reference),
                timezone.localdate(decision.issued_at).isoformat(),
                decision.outcome,
                grant.start_date.isoformat() if grant and grant.start_date else "",
                grant.review_date.isoformat() if grant and grant.review_date else "",
                spreadsheet_safe(grant.hours) if grant else "",
                " ".join(str(day + 1) for day in sorted(grant.weekdays or [])) if grant else "",
                VERIFIED if application.identity_verified else NOT_VERIFIED,
                _iso_days(placed.get(decision.pk)) if grant else "",
                _iso_days(waiting.get(decision.pk)) if grant else "",
            ]
        )
    return result


def _iso_days(days: Iterable[int] | None) -> str:
    return " ".join(str(day + 1) for day in sorted(days or []))


def _content(decision: Decision) -> DecisionContent | None:
    """The decision's content, or None (a decision registered without it)."""
    try:
        return decision.content
    except Decision.content.RelatedObjectDoesNotExist:
        return None


def export_csv(*, year: int) -> tuple[str, list[Decision]]:
    """The CSV text for ``year`` (one line per decision; weekdays as ISO numbers,
    1 = Monday) and the decisions in it. Three queries."""
    decisions = list(decisions_for_year(year))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(decisions))
    return buffer.getvalue(), decisions
