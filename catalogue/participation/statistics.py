"""Numbers per offer and month for the unit: sign-ups, attendance rate and the length
of the waiting list, for the sessions of the last twelve months.

Small numbers are suppressed (``portal.small_numbers``, ``suppressed_rate``): no count
below ``MIN_SHOWN`` is shown, so that nobody can be picked out of a small group; the page
says "færre enn 5" instead. The number of sessions is about the offer, not about
people, and is shown as it is.

What is counted, per session month (local time):

- sign-ups: every sign-up that got a place or joined the queue (not those still
  waiting for the link in their e-mail), cancelled ones too;
- attendance rate: of the confirmed participants whose attendance was ticked, the
  share who came (``unit_services.mark_attendance``);
- waiting list: sign-ups still on the waiting list (for a past session: never got a
  place).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from catalogue.models import Offer
from catalogue.participation.models import Session, SignUp
from portal.small_numbers import MIN_FIGURE, shown

MIN_SHOWN = MIN_FIGURE
MONTHS = 12


def suppressed_rate(part: int, whole: int, minimum: int = MIN_SHOWN) -> int | None:
    """``part`` of ``whole`` in whole per cent, or None when either is below
    ``minimum`` (a rate of a handful of people tells about each of them)."""
    if whole < minimum or part < minimum or part > whole:
        return None
    return round(100 * part / whole)


@dataclass
class Counts:
    """The raw counts of a month (or a period); never shown as they are."""

    sessions: int = 0
    signups: int = 0
    ticked: int = 0
    attended: int = 0
    waiting: int = 0

    def add(self, other: "Counts") -> None:
        self.sessions += other.sessions
        self.signups += other.signups
        self.ticked += other.ticked
        self.attended += other.attended
        self.waiting += other.waiting


@dataclass(frozen=True)
class Figures:
    """What may be shown: None is "færre enn 5"."""

    sessions: int
    signups: int | None
    attendance_percent: int | None
    waiting: int | None


def figures(counts: Counts) -> Figures:
    return Figures(
        sessions=counts.sessions,
        signups=shown(counts.signups),
        attendance_percent=suppressed_rate(counts.attended, counts.ticked),
        waiting=shown(counts.waiting),
    )


@dataclass
class OfferStatistics:
    offer: Offer
    months: list[tuple[date, Figures]] = field(default_factory=list)
    total: Figures | None = None


def period(today: date | None = None, months: int = MONTHS) -> tuple[date, date]:
    """The first day of the month ``months - 1`` months back, and the first day of
    the next month."""
    today = today or timezone.localdate()
    year, month = today.year, today.month - (months - 1)
    while month < 1:
        month += 12
        year -= 1
    first = date(year, month, 1)
    end = date(today.year + 1, 1, 1) if today.month == 12 else date(today.year, today.month + 1, 1)
    return first, end


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _month(value: datetime | date) -> date:
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def offer_statistics(
    offers: "QuerySet[Offer]", *, today: date | None = None
) -> list[OfferStatistics]:
    """Per offer (those with sessions in the period), month by month, newest first,
    and the period's total."""
    first, end = period(today)
    start_at, end_at = _aware(first), _aware(end)
    counts: dict[int, dict[date, Counts]] = {}
    session_rows = (
        Session.objects.filter(offer__in=offers, starts_at__gte=start_at, starts_at__lt=end_at)
        .annotate(month=TruncMonth("starts_at"))
        .values("offer_id", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in session_rows:
        counts.setdefault(row["offer_id"], {}).setdefault(
            _month(row["month"]), Counts()
        ).sessions = row["n"]
    Status = SignUp.Status
    signup_rows = (
        SignUp.objects.filter(
            session__offer__in=offers,
            session__starts_at__gte=start_at,
            session__starts_at__lt=end_at,
        )
        .annotate(month=TruncMonth("session__starts_at"))
        .values("session__offer_id", "month")
        .annotate(
            signups=Count("pk", filter=~Q(status=Status.PENDING_EMAIL)),
            ticked=Count("pk", filter=Q(status=Status.CONFIRMED, attended__isnull=False)),
            attended=Count("pk", filter=Q(status=Status.CONFIRMED, attended=True)),
            waiting=Count("pk", filter=Q(status=Status.WAITING)),
        )
        .order_by()
    )
    for signup_row in signup_rows:
        month_counts = counts.setdefault(signup_row["session__offer_id"], {}).setdefault(
            _month(signup_row["month"]), Counts()
        )
        month_counts.signups = signup_row["signups"]
        month_counts.ticked = signup_row["ticked"]
        month_counts.attended = signup_row["attended"]
        month_counts.waiting = signup_row["waiting"]
    result = []
    for offer in offers.filter(pk__in=counts.keys()).select_related("unit").order_by("title"):
        per_month = counts[offer.pk]
        total = Counts()
        for month_counts in per_month.values():
            total.add(month_counts)
        result.append(
            OfferStatistics(
                offer=offer,
                months=[
                    (month, figures(per_month[month])) for month in sorted(per_month, reverse=True)
                ],
                total=figures(total),
            )
        )
    return result
