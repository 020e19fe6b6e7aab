"""Reading places and waiting lists: the weekly calendar per offer, a person's place
in a queue, and who may change which allocation."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TypedDict

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django_stubs_ext import StrOrPromise

from catalogue.models import Offer, Weekday
from referrals.capacity.models import Allocation, WaitingListEntry
from referrals.cases import access
from referrals.cases.access import Viewer
from referrals.cases.models import (
    AccessLogEntry,
    Application,
    CaseworkerAssignment,
    DayPlace,
    Decision,
)


def waiting_position(*, entry: WaitingListEntry) -> int:
    """The entry's place in its offer's waiting list for that weekday (1 is next)."""
    ahead = WaitingListEntry.objects.filter(
        offer_id=entry.offer_id, weekday=entry.weekday, removed_at__isnull=True
    ).filter(
        Q(priority__lt=entry.priority)
        | Q(priority=entry.priority, added_at__lt=entry.added_at)
        | Q(priority=entry.priority, added_at=entry.added_at, pk__lt=entry.pk)
    )
    return ahead.count() + 1


def day_places(decision: Decision) -> list[DayPlace]:
    """Per weekday the decision granted at an offer: a place, or the waiting list with
    the person's place in the queue. Two queries and one per waiting day."""
    result: list[DayPlace] = [
        {"weekday": weekday, "place": True}
        for weekday in Allocation.objects.filter(decision=decision, ended_at__isnull=True)
        .values_list("weekday", flat=True)
        .distinct()
    ]
    for entry in WaitingListEntry.objects.filter(decision=decision, removed_at__isnull=True):
        result.append(
            {"weekday": entry.weekday, "place": False, "position": waiting_position(entry=entry)}
        )
    return sorted(result, key=lambda day: day["weekday"])


class HeldPlace(TypedDict):
    offer: Offer
    weekday: StrOrPromise
    start_date: date | None
    ends_on: date | None


def places_held(application: Application) -> list[HeldPlace]:
    """The person's places (not ended): the offer, the weekday and from when."""
    allocations = (
        Allocation.objects.filter(application=application, ended_at__isnull=True)
        .select_related("offer")
        .order_by("offer__title", "weekday", "pk")
    )
    return [
        {
            "offer": allocation.offer,
            "weekday": Weekday(allocation.weekday).label,
            "start_date": allocation.start_date,
            "ends_on": allocation.ends_on,
        }
        for allocation in allocations
    ]


class WaitingPlace(TypedDict):
    offer: Offer
    weekday: StrOrPromise
    position: int
    added_at: datetime


def waiting_list(application: Application) -> list[WaitingPlace]:
    """The person's open places on waiting lists, with their place in each queue."""
    entries = (
        WaitingListEntry.objects.filter(application=application, removed_at__isnull=True)
        .select_related("offer")
        .order_by("offer__title", "weekday", "pk")
    )
    return [
        {
            "offer": entry.offer,
            "weekday": Weekday(entry.weekday).label,
            "position": waiting_position(entry=entry),
            "added_at": entry.added_at,
        }
        for entry in entries
    ]


WORKING_DAYS = range(5)


def with_free_places(
    offers: QuerySet[Offer], *, first_day: date, exclude_application: int | None = None
) -> QuerySet[Offer]:
    """``offers`` with the places a grant starting on ``first_day`` would find held on
    each working day (read with ``free_by_weekday``), counted as
    ``services.allocate_places`` counts them, in the same query. The places of
    ``exclude_application`` (a decision being corrected keeps its own) are not counted."""
    held = Q(allocations__ended_at__isnull=True) & ~Q(allocations__ends_on__lte=first_day)
    if exclude_application is not None:
        held &= ~Q(allocations__application_id=exclude_application)
    return offers.annotate(
        **{
            f"held_on_{day}": Count("allocations", filter=held & Q(allocations__weekday=day))
            for day in WORKING_DAYS
        }
    )


def free_by_weekday(offer: Offer) -> dict[int, int | None]:
    """Per working day, the free places of an offer read through ``with_free_places``
    (None: no places per day set, never full)."""
    capacity = offer.capacity_per_day
    return {
        day: None if capacity is None else max(capacity - getattr(offer, f"held_on_{day}", 0), 0)
        for day in WORKING_DAYS
    }


def free_places(*, offer: Offer, today: date | None = None) -> int | None:
    """The free places the public offer page shows (``Offer.places_available``) for an
    offer whose places are counted from decisions: the most places free on any working
    day, counting the places held today as ``services.allocate_places`` does for a new
    grant (a place whose planned end has come is free). 0 is full. None for an offer
    without its places per day set (its figure is typed in by staff). One query."""
    if not offer.places_from_capacity or offer.capacity_per_day is None:
        return None
    today = today or timezone.localdate()
    held = dict(
        Allocation.objects.filter(offer=offer, ended_at__isnull=True)
        .exclude(ends_on__lte=today)
        .values_list("weekday")
        .annotate(n=Count("pk"))
        .values_list("weekday", "n")
    )
    return max(max(offer.capacity_per_day - held.get(day, 0), 0) for day in WORKING_DAYS)


