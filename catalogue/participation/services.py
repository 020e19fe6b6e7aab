"""Changes to sessions and sign-ups.

Every change that counts places locks the session's row first
(``select_for_update``): on PostgreSQL two people taking the last place at once are
served one after the other, so one gets the place and the other the first place in
the queue. (SQLite locks the whole database for a write, which serialises the same.)

The queue is the session's waiting sign-ups ordered by ``created_at`` and id; a
position is counted, never stored, so it cannot drift. A place that frees up goes to
the first in the queue at once: confirmed directly, or offered with a time limit when
the session asks for a confirmation (``Session.confirm_within_hours``).

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


def _lock(session: Session) -> Session:
    return Session.objects.select_for_update().get(pk=session.pk)


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
    the links sent (not stored)."""
    with transaction.atomic():
        locked = _lock(session)
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


def _data_fields(data: SignUpData) -> dict[str, Any]:
    return {field.name: getattr(data, field.name) for field in fields(data)}


def _check_open(session: Session, now: datetime) -> None:
    if session.offer.participation != Offer.Participation.SIGNUP:
        raise SignUpClosed("This offer takes no sign-ups.")
    if session.starts_at <= now:
        raise SignUpClosed("The session has started.")


def confirm_email(signup: SignUp) -> SignUp:
    """The link in the e-mail was followed: the sign-up gets a place or joins the
    queue now. Following it again changes nothing."""
    with transaction.atomic():
        locked_session = _lock(signup.session)
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


# --- cancelling and the queue -----------------------------------------------------------


def cancel(signup: SignUp, *, by_staff: bool = False) -> SignUp:
    """Cancel a sign-up. A place (confirmed or offered) can be given up online until
    the session's deadline (kitchen, transport); the unit can always do it
    (``by_staff``). A place freed goes to the first in the queue."""
    now = timezone.now()
    with transaction.atomic():
        locked_session = _lock(signup.session)
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


def fill_free_places(session: Session, *, now: datetime | None = None) -> list[SignUp]:
    """Give the session's free places to the first in the queue (call inside a
    transaction holding the session's lock, or on its own). Returns those moved."""
    now = now or timezone.now()
    moved: list[SignUp] = []
    with transaction.atomic():
        locked = _lock(session)
        free = locked.places - selectors.taken_places(locked)
        if free <= 0:
            return moved
        queue = (
            SignUp.objects.filter(session=locked, status=Status.WAITING)
            .select_related("session__offer")
            .order_by("created_at", "pk")[:free]
        )
        for signup in queue:
            _give_place(locked, signup, now)
            moved.append(signup)
    return moved


def _give_place(session: Session, signup: SignUp, now: datetime) -> None:
    hours = session.confirm_within_hours
    deadline = None
    if hours:
        # The answer must come before the kitchen's and the transport's deadline (and
        # a little before the start); with less than an hour to answer in, the place
        # is given directly.
        latest = session.starts_at - max(
            timedelta(hours=session.cancel_deadline_hours), LAST_OFFER_BEFORE_START
        )
        deadline = min(now + timedelta(hours=hours), latest)
        if deadline - now < MIN_TIME_TO_ANSWER:
            deadline = None
    if deadline is None:
        signup.status = Status.CONFIRMED
        signup.confirmed_at = now
    else:
        signup.status = Status.OFFERED
        signup.offer_expires_at = deadline
    token = signup.new_token()
    signup.save(update_fields=["status", "confirmed_at", "offer_expires_at", "token_hash"])
    signup.token = token
    _tell(signup, token)


def accept_offer(signup: SignUp) -> SignUp:
    """The person takes the place offered to them, before its deadline."""
    now = timezone.now()
    with transaction.atomic():
        _lock(signup.session)
        signup = SignUp.objects.select_related("session__offer").get(pk=signup.pk)
        if signup.status == Status.CONFIRMED:
            return signup
        if signup.status != Status.OFFERED:
            raise OfferNotOpen("No place is offered to this sign-up.")
        if signup.offer_expires_at is not None and signup.offer_expires_at <= now:
            raise OfferNotOpen("The time to accept the place has passed.")
        signup.status = Status.CONFIRMED
        signup.confirmed_at = now
        signup.offer_expires_at = None
        signup.save(update_fields=["status", "confirmed_at", "offer_expires_at"])
        touch_places(signup.session.offer_id)
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
            session = Session.objects.select_for_update().get(pk=session_id)
            lapsed = list(
                SignUp.objects.filter(
                    session=session, status=Status.OFFERED, offer_expires_at__lte=now
                ).select_related("session__offer")
            )
            for signup in lapsed:
                signup.status = Status.CANCELLED
                signup.cancelled_at = now
                signup.save(update_fields=["status", "cancelled_at"])
                _tell(signup, "", template="offer_lapsed")
            count += len(lapsed)
            fill_free_places(session, now=now)
    return count


def move_from_waiting_list(signup: SignUp) -> SignUp:
    """The unit gives a waiting person a place by hand, even beyond the places."""
    now = timezone.now()
    with transaction.atomic():
        locked = _lock(signup.session)
        signup = SignUp.objects.select_related("session__offer").get(pk=signup.pk)
        if signup.status not in (Status.WAITING, Status.OFFERED):
            return signup
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
    return {
        "signup": signup,
        "session": session,
        "offer_title": session.offer.tr("title"),
        "position": selectors.waiting_position(signup),
        "link": manage_url(token) if token else "",
        "confirm_link": confirm_url(token) if token else "",
        "municipality_name": settings.MUNICIPALITY_NAME,
    }


def sms_text(signup: SignUp, token: str) -> str:
    """A short plain text with the confirmation link, ready for a text message (the
    unit can send it to someone without e-mail, or an SMS channel can)."""
    with override(signup.language):
        return _("Bekreft påmeldingen til %(title)s: %(link)s") % {
            "title": signup.session.offer.tr("title"),
            "link": confirm_url(token),
        }
