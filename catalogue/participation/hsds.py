"""Sessions as Open Referral HSDS 3.0 ``schedule`` entries for the open-data API
(catalogue.hsds adds them to an offer's schedules; catalogue/API.md, "Sessions").

Each coming session is one schedule, valid on its day (``valid_from``/``valid_to``),
with its times (``opens_at``/``closes_at`` with the UTC offset, ``timezone``). A session
of a weekly course (a series) also carries the course's rule in HSDS's iCal fields:
``freq`` WEEKLY, ``interval`` 1, ``wkst`` MO, ``byday``, ``dtstart`` (the first
session's date), ``until`` (the last's) and ``count``; the validity dates narrow the
rule to this one session. The capacity extension says how many places there are, how
many are free and how many wait (``x_places``, ``x_free_places``, ``x_waiting``), for
offers that take sign-ups. Never anything about the people signed up.
"""

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Aggregate,
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Offer
from catalogue.participation.models import Session
from catalogue.participation.selectors import with_place_counts

OSLO = ZoneInfo("Europe/Oslo")
# catalogue.hsds.derived_id: a stable id from a parent's UUID and parts.
DerivedId = Callable[..., str]
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _series_aggregate(function: type[Aggregate], field: str = "starts_at") -> Subquery:
    return Subquery(
        Session.objects.filter(series=OuterRef("series"))
        .order_by()
        .values("series")
        .annotate(value=function(field))
        .values("value")
    )


def coming_sessions(now: datetime.datetime | None = None) -> QuerySet[Session]:
    """Sessions not yet started, with their numbers and their series' first and last
    start and size (one query; for a ``Prefetch``)."""
    return (
        with_place_counts(
            Session.objects.filter(starts_at__gt=now or timezone.now()).select_related("location")
        )
        .annotate(
            series_first=_series_aggregate(Min),
            series_last=_series_aggregate(Max),
            series_size=Coalesce(_series_aggregate(Count, "pk"), 0, output_field=IntegerField()),
        )
        .order_by("starts_at", "pk")
    )


def _sessions_of(offer: Offer) -> list[Session]:
    sessions = getattr(offer, "upcoming_sessions", None)
    if sessions is None:
        sessions = coming_sessions().filter(offer=offer)
    return list(sessions)


def _offset_hours(moment: datetime.datetime) -> int:
    offset = moment.utcoffset()
    assert offset is not None  # an aware time in Oslo
    return int(offset.total_seconds() // 3600)


def _time(moment: datetime.datetime) -> str:
    return f"{moment:%H:%M}{_offset_hours(moment):+03d}:00"


def _weekly_rule(session: Session, starts: datetime.datetime) -> dict[str, object]:
    """The course's rule, when the session belongs to a series that is one session a
    week on this weekday at this time (as ``services.create_series`` makes it)."""
    first, last, size = (
        getattr(session, "series_first", None),
        getattr(session, "series_last", None),
        getattr(session, "series_size", 0),
    )
    if not session.series or not first or not last or size < 2:
        return {}
    first_local, last_local = first.astimezone(OSLO), last.astimezone(OSLO)
    weeks = (last_local.date() - first_local.date()).days
    same_time = first_local.time() == last_local.time() == starts.time()
    same_day = first_local.weekday() == last_local.weekday() == starts.weekday()
    if weeks != 7 * (size - 1) or not same_time or not same_day:
        return {}
    return {
        "dtstart": first_local.date().isoformat(),
        "until": last_local.date().isoformat(),
        "count": size,
        "wkst": "MO",
        "freq": "WEEKLY",
        "interval": 1,
        "byday": BYDAY[starts.weekday()],
        "x_series_id": str(session.series),
    }


def session_schedule(offer: Offer, session: Session, derived_id: DerivedId) -> dict[str, object]:
    """One session as a schedule (``derived_id`` makes its stable id from the offer's)."""
    starts, ends = session.starts_at.astimezone(OSLO), session.ends_at.astimezone(OSLO)
    takes_signups = offer.participation == offer.Participation.SIGNUP
    link = reverse(
        "catalogue:signup" if takes_signups else "catalogue:offer_detail", args=[offer.slug]
    )
    data: dict[str, object] = {
        "id": derived_id(offer.uuid, "session", session.pk),
        "service_id": str(offer.uuid),
        "valid_from": starts.date().isoformat(),
        "valid_to": ends.date().isoformat(),
        "dtstart": starts.date().isoformat(),
        "timezone": _offset_hours(starts),
        "opens_at": _time(starts),
        "closes_at": _time(ends),
        "schedule_link": f"{settings.SITE_URL}{link}",
        "attending_type": "in_person",
        **_weekly_rule(session, starts),
        "x_session_id": session.pk,
        "x_signup": takes_signups,
    }
    if session.location is not None:
        data["location_id"] = str(session.location.uuid)
    if takes_signups:
        taken = getattr(session, "taken_count", 0)
        data["x_places"] = session.places
        data["x_free_places"] = max(0, session.places - taken)
        data["x_waiting"] = getattr(session, "waiting_count", 0)
    return data


def session_schedules(offer: Offer, derived_id: DerivedId) -> list[dict[str, object]]:
    """The offer's coming sessions as schedules, soonest first."""
    return [session_schedule(offer, session, derived_id) for session in _sessions_of(offer)]