WEEKS = 4


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def takes_place_on(allocation: Allocation, day: date) -> bool:
    """Whether ``allocation`` occupies its place on ``day``: on its weekday, from its
    start date (if any), and before the day it ended or is planned to end (the end
    date frees the place)."""
    if day.weekday() != allocation.weekday:
        return False
    if allocation.start_date is not None and day < allocation.start_date:
        return False
    if allocation.ends_on is not None and day >= allocation.ends_on:
        return False
    return allocation.ended_at is None or day < timezone.localdate(allocation.ended_at)


def holds_place_on(allocation: Allocation, day: date) -> bool:
    """Whether the place is still held on ``day`` (not ended, planned end not reached),
    whatever its start date: the places a new grant or the waiting list must wait for."""
    if allocation.ended_at is not None:
        return False
    return allocation.ends_on is None or day < allocation.ends_on


@dataclass
class DayCell:
    day: date
    capacity: int | None
    allocated: int

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.allocated, 0)

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.allocated >= self.capacity

    @property
    def over(self) -> int:
        return 0 if self.capacity is None else max(self.allocated - self.capacity, 0)


@dataclass
class Week:
    monday: date
    days: list[DayCell]

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def friday(self) -> date:
        return self.monday + timedelta(days=4)


def calendar(
    *, capacity: int | None, allocations: list[Allocation], first_monday: date, weeks: int
) -> list[Week]:
    """Pure: per week and working day, the places and how many are allocated that day."""
    result = []
    for week in range(weeks):
        monday = first_monday + timedelta(weeks=week)
        days = []
        for weekday in WORKING_DAYS:
            day = monday + timedelta(days=weekday)
            allocated = sum(1 for a in allocations if takes_place_on(a, day))
            days.append(DayCell(day=day, capacity=capacity, allocated=allocated))
        result.append(Week(monday=monday, days=days))
    return result


@dataclass
class WaitingRow:
    entry: WaitingListEntry
    position: int
    free_now: bool  # a place on that weekday is free today: the caseworker should act


@dataclass
class OfferCapacity:
    offer: object
    weeks: list[Week]
    allocations: list[Allocation]  # the places held today (some with a planned end)
    waiting: list[WaitingRow] = field(default_factory=list)


LEADER_PERMISSION = "referrals.view_allocation"


def is_unit_leader(user: Viewer) -> bool:
    return user.is_authenticated and user.has_perm(LEADER_PERMISSION)


def may_view_capacity(user: Viewer) -> bool:
    """Unit leaders (their units' offers) and caseworkers (the offers of the service
    types they handle) see the capacity page."""
    return is_unit_leader(user) or access.is_caseworker(user)


def offers_in_scope(user: Viewer) -> QuerySet[Offer]:
    """The offers taking applications whose places ``user`` may see: a unit leader's
    units' offers, and a caseworker's service types' offers (the service types of
    their casework assignments, as the queue and the case pages scope cases)."""
    if not user.is_authenticated:
        return Offer.objects.none()
    condition = Q(pk__in=[])
    if is_unit_leader(user):
        condition |= Q(unit__in=user.units.all())
    if access.is_caseworker(user):
        condition |= Q(
            service_type__in=CaseworkerAssignment.objects.filter(user=user).values(
                "service_type_id"
            )
        )
    return Offer.objects.filter(condition, participation=Offer.Participation.APPLICATION)


