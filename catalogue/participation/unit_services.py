"""Changes the offer's unit makes to its sessions: new sessions (one, or a course of
several weeks), the number of places, and attendance ticked at the session.

Changes that count places lock the session's row (``select_for_update``), like the
sign-ups in ``services``: a place freed by a larger number goes to the first in the
queue at once.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from catalogue.models import Location, Offer
from catalogue.participation import selectors, services
from catalogue.participation.models import Session, SignUp


class TooFewPlaces(services.ParticipationError):
    """Fewer places than the people who already have one."""


class AttendanceTooEarly(services.ParticipationError):
    """Attendance is ticked on the day of the session, not before."""


@dataclass(frozen=True)
class SessionOptions:
    """What the unit decides about a session, besides its time."""

    places: int
    location: Location | None = None
    cancel_deadline_hours: int = 24
    confirm_within_hours: int | None = None
    offers_transport: bool = False
    offers_meal: bool = False
    accepts_companion_card: bool = False
    # A course of several weeks taken as a whole (services.sign_up_course).
    whole_course: bool = False


def create_sessions(
    *, offer: Offer, starts_at: datetime, duration: timedelta, weeks: int, options: SessionOptions
) -> list[Session]:
    """One session (``weeks`` 1) or a course: ``weeks`` sessions a week apart, one
    series (``services.create_series``), taken as a whole when
    ``options.whole_course`` (a single session is never a course)."""
    if duration <= timedelta(0):
        raise ValueError("A session ends after it starts.")
    fields = {
        "cancel_deadline_hours": options.cancel_deadline_hours,
        "confirm_within_hours": options.confirm_within_hours,
        "offers_transport": options.offers_transport,
        "offers_meal": options.offers_meal,
        "accepts_companion_card": options.accepts_companion_card,
    }
    if weeks > 1:
        return services.create_series(
            offer,
            starts_at,
            weeks,
            duration=duration,
            places=options.places,
            location=options.location,
            whole_course=options.whole_course,
            **fields,
        )
    with transaction.atomic():
        session = Session.objects.create(
            offer=offer,
            starts_at=starts_at,
            ends_at=starts_at + duration,
            places=options.places,
            location=options.location,
            **fields,
        )
        services.touch_places(offer.pk)
    return [session]


def change_places(*, session: Session, places: int) -> Session:
    """A new number of places. Never fewer than the places already held (cancel
    someone first); more places go to the first in the queue at once."""
    if places < 1:
        raise TooFewPlaces("A session has at least one place.")
    with transaction.atomic():
        locked = services.lock_session(session)
        taken = selectors.taken_places(locked)
        if places < taken:
            raise TooFewPlaces(f"{taken} places are already taken.")
        locked.places = places
        locked.save(update_fields=["places"])
        services.touch_places(locked.offer_id)
        services.fill_free_places(locked)
    return locked


def can_mark_attendance(session: Session, *, now: datetime | None = None) -> bool:
    """From the day of the session (local time), and after it."""
    today = timezone.localdate(now or timezone.now())
    return timezone.localtime(session.starts_at).date() <= today


def mark_attendance(
    *, session: Session, present: Collection[int], now: datetime | None = None
) -> tuple[int, int]:
    """The unit ticks who came: the confirmed participants whose ids are in
    ``present`` attended, the other confirmed participants did not (a no-show).
    Others (waiting, cancelled) are never marked; ids not in the session are ignored.
    Until the list is saved, ``attended`` stays None (not ticked).

    Returns (attended, no-shows)."""
    if not can_mark_attendance(session, now=now):
        raise AttendanceTooEarly("Attendance is ticked from the day of the session.")
    present_ids = {int(pk) for pk in present}
    with transaction.atomic():
        confirmed = SignUp.objects.filter(session=session, status=SignUp.Status.CONFIRMED)
        came = confirmed.filter(pk__in=present_ids).update(attended=True)
        stayed_away = confirmed.exclude(pk__in=present_ids).update(attended=False)
    return came, stayed_away
