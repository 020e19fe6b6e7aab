"""Changes to sessions and sign-ups.

Every change that counts places locks the session's row first
(``select_for_update``): on PostgreSQL two people taking the last place at once are
served one after the other, so one gets the place and the other the first place in
the queue. (SQLite locks the whole database for a write, which serialises the same.)

The queue is the session's waiting sign-ups ordered by ``created_at`` and id; a
position is counted, never stored, so it cannot drift. A place that frees up goes to
the first in the queue at once: confirmed directly, or offered with a time limit when
the session asks for a confirmation (``Session.confirm_within_hours``).

A whole course (``Session.whole_course``, set on every session of a series) is taken
as a whole: ``sign_up_course`` signs the person up for every remaining session of the
series with one shared ``SignUp.course`` id. The person gets a place only if every
remaining session has one free; otherwise the whole course waits, at the same position
on every session (one ``created_at`` for all). Cancelling, confirming by e-mail,
accepting an offered place and the queue moving on act on the whole course, and a
place of a whole-course series only ever goes to a whole course. Locking a session of
such a series locks every session of the series, by pk: one order for everyone, so
two transactions never wait for each other crosswise.

E-mails are queued after the transaction commits (portal.emails). Their links carry a
fresh random token (only its hash is stored); a newer e-mail's link replaces the
older one's.
"""

import secrets
import uuid
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from catalogue.models import Location, Offer
from catalogue.participation import selectors
from catalogue.participation.models import Session, SignUp
from portal.emails import queue_email
from portal.models import User

Status = SignUp.Status

# An offered place must be answered at the latest this long before the start (or the
# session's cancel deadline, if earlier), and with at least MIN_TIME_TO_ANSWER to do it
# in; otherwise it is given directly.
LAST_OFFER_BEFORE_START = timedelta(hours=2)
MIN_TIME_TO_ANSWER = timedelta(hours=1)


