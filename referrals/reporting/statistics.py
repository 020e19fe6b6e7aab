"""The figures behind /saksbehandling/statistikk/: per service type and month, and the
utilisation of the day centres per weekday.

Everything here is aggregate: counts, processing times and percentages. No name,
identity number, reference or application id ever leaves these functions. Each
function runs a fixed number of queries whatever the number of cases (see the query
counts in the docstrings and in ``tests/referrals/reporting/test_statistics*.py``).
"""

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypedDict

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from catalogue.models import Offer, ServiceType, Weekday
from referrals.capacity.models import Allocation, WaitingListEntry
from referrals.cases.models import Appeal, Application, Decision
from referrals.casework.models import AppealForwarding

OUTCOMES = [choice.value for choice in Decision.Outcome]

# Appeal outcomes: the municipality's own reconsideration, then Statsforvalteren's.
APPEAL_KEYS = [
    "appeals",
    "appeals_granted",  # the municipality gave the appellant what they asked for
    "appeals_forwarded",  # upheld by the municipality and sent to Statsforvalteren
    "appeals_upheld",  # Statsforvalteren confirmed the decision
    "appeals_reversed",  # Statsforvalteren changed it
    "appeals_quashed",  # Statsforvalteren quashed it and sent it back
    "appeals_withdrawn",
    "appeals_pending",  # still with the municipality or with Statsforvalteren
]

MONTH_KEYS = [
    "received",
    "decided",
    *OUTCOMES,
    "median_days",
    "p90_days",
    "overdue",
    *APPEAL_KEYS,
    "waiting",
]


# A row of ``monthly``: its keys are MONTH_KEYS (one per decision outcome among them),
# "service_type", "month" and, while it is built, "_days"; the values are names, dates,
# counts and days. Too dynamic a shape for a TypedDict.
MonthRow = dict[str, Any]


class MonthTotal(TypedDict):
    month: date
    received: int
    decided: int


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile (the smallest value with at least ``fraction`` of the
    values at or below it); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def month_start(value: date | datetime) -> date:
    """The first day of the (local) month of a date or datetime."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def last_months(*, count: int, today: date | None = None) -> list[date]:
    """The first days of the ``count`` months ending with this one, oldest first."""
    month = month_start(today or timezone.localdate())
    months = [month]
    for _ in range(count - 1):
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    return list(reversed(months))


def _empty_row(name: str, month: date) -> MonthRow:
    row: MonthRow = {"service_type": name, "month": month}
    row.update(dict.fromkeys(MONTH_KEYS, 0))
    row["median_days"] = None
    row["p90_days"] = None
    row["_days"] = []
    return row


def monthly(*, today: date | None = None) -> list[MonthRow]:
    """Per service type and month (sorted by service type, then month):

    - ``received``: applications submitted that month;
    - ``decided`` and one count per outcome: decisions issued that month; a correction
      is not counted as a decision, its outcome replaces that of the decision it
      corrects (in that decision's month);
    - ``median_days`` / ``p90_days``: days from submission to the first decision, over
      the first decisions issued that month (nearest rank, one decimal);
    - ``overdue``: applications received that month still open past their due date;
    - ``appeals`` (filed that month) and how they ended (``APPEAL_KEYS``);
    - ``waiting``: places waited for on that service type's waiting lists at the end of
      the month (today for the current month).

    Five queries (service types, received, decisions, appeals, waiting list), none per
    row.
    """
    today = today or timezone.localdate()
    names = {service_type.pk: str(service_type) for service_type in ServiceType.objects.all()}
    rows: dict[tuple[int, date], MonthRow] = {}

    def row(service_type_id: int, month: date) -> MonthRow:
        key = (service_type_id, month)
        if key not in rows:
            rows[key] = _empty_row(names.get(service_type_id, ""), month)
        return rows[key]

    received = (
        Application.objects.submitted()
        .annotate(month=TruncMonth("submitted_at"))
        .values("service_type_id", "month")
        .annotate(
            n=Count("pk"),
            overdue=Count("pk", filter=Q(status__in=Application.OPEN_STATUSES, due_date__lt=today)),
        )
        .order_by()
    )
    for item in received:
        if item["month"] is None:
            continue
        target = row(item["service_type_id"], month_start(item["month"]))
        target["received"] = item["n"]
        target["overdue"] = item["overdue"]

    decisions = list(
        Decision.objects.order_by("issued_at", "pk").values_list(
            "pk",
            "application__service_type_id",
            "issued_at",
            "application__submitted_at",
            "outcome",
            "replaces_id",
            "content__correction_reason",
        )
    )
    # A correction (a later decision with a correction reason) replaces the decision it
    # corrects: it is no new decision, but its outcome is the one that stands. Oldest
    # first, so a correction of a correction finds the decision both replace.
    corrected: dict[int, int] = {}  # correction -> the decision it (in the end) corrects
    standing: dict[int, str] = {}  # corrected decision -> the outcome of its last correction
    for pk, _type, _issued, _submitted, outcome, replaces_id, correction_reason in decisions:
        if replaces_id is not None and correction_reason:
            original = corrected.get(replaces_id, replaces_id)
            corrected[pk] = original
            standing[original] = outcome
    for pk, service_type_id, issued_at, submitted_at, outcome, replaces_id, _ in decisions:
        if pk in corrected:
            continue
        outcome = standing.get(pk, outcome)
        target = row(service_type_id, month_start(issued_at))
        target["decided"] += 1
        target[outcome] = target.get(outcome, 0) + 1
        # Processing time is the first decision's; a new decision after an appeal counts
        # as a decision but would stretch the time of the application.
        if submitted_at is not None and replaces_id is None:
            target["_days"].append((issued_at - submitted_at).total_seconds() / 86400)

    appeals = (
        Appeal.objects.annotate(month=TruncMonth("submitted_at"))
        .values("application__service_type_id", "month", "status", "forwarding__outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for appeal in appeals:
        target = row(appeal["application__service_type_id"], month_start(appeal["month"]))
        n = appeal["n"]
        target["appeals"] += n
        status, outcome = appeal["status"], appeal["forwarding__outcome"]
        if status == Appeal.Status.GRANTED:
            target["appeals_granted"] += n
        elif status == Appeal.Status.WITHDRAWN:
            target["appeals_withdrawn"] += n
        if status in (Appeal.Status.FORWARDED, Appeal.Status.RESOLVED) or outcome:
            target["appeals_forwarded"] += n
        if outcome == AppealForwarding.Outcome.UPHELD:
            target["appeals_upheld"] += n
        elif outcome == AppealForwarding.Outcome.REVERSED:
            target["appeals_reversed"] += n
        elif outcome == AppealForwarding.Outcome.QUASHED:
            target["appeals_quashed"] += n
        elif status in (Appeal.Status.RECEIVED, Appeal.Status.FORWARDED):
            target["appeals_pending"] += n

    _add_waiting(rows, today=today)

    result = []
    for key in sorted(rows, key=lambda k: (rows[k]["service_type"], k[0], k[1])):
        values = rows[key]
        days = values.pop("_days")
        median = percentile(days, 0.5)
        p90 = percentile(days, 0.9)
        values["median_days"] = None if median is None else round(median, 1)
        values["p90_days"] = None if p90 is None else round(p90, 1)
        result.append(values)
    return result


def _add_waiting(rows: dict[tuple[int, date], MonthRow], *, today: date) -> None:
    """Waiting-list length at the end of each row's month (one query)."""
    entries = list(
        WaitingListEntry.objects.order_by().values_list(
            "application__service_type_id", "added_at", "removed_at"
        )
    )
    if not entries:
        return
    now = timezone.now()
    for (service_type_id, month), target in rows.items():
        end = timezone.make_aware(datetime.combine(next_month(month), time.min))
        moment = min(end, now)
        target["waiting"] = sum(
            1
            for entry_type, added_at, removed_at in entries
            if entry_type == service_type_id
            and added_at < moment
            and (removed_at is None or removed_at >= moment)
        )


def totals_per_month(rows: list[MonthRow], months: list[date]) -> list[MonthTotal]:
    """Received and decided per month over all service types, for the chart."""
    by_month: dict[date, MonthTotal] = {
        month: {"month": month, "received": 0, "decided": 0} for month in months
    }
    for row in rows:
        if row["month"] in by_month:
            by_month[row["month"]]["received"] += row["received"]
            by_month[row["month"]]["decided"] += row["decided"]
    return [by_month[month] for month in months]


@dataclass(frozen=True)
class DayUse:
    weekday: int
    label: str
    capacity: int
    allocated: int
    waiting: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.allocated, 0)

    @property
    def percent(self) -> int | None:
        if not self.capacity:
            return None
        return round(100 * self.allocated / self.capacity)