def overview(
    *, user: Viewer, today: date | None = None, weeks: int = WEEKS, start: date | None = None
) -> list[OfferCapacity]:
    """For a unit leader or a caseworker: each offer in their scope (``offers_in_scope``)
    with the calendar from ``start``'s week (default this week), the current places and
    the waiting list. The calendar counts every place; the people are named only on the
    offers of a leader's own units, or when their case is in the caseworker's scope.
    A fixed number of queries whatever the number of offers, places or people."""

    today = today or timezone.localdate()
    first_monday = week_start(start or today)
    led_units = (
        set(user.units.values_list("pk", flat=True))
        if is_unit_leader(user) and user.is_authenticated
        else set()
    )
    offers = list(offers_in_scope(user).select_related("unit").order_by("title", "pk"))
    offer_ids = [offer.pk for offer in offers]
    # Everything that can still occupy a place on a day shown, or from today.
    since = local_midnight(min(first_monday, today))
    allocations = list(
        Allocation.objects.filter(offer__in=offer_ids)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gt=since))
        .select_related("application")
        .only(
            "offer_id",
            "weekday",
            "start_date",
            "ended_at",
            "ends_on",
            "created_at",
            "application__reference",
            "application__person_name",
        )
        .order_by("weekday", "created_at", "pk")
    )
    waiting = list(
        WaitingListEntry.objects.filter(offer__in=offer_ids, removed_at__isnull=True)
        .select_related("application")
        .only(
            "offer_id",
            "weekday",
            "priority",
            "added_at",
            "application__reference",
            "application__person_name",
        )
        .order_by("weekday", "priority", "added_at", "pk")
    )
    by_offer: dict[int, list[Allocation]] = {}
    for allocation in allocations:
        by_offer.setdefault(allocation.offer_id, []).append(allocation)
    waiting_by_offer: dict[int, list[WaitingListEntry]] = {}
    for entry in waiting:
        waiting_by_offer.setdefault(entry.offer_id, []).append(entry)
    # People on offers the user does not lead: named only when their case is in scope.
    led_offers = {offer.pk for offer in offers if offer.unit_id in led_units}
    others = {a.application_id for a in allocations if a.offer_id not in led_offers} | {
        e.application_id for e in waiting if e.offer_id not in led_offers
    }
    visible = (
        set(access.staff_applications(user).filter(pk__in=others).values_list("pk", flat=True))
        if others
        else set()
    )

    def shown(item: Allocation | WaitingListEntry) -> bool:
        return item.offer_id in led_offers or item.application_id in visible

    result = []
    for offer in offers:
        own = by_offer.get(offer.pk, [])
        held = [a for a in own if holds_place_on(a, today)]
        taken_now = {
            weekday: sum(1 for a in held if a.weekday == weekday) for weekday in WORKING_DAYS
        }
        rows: list[WaitingRow] = []
        positions: dict[int, int] = {}
        for entry in waiting_by_offer.get(offer.pk, []):
            positions[entry.weekday] = positions.get(entry.weekday, 0) + 1
            position = positions[entry.weekday]
            capacity = offer.capacity_per_day
            free = None if capacity is None else capacity - taken_now.get(entry.weekday, 0)
            if not shown(entry):
                continue
            rows.append(
                WaitingRow(
                    entry=entry, position=position, free_now=free is not None and position <= free
                )
            )
        result.append(
            OfferCapacity(
                offer=offer,
                weeks=calendar(
                    capacity=offer.capacity_per_day,
                    allocations=own,
                    first_monday=first_monday,
                    weeks=weeks,
                ),
                allocations=[a for a in held if shown(a)],
                waiting=rows,
            )
        )
    return result


def _leads_unit_of(user: Viewer, offer_id: int) -> bool:

    return (
        user.has_perm(LEADER_PERMISSION)
        and Offer.objects.for_unit_leader(user).filter(pk=offer_id).exists()
    )


def _may_change(user: Viewer, *, offer_id: int, application_id: int) -> bool:
    """The offer's unit leaders, and caseworkers whose service types and districts
    cover the person's case."""
    if not user.is_authenticated:
        return False
    if _leads_unit_of(user, offer_id):
        return True
    return (
        access.is_caseworker(user)
        and access.staff_applications(user).filter(pk=application_id).exists()
    )


def _get_for_change[M: (Allocation, WaitingListEntry)](
    model: type[M],
    *,
    user: Viewer,
    pk: str | None,
    object_type: str,
    condition: Q | None = None,
    **filters: object,
) -> M:
    number: int | None
    try:
        number = int(pk) if pk is not None else None
    except ValueError:
        number = None
    item = None
    if number is not None:
        found = model.objects.filter(pk=number, **filters)
        if condition is not None:
            found = found.filter(condition)
        item = found.select_related("application", "offer").first()
    if item is None or not _may_change(
        user, offer_id=item.offer_id, application_id=item.application_id
    ):
        application = item.application if item is not None else None
        access.log_access(
            user=user,
            action=AccessLogEntry.Action.CHANGE,
            object_type=object_type,
            object_id=str(number or ""),
            application=application,
            allowed=False,
        )
        raise Http404()
    return item


def get_allocation_for_change(*, user: Viewer, pk: str | None) -> Allocation:
    """A place still held (not ended, planned end not reached), if the user may end it;
    otherwise 404 (logged). A planned end may be moved until that day."""
    return _get_for_change(
        Allocation,
        user=user,
        pk=pk,
        object_type="allocation",
        condition=Q(ended_at__isnull=True)
        & (Q(ends_on__isnull=True) | Q(ends_on__gt=timezone.localdate())),
    )


def get_waiting_entry_for_change(*, user: Viewer, pk: str | None) -> WaitingListEntry:
    """A waiting-list entry still on the list, if the user may change it; else 404."""
    return _get_for_change(
        WaitingListEntry, user=user, pk=pk, object_type="waitinglistentry", removed_at__isnull=True
    )
