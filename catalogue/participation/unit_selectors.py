"""Reads for the unit's pages: an offer's sessions past and coming, and the people of
one session (participants with their needs, the queue with positions, no-shows).

Callers fetch the offer through ``Offer.objects.for_user`` first (views_unit): these
functions never decide who may see what."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from catalogue.models import Offer
from catalogue.participation.models import Session, SignUp
from catalogue.participation.selectors import SessionPlaces, with_place_counts

Status = SignUp.Status
PAST_SESSIONS_SHOWN = 10


def _counted(sessions: "QuerySet[Session]") -> "QuerySet[Session]":
    return with_place_counts(sessions.select_related("location")).annotate(
        attended_count=Count(
            "signups", filter=Q(signups__status=Status.CONFIRMED, signups__attended=True)
        ),
        no_show_count=Count(
            "signups", filter=Q(signups__status=Status.CONFIRMED, signups__attended=False)
        ),
    )


@dataclass(frozen=True)
class SessionRow(SessionPlaces):
    attended: int = 0
    no_shows: int = 0


def _rows(sessions: Iterable[Any]) -> list[SessionRow]:
    """Sessions annotated by ``_counted``."""
    return [
        SessionRow(
            session=s,
            taken=s.taken_count,
            waiting=s.waiting_count,
            attended=s.attended_count,
            no_shows=s.no_show_count,
        )
        for s in sessions
    ]


def coming_sessions(offer: Offer, *, now: datetime | None = None) -> list[SessionRow]:
    """Sessions not yet over, soonest first."""
    now = now or timezone.now()
    return _rows(
        _counted(Session.objects.filter(offer=offer, ends_at__gt=now)).order_by("starts_at", "pk")
    )


def past_sessions(
    offer: Offer, *, now: datetime | None = None, limit: int = PAST_SESSIONS_SHOWN
) -> list[SessionRow]:
    """The latest sessions that are over, the most recent first."""
    now = now or timezone.now()
    sessions = _counted(Session.objects.filter(offer=offer, ends_at__lte=now)).order_by(
        "-starts_at", "-pk"
    )
    return _rows(sessions[:limit])


def session_of(offer: Offer, pk: int) -> Session:
    """The offer's session, or 404."""
    session = Session.objects.filter(offer=offer, pk=pk).select_related("location").first()
    if session is None:
        raise Http404("No such session")
    session.offer = offer
    return session


def signup_of(session: Session, pk: int) -> SignUp:
    """The session's sign-up, or 404."""
    signup = SignUp.objects.filter(session=session, pk=pk).first()
    if signup is None:
        raise Http404("No such sign-up")
    signup.session = session
    return signup


@dataclass(frozen=True)
class SessionPeople:
    participants: list[SignUp]  # confirmed, and offered a place (awaiting an answer)
    waiting: list[tuple[int, SignUp]]  # position (1 first), sign-up
    pending: int  # waiting for the link in their e-mail
    cancelled: int

    @property
    def confirmed(self) -> list[SignUp]:
        return [s for s in self.participants if s.status == Status.CONFIRMED]

    @property
    def no_shows(self) -> list[SignUp]:
        return [s for s in self.confirmed if s.attended is False]

    @property
    def attendance_saved(self) -> bool:
        return any(s.attended is not None for s in self.confirmed)


def session_people(session: Session) -> SessionPeople:
    signups = list(SignUp.objects.filter(session=session).order_by("created_at", "pk"))
    participants = sorted(
        (s for s in signups if s.status in SignUp.HOLDS_PLACE),
        key=lambda s: (s.name.casefold(), s.pk),
    )
    queue = [s for s in signups if s.status == Status.WAITING]
    return SessionPeople(
        participants=participants,
        waiting=list(enumerate(queue, start=1)),
        pending=sum(1 for s in signups if s.status == Status.PENDING_EMAIL),
        cancelled=sum(1 for s in signups if s.status == Status.CANCELLED),
    )