WORKING_DAYS = range(5)


class CentreUse(TypedDict):
    offer: str
    unit: str
    days: list[DayUse]


class Utilisation(TypedDict):
    centres: list[CentreUse]
    totals: list[DayUse]


def utilisation(*, now: datetime | None = None) -> Utilisation:
    """Per day centre (an offer one applies for, with places per day) and weekday: the
    places, the places allocated (not ended; as on the unit leader's capacity page, a
    place given from a later start date is taken already), the free places
    and the length of the waiting list; plus the totals per weekday over all centres.

    Three queries: the centres, the allocations grouped, the waiting list grouped.
    """
    now = now or timezone.now()
    offers = list(
        Offer.objects.filter(
            participation=Offer.Participation.APPLICATION, capacity_per_day__isnull=False
        )
        .exclude(status=Offer.Status.ARCHIVED)
        .select_related("unit")
        .order_by("unit__name", "title", "pk")
    )
    ids = [offer.pk for offer in offers]
    allocated = {
        (item["offer_id"], item["weekday"]): item["n"]
        for item in Allocation.objects.filter(offer__in=ids)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gt=now))
        .exclude(ends_on__lte=timezone.localdate(now))  # a planned end that has come
        .values("offer_id", "weekday")
        .annotate(n=Count("pk"))
        .order_by()
    }
    waiting = {
        (item["offer_id"], item["weekday"]): item["n"]
        for item in WaitingListEntry.objects.filter(offer__in=ids, removed_at__isnull=True)
        .values("offer_id", "weekday")
        .annotate(n=Count("pk"))
        .order_by()
    }
    centres: list[CentreUse] = []
    for offer in offers:
        days = [
            DayUse(
                weekday=weekday,
                label=str(Weekday(weekday).label),
                capacity=offer.capacity_per_day or 0,
                allocated=allocated.get((offer.pk, weekday), 0),
                waiting=waiting.get((offer.pk, weekday), 0),
            )
            for weekday in WORKING_DAYS
        ]
        centres.append({"offer": str(offer), "unit": str(offer.unit), "days": days})
    totals = [
        DayUse(
            weekday=weekday,
            label=str(Weekday(weekday).label),
            capacity=sum(c["days"][weekday].capacity for c in centres),
            allocated=sum(c["days"][weekday].allocated for c in centres),
            waiting=sum(c["days"][weekday].waiting for c in centres),
        )
        for weekday in WORKING_DAYS
    ]
    return {"centres": centres, "totals": totals}
