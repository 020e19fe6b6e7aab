"""Reads about sessions and sign-ups: places taken and free, positions in the queue,
a person's sign-ups."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache as once
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Field, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from catalogue.models import Offer
from catalogue.participation.models import Session, SignUp
from portal.compiled import CompiledQuery, compile_once, run
from portal.models import User

Status = SignUp.Status


def taken_places(session: Session) -> int:
    """Places held (confirmed, or offered and awaiting an answer)."""
    return SignUp.objects.filter(session=session, status__in=SignUp.HOLDS_PLACE).count()


def waiting_position(signup: SignUp) -> int | None:
    """1 for the first in the queue; None when not waiting."""
    if signup.status != Status.WAITING:
        return None
    ahead = SignUp.objects.filter(session_id=signup.session_id, status=Status.WAITING).filter(
        Q(created_at__lt=signup.created_at) | Q(created_at=signup.created_at, pk__lt=signup.pk)
    )
    return ahead.count() + 1


@dataclass(frozen=True)
class SessionPlaces:
    """A session with its numbers, for the pages."""

    session: Session
    taken: int
    waiting: int

    @property
    def free(self) -> int:
        return max(0, self.session.places - self.taken)

    @property
    def is_full(self) -> bool:
        return self.free == 0


def with_place_counts(sessions: QuerySet[Session]) -> "QuerySet[Session, Any]":
    """``taken_count`` (places held) and ``waiting_count`` (the queue) on each session,
    in the same query."""
    return sessions.annotate(
        taken_count=Count("signups", filter=Q(signups__status__in=SignUp.HOLDS_PLACE)),
        waiting_count=Count("signups", filter=Q(signups__status=Status.WAITING)),
    )


def upcoming_sessions(offer_id: int, *, now: datetime | None = None) -> QuerySet[Session]:
    return Session.objects.filter(offer_id=offer_id, starts_at__gt=now or timezone.now())


def sessions_with_places(
    offer_id: int, *, limit: int | None = None, now: datetime | None = None
) -> list[SessionPlaces]:
    """The offer's coming sessions with places taken and the queue's length (one
    query)."""
    sessions = with_place_counts(
        upcoming_sessions(offer_id, now=now).select_related("location")
    ).order_by("starts_at", "pk")
    if limit is not None:
        sessions = sessions[:limit]
    return [
        SessionPlaces(session=s, taken=s.taken_count, waiting=s.waiting_count) for s in sessions
    ]


# Stands for the slug while the offer's query is compiled (``_signup_offer_query``).
_SLUG = "\x00slug\x00"


def _signup_offer(slug: str) -> QuerySet[Offer]:
    return Offer.objects.published().filter(participation=Offer.Participation.SIGNUP, slug=slug)


@once
def _signup_offer_query(vendor: str) -> CompiledQuery:
    """``_signup_offer``, compiled once per process (``portal.compiled``).
    ``Offer.objects.published()`` is a fixed filter;
    tests/catalogue/participation/test_signup_page_content.py checks that it compiles
    the same at any time, as this needs."""
    return compile_once(_signup_offer(_SLUG).order_by(), {"slug": _SLUG})


def signup_offer(slug: str) -> Offer:
    """The published offer taking sign-ups with this slug, or 404. Read on every request
    of the sign-up page (an unpublished offer is a 404 at once), with a query compiled
    once per process: compiling it cost more CPU than running it."""
    found = run(Offer.objects.all(), _signup_offer_query(connection.vendor), {"slug": slug})
    if not found:
        raise Http404("No such offer taking sign-ups")
    return found[0]


def _column(model: type[Session] | type[SignUp], name: str) -> str:
    """The quoted column of ``model``'s field ``name``."""
    field = model._meta.get_field(name)
    assert isinstance(field, Field) and field.column is not None
    column = field.column
    return connection.ops.quote_name(column)


@once
def _signup_page_sql() -> str:
    """The query of ``signup_page_sessions``, written out once per process."""
    quote = connection.ops.quote_name
    columns = ", ".join(f"s.{_column(Session, f.name)}" for f in Session._meta.concrete_fields)
    signups = quote(SignUp._meta.db_table)
    session_id, status = _column(SignUp, "session"), _column(SignUp, "status")
    pk, starts_at = _column(Session, "id"), _column(Session, "starts_at")
    # Only the models' own table and column names go in; every value is a parameter.
    return (
        f"SELECT {columns}, "  # noqa: S608
        f"(SELECT COUNT(*) FROM {signups} u WHERE u.{session_id} = s.{pk} "
        f"AND u.{status} IN (%s, %s)) AS taken_count, "
        f"(SELECT COUNT(*) FROM {signups} u WHERE u.{session_id} = s.{pk} "
        f"AND u.{status} = %s) AS waiting_count "
        f"FROM {quote(Session._meta.db_table)} s "
        f"WHERE s.{_column(Session, 'offer')} = %s AND s.{starts_at} > %s "
        f"ORDER BY s.{starts_at}, s.{pk}"
    )


def signup_page_sessions(offer_id: int, *, now: datetime | None = None) -> list[SessionPlaces]:
    """``sessions_with_places`` for the sign-up page (no location: the page does not
    show it), in one query written out once per process: compiling the ORM's grouped,
    annotated query cost more CPU than anything else the logged-in page does. Read on
    every request, so the places are always current."""
    assert len(SignUp.HOLDS_PLACE) == 2  # the query's IN (%s, %s)
    moment = connection.ops.adapt_datetimefield_value(now or timezone.now())
    sessions = Session.objects.raw(
        _signup_page_sql(), [*SignUp.HOLDS_PLACE, Status.WAITING, offer_id, moment]
    )
    # The query's own columns, set on each session by the raw query set.
    return [
        SessionPlaces(session=s, taken=s.taken_count, waiting=s.waiting_count)  # type: ignore[attr-defined]
        for s in sessions
    ]