class ParticipationError(Exception):
    """A change that cannot be made; ``message`` says why, for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SignUpClosed(ParticipationError):
    pass


class CancelTooLate(ParticipationError):
    pass


class OfferNotOpen(ParticipationError):
    pass


@dataclass(frozen=True)
class SignUpData:
    """What a sign-up form gives: the person and their needs."""

    name: str
    phone: str
    email: str = ""
    for_someone_else: bool = False
    needs_transport: bool = False
    pickup_address: str = ""
    mobility_aid: str = SignUp.MobilityAid.NONE
    needs_meal: bool = False
    diet: str = ""
    companion: bool = False
    language_help: str = ""
    language: str = "nb"


# --- sessions -------------------------------------------------------------------------


def create_series(
    offer: Offer,
    first_start: datetime,
    weeks: int,
    *,
    duration: timedelta,
    places: int,
    location: Location | None = None,
    **session_options: Any,
) -> list[Session]:
    """A course: ``weeks`` sessions a week apart from ``first_start`` (same local time
    each week, across daylight saving changes), sharing one series id."""
    if weeks < 1:
        raise ValueError("A series has at least one session.")
    series = uuid.uuid4()
    local_first = timezone.localtime(first_start)
    sessions = []
    for week in range(weeks):
        naive = local_first.replace(tzinfo=None) + timedelta(weeks=week)
        starts_at = timezone.make_aware(naive)
        sessions.append(
            Session(
                offer=offer,
                starts_at=starts_at,
                ends_at=starts_at + duration,
                location=location,
                places=places,
                series=series,
                **session_options,
            )
        )
    with transaction.atomic():
        created = Session.objects.bulk_create(sessions)
        touch_places(offer.pk)
    return created


# --- sign-up --------------------------------------------------------------------------


def lock_session(session: Session) -> Session:
    """Lock the session's row (``select_for_update``) and return it fresh. A session of
    a whole-course series locks every session of the series, ordered by pk."""
    if session.whole_course and session.series is not None:
        locked = _lock_series(session.series)
        return next(s for s in locked if s.pk == session.pk)
    return Session.objects.select_for_update().get(pk=session.pk)


def _lock_series(series: uuid.UUID) -> list[Session]:
    """Every session of the series, locked in pk order."""
    return list(Session.objects.select_for_update().filter(series=series).order_by("pk"))


def _remaining(sessions: list[Session], now: datetime) -> list[Session]:
    """The sessions not yet started, soonest first."""
    return sorted((s for s in sessions if s.starts_at > now), key=lambda s: (s.starts_at, s.pk))


def is_course(session: Session) -> bool:
    """One signs up for the whole series this session belongs to."""
    return session.whole_course and session.series is not None


def _place(session: Session, signup: SignUp, now: datetime) -> None:
    """Confirmed when a place is free, else waiting; the session is locked."""
    signup.created_at = now  # the moment they joined the queue
    if selectors.taken_places(session) < session.places:
        signup.status = Status.CONFIRMED
        signup.confirmed_at = now
    else:
        signup.status = Status.WAITING


def sign_up(session: Session, data: SignUpData, user: User | None = None) -> SignUp:
    """Sign someone up for ``session``: a place if one is free, else the waiting list.
    Without an account (``user`` None) the sign-up waits for the link in the e-mail
    (``confirm_email``) and holds nothing until then. ``signup.token`` is the token of
    the links sent (not stored). A session of a whole course signs up for the course
    (``sign_up_course``)."""
    if is_course(session):
        return sign_up_course(session, data, user)
    with transaction.atomic():
        locked = _with_offer_of(session, lock_session(session))
        now = timezone.now()  # after the lock: the queue is in the order served
        _check_open(locked, now)
        signup = SignUp(session=locked, user=user, **_data_fields(data))
        token = signup.new_token()
        if user is None:
            signup.status = Status.PENDING_EMAIL
            signup.created_at = now
        else:
            _place(locked, signup, now)
        signup.save()
        signup.token = token
        _tell(signup, token)
    return signup


def _place_course(sessions: list[Session], signups: list[SignUp], now: datetime) -> None:
    """A place on the course when every remaining session has one free, else the whole
    course waits (one ``created_at``: the same position on every session). The
    sessions are locked."""
    free = all(selectors.taken_places(s) < s.places for s in sessions)
    for signup in signups:
        signup.created_at = now
        if free:
            signup.status = Status.CONFIRMED
            signup.confirmed_at = now
        else:
            signup.status = Status.WAITING


def sign_up_course(session: Session, data: SignUpData, user: User | None = None) -> SignUp:
    """Sign someone up for the whole course ``session`` belongs to: one sign-up per
    remaining session, sharing a ``course`` id and the same needs, all in one
    transaction. Returns the first session's sign-up, whose ``token`` is in the one
    e-mail sent (its link confirms, shows or cancels the whole course)."""
    if session.series is None:
        raise ValueError("Not a session of a series.")
    with transaction.atomic():
        sessions = [_with_offer_of(session, s) for s in _lock_series(session.series)]
        now = timezone.now()  # after the lock: the queue is in the order served
        remaining = _remaining(sessions, now)
        if not remaining:
            raise SignUpClosed("The course has started and has no sessions left.")
        _check_open(remaining[0], now)
        course = uuid.uuid4()
        signups = [
            SignUp(session=s, user=user, course=course, **_data_fields(data)) for s in remaining
        ]
        if user is None:
            for signup in signups:
                signup.status = Status.PENDING_EMAIL
                signup.created_at = now
        else:
            _place_course(remaining, signups, now)
        for signup in signups:
            signup.new_token()  # never sent but the first's: each row needs its own hash
        lead = signups[0]
        token = lead.new_token()
        for signup in signups:
            signup.save()
        lead.token = token
        _tell(lead, token)
    return lead


def _with_offer_of(session: Session, locked: Session) -> Session:
    """``locked`` (a session just read under the lock) with the offer ``session`` already
    has (the caller read it for this request; sessions of an offer share it), so the
    checks and the e-mail do not read it again."""
    if Session.offer.is_cached(session) and locked.offer_id == session.offer_id:
        locked.offer = session.offer
    return locked


def _data_fields(data: SignUpData) -> dict[str, Any]:
    return {field.name: getattr(data, field.name) for field in fields(data)}


def _check_open(session: Session, now: datetime) -> None:
    if session.offer.participation != Offer.Participation.SIGNUP:
        raise SignUpClosed("This offer takes no sign-ups.")
    if session.starts_at <= now:
        raise SignUpClosed("The session has started.")


def confirm_email(signup: SignUp) -> SignUp:
    """The link in the e-mail was followed: the sign-up gets a place or joins the
    queue now. Following it again changes nothing. For a course, the whole course."""
    if signup.course is not None:
        return _confirm_course(signup)
    with transaction.atomic():
        locked_session = lock_session(signup.session)
        now = timezone.now()
        signup = SignUp.objects.select_related("session__offer").get(pk=signup.pk)
        if signup.status != Status.PENDING_EMAIL:
            return signup
        _check_open(locked_session, now)
        _place(locked_session, signup, now)
        signup.save(update_fields=["status", "created_at", "confirmed_at"])
        token = signup.new_token()
        signup.save(update_fields=["token_hash"])
        signup.token = token
        _tell(signup, token)
    return signup


def course_signups(signup: SignUp, now: datetime, *statuses: str) -> list[SignUp]:
    """The sign-ups of ``signup``'s course for sessions not yet started, soonest first
    (only those with ``statuses``, when given)."""
    found = SignUp.objects.filter(course=signup.course, session__starts_at__gt=now)
    if statuses:
        found = found.filter(status__in=statuses)
    return list(found.select_related("session__offer").order_by("session__starts_at", "pk"))


def _confirm_course(signup: SignUp) -> SignUp:
    with transaction.atomic():
        lock_session(signup.session)  # the whole series
        now = timezone.now()
        signup = SignUp.objects.select_related("session__offer").get(pk=signup.pk)
        if signup.status != Status.PENDING_EMAIL:
            return signup
        group = course_signups(signup, now, Status.PENDING_EMAIL)
        if not group:
            raise SignUpClosed("The course has no sessions left.")
        _check_open(group[0].session, now)
        _place_course([s.session for s in group], group, now)
        for member in group:
            member.save(update_fields=["status", "created_at", "confirmed_at"])
        # The new link is the first remaining session's.
        lead = group[0]
        token = lead.new_token()
        lead.save(update_fields=["token_hash"])
        lead.token = token
        _tell(lead, token)
    return lead


# --- cancelling and the queue -----------------------------------------------------------


def cancel(signup: SignUp, *, by_staff: bool = False) -> SignUp:
    """Cancel a sign-up. A place (confirmed or offered) can be given up online until
    the session's deadline (kitchen, transport); the unit can always do it
    (``by_staff``). A place freed goes to the first in the queue.

    The person cancelling a course sign-up cancels the whole course (every remaining
    session; online until the next session's deadline). The unit cancels one session
    of it (``by_staff``): the person misses that time, and the place freed stays free,
    since a place of a course only goes to a whole course."""
    if signup.course is not None and not by_staff:
        return _cancel_course(signup)
    now = timezone.now()
    with transaction.atomic():
        locked_session = lock_session(signup.session)
        signup = SignUp.objects.select_related("session__offer").get(pk=signup.pk)
        if signup.status == Status.CANCELLED:
            return signup
        held_place = signup.status in SignUp.HOLDS_PLACE
        if held_place and not by_staff and not locked_session.can_cancel_online(now):
            raise CancelTooLate("The deadline for cancelling online has passed.")
        signup.status = Status.CANCELLED
        signup.cancelled_at = now
        signup.offer_expires_at = None
        signup.save(update_fields=["status", "cancelled_at", "offer_expires_at"])
        touch_places(locked_session.offer_id)
        if held_place:
            fill_free_places(locked_session, now=now)
    return signup


def _cancel_course(signup: SignUp) -> SignUp:
    now = timezone.now()
    with transaction.atomic():
        locked = lock_session(signup.session)  # the whole series
        signup = SignUp.objects.select_related("session__offer").get(pk=signup.pk)
        group = course_signups(signup, now, *SignUp.ACTIVE)
        if not group:
            return signup
        held_place = any(member.status in SignUp.HOLDS_PLACE for member in group)
        if held_place and not group[0].session.can_cancel_online(now):
            raise CancelTooLate("The deadline for cancelling online has passed.")
        for member in group:
            member.status = Status.CANCELLED
            member.cancelled_at = now
            member.offer_expires_at = None
            member.save(update_fields=["status", "cancelled_at", "offer_expires_at"])
        touch_places(locked.offer_id)
        if held_place:
            fill_free_places(locked, now=now)
    signup.refresh_from_db()
    return signup


def fill_free_places(session: Session, *, now: datetime | None = None) -> list[SignUp]:
    """Give the session's free places to the first in the queue (call inside a
    transaction holding the session's lock, or on its own). Returns those moved.
    A session of a whole course: the course's places go to the first whole courses
    in the queue (``_fill_course``), never one session's place alone."""
    now = now or timezone.now()
    if is_course(session):
        assert session.series is not None
        return _fill_course(session.series, now)
    moved: list[SignUp] = []
    with transaction.atomic():
        locked = lock_session(session)
        free = locked.places - selectors.taken_places(locked)
        if free <= 0:
            return moved
        queue = (
            SignUp.objects.filter(session=locked, status=Status.WAITING)
            .select_related("session__offer")
            .order_by("created_at", "pk")[:free]
        )
        for signup in queue:
            _give_place(signup, now, deadline=_offer_deadline(locked, now))
            moved.append(signup)
    return moved


def _fill_course(series: uuid.UUID, now: datetime) -> list[SignUp]:
    """Free places on every remaining session of the course go to the first whole
    courses in the queue (the queue is the same on every session: take the first
    session's). Returns the first sign-up of each course moved."""
    moved: list[SignUp] = []
    with transaction.atomic():
        remaining = _remaining(_lock_series(series), now)
        if not remaining:
            return moved
        free = min(s.places - selectors.taken_places(s) for s in remaining)
        if free <= 0:
            return moved
        heads = (
            SignUp.objects.filter(session=remaining[0], status=Status.WAITING, course__isnull=False)
            .select_related("session__offer")
            .order_by("created_at", "pk")[:free]
        )
        # The answer (when the unit asks for one) comes before the first session's
        # deadline; the same on every session.
        deadline = _offer_deadline(remaining[0], now)
        for head in heads:
            group = course_signups(head, now, Status.WAITING)
            for member in group:
                _give_place(member, now, deadline=deadline, tell=member.pk == head.pk)
            moved.append(head)
    return moved


def _offer_deadline(session: Session, now: datetime) -> datetime | None:
    """Until when an offered place can be taken; None: it is given directly."""
    hours = session.confirm_within_hours
    if not hours:
        return None
    # The answer must come before the kitchen's and the transport's deadline (and
    # a little before the start); with less than an hour to answer in, the place
    # is given directly.
    latest = session.starts_at - max(
        timedelta(hours=session.cancel_deadline_hours), LAST_OFFER_BEFORE_START
    )
    deadline = min(now + timedelta(hours=hours), latest)
    if deadline - now < MIN_TIME_TO_ANSWER:
        return None
    return deadline


def _give_place(
    signup: SignUp, now: datetime, *, deadline: datetime | None, tell: bool = True
) -> None:
    """Confirmed, or offered until ``deadline``; a new link, told unless ``tell`` is
    False (the other sessions of a course: one e-mail for the course)."""
    if deadline is None:
        signup.status = Status.CONFIRMED
        signup.confirmed_at = now
    else:
        signup.status = Status.OFFERED
        signup.offer_expires_at = deadline
    token = signup.new_token()
    signup.save(update_fields=["status", "confirmed_at", "offer_expires_at", "token_hash"])
    signup.token = token
    if tell:
        _tell(signup, token)
    else:
        touch_places(signup.session.offer_id)


def accept_offer(signup: SignUp) -> SignUp:
    """The person takes the place offered to them, before its deadline."""
    now = timezone.now()
    with transaction.atomic():
        lock_session(signup.session)
        signup = SignUp.objects.select_related("session__offer").get(pk=signup.pk)
        if signup.status == Status.CONFIRMED:
            return signup
        if signup.status != Status.OFFERED:
            raise OfferNotOpen("No place is offered to this sign-up.")
        if signup.offer_expires_at is not None and signup.offer_expires_at <= now:
            raise OfferNotOpen("The time to accept the place has passed.")
        group = [signup]
        if signup.course is not None:
            group = course_signups(signup, now, Status.OFFERED)
        for member in group:
            member.status = Status.CONFIRMED
            member.confirmed_at = now
            member.offer_expires_at = None
            member.save(update_fields=["status", "confirmed_at", "offer_expires_at"])
        touch_places(signup.session.offer_id)
        if signup.course is not None:
            signup.refresh_from_db()
    return signup


def expire_offers(now: datetime | None = None) -> int:
    """Places offered and not taken in time pass on to the next in the queue (run
    every few minutes by the scheduler). Returns how many offers lapsed."""
    now = now or timezone.now()
    session_ids = set(
        SignUp.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now).values_list(
            "session_id", flat=True
        )
    )
    count = 0
    for session_id in sorted(session_ids):
        with transaction.atomic():
            session = lock_session(Session.objects.get(pk=session_id))
            lapsed = list(
                SignUp.objects.filter(
                    session=session, status=Status.OFFERED, offer_expires_at__lte=now
                ).select_related("session__offer")
            )
            for signup in lapsed:
                # A course's offer lapses on all its sessions at once (the series is
                # locked), told once.
                group = [signup]
                if signup.course is not None:
                    group = list(SignUp.objects.filter(course=signup.course, status=Status.OFFERED))
                for member in group:
                    member.status = Status.CANCELLED
                    member.cancelled_at = now
                    member.save(update_fields=["status", "cancelled_at"])
                _tell(signup, "", template="offer_lapsed")
            count += len(lapsed)
            fill_free_places(session, now=now)
    return count


def move_from_waiting_list(signup: SignUp) -> SignUp:
    """The unit gives a waiting person a place by hand, even beyond the places (for a
    course sign-up: on every remaining session of the course)."""
    now = timezone.now()
    with transaction.atomic():
        locked = lock_session(signup.session)
        signup = SignUp.objects.select_related("session__offer").get(pk=signup.pk)
        if signup.status not in (Status.WAITING, Status.OFFERED):
            return signup
        others = []
        if signup.course is not None:
            others = [
                member
                for member in course_signups(signup, now, Status.WAITING, Status.OFFERED)
                if member.pk != signup.pk
            ]
        for member in others:
            member.status = Status.CONFIRMED
            member.confirmed_at = now
            member.offer_expires_at = None
            member.save(update_fields=["status", "confirmed_at", "offer_expires_at"])
        signup.status = Status.CONFIRMED
        signup.confirmed_at = now
        signup.offer_expires_at = None
        token = signup.new_token()
        signup.save(update_fields=["status", "confirmed_at", "offer_expires_at", "token_hash"])
        signup.session = locked
        _tell(signup, token)
    return signup


# --- telling the person -------------------------------------------------------------------


def manage_url(token: str) -> str:
    """The address of the sign-up's own page (confirm, see, cancel) for the links."""
    return settings.SITE_URL + reverse("catalogue:token_signup", kwargs={"token": token})