def sessions_fingerprint(entries: list[SessionPlaces]) -> tuple[object, ...]:
    """Every field of each session of ``entries``, in order (not their places taken
    nor their queues): equal fingerprints, the same sessions to choose from."""
    fields = Session._meta.concrete_fields
    return tuple(tuple(getattr(e.session, f.attname) for f in fields) for e in entries)


@dataclass(frozen=True)
class SignUpChoice:
    """One choice on the sign-up page: a session, or a whole course (its sessions not
    yet started, ``Session.whole_course``), whose places are the fewest free of any."""

    entries: tuple[SessionPlaces, ...]

    @property
    def first(self) -> SessionPlaces:
        return self.entries[0]

    @property
    def is_course(self) -> bool:
        return self.first.session.whole_course and self.first.session.series is not None

    @property
    def free(self) -> int:
        return min(entry.free for entry in self.entries)

    @property
    def is_full(self) -> bool:
        return self.free == 0


def signup_choices(entries: list[SessionPlaces]) -> list[SignUpChoice]:
    """The sessions as the sign-up page offers them: the sessions of a whole course
    gathered into one choice (where its first session is), the others one by one."""
    courses: dict[object, list[SessionPlaces]] = {}
    order: list[object] = []
    for entry in entries:
        session = entry.session
        key: object = session.series if session.whole_course and session.series else session.pk
        if key not in courses:
            courses[key] = []
            order.append(key)
        courses[key].append(entry)
    return [SignUpChoice(entries=tuple(courses[key])) for key in order]


def course_members(signup: SignUp, *, now: datetime | None = None) -> list[SignUp]:
    """The sign-ups of ``signup``'s course that are alive, for sessions not yet over,
    soonest first (empty for a sign-up that is not a course's)."""
    if signup.course is None:
        return []
    return list(
        SignUp.objects.filter(
            course=signup.course,
            status__in=SignUp.ACTIVE,
            session__ends_at__gt=now or timezone.now(),
        )
        .select_related("session__offer__unit", "session__location")
        .order_by("session__starts_at", "pk")
    )


def course_sessions(signup: SignUp) -> list[Session]:
    """Every session of ``signup``'s course that it is not cancelled for, past ones
    too (for the calendar file); just its own session when it is not a course's."""
    if signup.course is None:
        return [signup.session]
    return [
        member.session
        for member in SignUp.objects.filter(course=signup.course)
        .exclude(status=Status.CANCELLED)
        .select_related("session__offer", "session__location")
        .order_by("session__starts_at", "pk")
    ]


def session_places(session: Session) -> SessionPlaces:
    return SessionPlaces(
        session=session,
        taken=taken_places(session),
        waiting=SignUp.objects.filter(session=session, status=Status.WAITING).count(),
    )


def with_positions(signups: "QuerySet[SignUp]") -> "QuerySet[SignUp]":
    """``ahead``: how many wait before each (add one for the position of a waiting
    sign-up)."""
    ahead = (
        SignUp.objects.filter(session=OuterRef("session"), status=Status.WAITING)
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return signups.annotate(ahead=Coalesce(Subquery(ahead), Value(0)))


def signups_for_user(user: User, *, now: datetime | None = None) -> "QuerySet[SignUp]":
    """The person's sign-ups (made while logged in) for sessions not yet over, not
    cancelled, soonest first."""
    return with_positions(
        SignUp.objects.filter(
            user=user,
            status__in=SignUp.ACTIVE,
            session__ends_at__gt=now or timezone.now(),
        )
        .select_related("session__offer__unit", "session__location")
        .order_by("session__starts_at", "pk")
    )


def signup_for_user(user: User, pk: int) -> SignUp:
    """The user's own sign-up, or 404 (someone else's too)."""
    signup = (
        SignUp.objects.filter(user=user, pk=pk)
        .select_related("session__offer__unit", "session__location")
        .first()
    )
    if signup is None:
        raise Http404("No such sign-up")
    return signup


def signup_for_token(token: str) -> SignUp:
    """The sign-up whose link carries ``token``, or 404."""
    if not token or len(token) > 100:
        raise Http404("No such sign-up")
    signup = (
        SignUp.objects.filter(token_hash=SignUp.hash_token(token))
        .select_related("session__offer__unit", "session__location")
        .first()
    )
    if signup is None:
        raise Http404("No such sign-up")
    return signup


# --- the offer page ----------------------------------------------------------------------

# The offer page is cached (catalogue.page_cache); its version holds this stamp, which
# every change to the offer's sign-ups replaces, so the free places it shows are never
# older than the last sign-up (with Redis in every process; with the per-process memory
# cache, other processes within the page's lifetime, PAGE_SECONDS). The sign-up page
# and the services always count afresh.
STAMP_KEY = "catalogue:participation:stamp:%d"
SESSIONS_ON_OFFER_PAGE = 5


def places_stamp(offer_id: int) -> str:
    return str(cache.get(STAMP_KEY % offer_id, ""))


def offer_page_sessions(offer_id: int) -> list[SignUpChoice]:
    """The next sessions, a whole course as one (with all its sessions: read them all,
    then keep the first few choices)."""
    return signup_choices(sessions_with_places(offer_id))[:SESSIONS_ON_OFFER_PAGE]