def confirm_url(token: str) -> str:
    """The link that confirms an anonymous sign-up: its page, with the button (a link
    alone changes nothing: mail scanners follow links)."""
    return manage_url(token)


TEMPLATES = {
    Status.PENDING_EMAIL: "confirm_email",
    Status.CONFIRMED: "confirmed",
    Status.WAITING: "waiting",
    Status.OFFERED: "place_offered",
}


def touch_places(offer_id: int) -> None:
    """After the commit: the offer page's free places are out of date
    (``selectors.STAMP_KEY``)."""
    transaction.on_commit(
        lambda: cache.set(selectors.STAMP_KEY % offer_id, secrets.token_hex(8), None)
    )


def _tell(signup: SignUp, token: str, *, template: str = "") -> None:
    """The e-mail about the sign-up's new status (none without an address); the
    places on the offer page change with every status."""
    touch_places(signup.session.offer_id)
    if not signup.email:
        return
    name = template or TEMPLATES.get(Status(signup.status), "")
    if not name:
        return
    queue_email(
        to=[signup.email],
        template=f"catalogue/participation/emails/{name}.txt",
        context=email_context(signup, token),
        language=signup.language,
    )


def email_context(signup: SignUp, token: str) -> dict[str, Any]:
    session = signup.session
    course_sessions: list[Session] = []
    if signup.course is not None:
        course_sessions = [
            member.session
            for member in SignUp.objects.filter(
                course=signup.course, status=signup.status, session__starts_at__gt=timezone.now()
            )
            .select_related("session")
            .order_by("session__starts_at", "pk")
        ]
    return {
        "course_sessions": course_sessions,
        "signup": signup,
        "session": session,
        "offer_title": session.offer.tr("title"),
        "position": _told_position(signup),
        "link": manage_url(token) if token else "",
        "confirm_link": confirm_url(token) if token else "",
        "municipality_name": settings.MUNICIPALITY_NAME,
    }


def _told_position(signup: SignUp) -> int | None:
    """The place in the queue, counted now (the session is locked) and kept on the
    sign-up for the page after (``SignUp.told_position``)."""
    signup.told_position = selectors.waiting_position(signup)
    return signup.told_position


def sms_text(signup: SignUp, token: str) -> str:
    """A short plain text with the confirmation link, ready for a text message (the
    unit can send it to someone without e-mail, or an SMS channel can)."""
    with override(signup.language):
        return _("Bekreft påmeldingen til %(title)s: %(link)s") % {
            "title": signup.session.offer.tr("title"),
            "link": confirm_url(token),
        }
