"""The unit leader's capacity page: places per weekday week by week, the people with a
place, the waiting list; and the two changes made from it (ending a place, now or from
a later day, and changing a waiting-list priority). Also how a replaced decision's
places follow the new decision (``move_places_to_new_decision``).

Reads run a fixed number of queries whatever the number of allocations. Objects are
fetched *and* access-checked by one helper each; anything else is a 404 with the
refusal in the access log (``referrals.cases.access.refuse``).
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from catalogue import services as catalogue_services
from catalogue.feedback import services as feedback_services
from catalogue.feedback.models import Occasion
from catalogue.models import Offer
from portal.models import User
from referrals.capacity.models import Allocation, WaitingListEntry
from referrals.capacity.selectors import free_places, local_midnight
from referrals.cases import access
from referrals.cases import services as case_services
from referrals.cases.models import (
    AccessLogEntry,
    Application,
    Decision,
)
from referrals.cases.services import record_internal_event

HIGHEST_PRIORITY = 1
LOWEST_PRIORITY = 9


# --- access: one helper per object ----------------------------------------------------


# --- changes --------------------------------------------------------------------------


def refresh_free_places(*, offer: Offer) -> int | None:
    """Store the offer's free places (``selectors.free_places``) where the public pages
    read them, after every change to its places and when its places per day change:
    the capacity page and the public figure are counted by one rule."""
    places = free_places(offer=offer)
    if places is not None:
        catalogue_services.set_places_available(offer_id=offer.pk, places=places)
    return places


def refresh_all_free_places() -> int:
    """Every offer counted from decisions, once a day: a planned end frees its place
    on a date, with nothing saved that day. Returns how many offers were counted."""
    count = 0
    for offer in Offer.objects.filter(
        participation=Offer.Participation.APPLICATION, capacity_per_day__isnull=False
    ):
        refresh_free_places(offer=offer)
        count += 1
    return count


@transaction.atomic
def end_allocation_on(
    *, allocation: Allocation, end_date: date, actor: User
) -> WaitingListEntry | None:
    """End a place from ``end_date`` through ``end_allocation``, which proposes
    the next on the waiting list to the caseworker. Today or earlier: the place is
    ended now and free from that day. Later: a planned end; the place counts as taken
    until ``end_date`` and free from it on. Returns the proposed waiting-list entry."""
    today = timezone.localdate()
    following = end_allocation(allocation=allocation, actor=actor, ends_on=end_date)
    if end_date < today:
        Allocation.objects.filter(pk=allocation.pk).update(ended_at=local_midnight(end_date))
    refresh_free_places(offer=allocation.offer)
    access.log_access(
        user=actor,
        action=AccessLogEntry.Action.CHANGE,
        object_type="allocation",
        object_id=str(allocation.pk),
        application=allocation.application,
        detail=f"{'ended' if end_date <= today else 'ends'} {end_date.isoformat()}",
    )
    return following


@transaction.atomic
def move_places_to_new_decision(
    *,
    old: Decision,
    new: Decision,
    offer: Offer | None,
    weekdays: list[int],
    start_date: date | None,
    actor: User,
) -> None:
    """A decision replaced by a new one (a correction, or a new decision after an
    appeal): the old grant's places follow the new decision. A place (or waiting-list
    entry) at the same offer on a weekday still granted is kept, moved to the new
    decision with its start date; every other place is ended (the next on the waiting
    list is proposed, as when a leader ends it) and every other entry taken off the
    list; weekdays newly granted get a place or a waiting-list entry
    (``allocate_places``)."""
    granted = set(weekdays or []) if offer is not None else set()
    kept: set[int] = set()
    for allocation in Allocation.objects.filter(decision=old, ended_at__isnull=True).order_by("pk"):
        if offer is not None and allocation.offer_id == offer.pk and allocation.weekday in granted:
            Allocation.objects.filter(pk=allocation.pk).update(decision=new, start_date=start_date)
            kept.add(allocation.weekday)
        else:
            end_allocation(allocation=allocation, actor=actor)
    now = timezone.now()
    for entry in WaitingListEntry.objects.filter(decision=old, removed_at__isnull=True).order_by(
        "pk"
    ):
        if (
            offer is not None
            and entry.offer_id == offer.pk
            and entry.weekday in granted
            and entry.weekday not in kept
        ):
            # Keeps its place in the queue (priority and the date it was put on it).
            WaitingListEntry.objects.filter(pk=entry.pk).update(decision=new)
            kept.add(entry.weekday)
        else:
            WaitingListEntry.objects.filter(pk=entry.pk).update(removed_at=now)
    remaining = sorted(granted - kept)
    if remaining and offer is not None:  # days are granted only with an offer
        allocate_places(decision=new, offer=offer, weekdays=remaining, start_date=start_date)


@transaction.atomic
def change_priority(*, entry: WaitingListEntry, priority: int, actor: User) -> WaitingListEntry:
    """Set a waiting-list entry's priority (1 is highest), noted on the person's case."""
    entry = (
        WaitingListEntry.objects.select_for_update().select_related("application").get(pk=entry.pk)
    )
    old = entry.priority
    if old != priority:
        entry.priority = priority
        entry.save(update_fields=["priority"])
        case_services.record_internal_event(
            application=entry.application,
            actor=actor,
            action="referrals.waiting_list.priority_changed",
            data={"old": old, "new": priority},
        )
    access.log_access(
        user=actor,
        action=AccessLogEntry.Action.CHANGE,
        object_type="waitinglistentry",
        object_id=str(entry.pk),
        application=entry.application,
        detail=f"priority {old} -> {priority}",
    )
    return entry


@transaction.atomic
def allocate_places(
    *, decision: Decision, offer: Offer, weekdays: list[int], start_date: date | None
) -> tuple[list[Allocation], list[WaitingListEntry]]:
    """Give the granted weekdays at ``offer``: a place where the day has room, else a
    place on that day's waiting list."""
    # Locked: two grants for the last place on a Wednesday at the same time must not
    # both get it; the offer row serialises them.
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    allocations, waiting = [], []
    # A place whose planned end falls on or before the first day is free for this grant.
    first_day = start_date or timezone.localdate()
    for weekday in sorted(set(weekdays)):
        taken = (
            Allocation.objects.filter(offer=offer, weekday=weekday, ended_at__isnull=True)
            .exclude(ends_on__lte=first_day)
            .count()
        )
        if offer.capacity_per_day is None or taken < offer.capacity_per_day:
            allocations.append(
                Allocation.objects.create(
                    offer=offer,
                    application_id=decision.application_id,
                    decision=decision,
                    weekday=weekday,
                    start_date=start_date,
                )
            )
        else:
            waiting.append(
                WaitingListEntry.objects.create(
                    offer=offer,
                    application_id=decision.application_id,
                    decision=decision,
                    weekday=weekday,
                )
            )
    refresh_free_places(offer=offer)
    return allocations, waiting


@transaction.atomic
def end_allocation(
    *, allocation: Allocation, actor: User, ends_on: date | None = None
) -> WaitingListEntry | None:
    """End a place, now or (``ends_on`` after today) from a later day: the place counts
    as taken until ``ends_on`` and is free from it on. The freed place is proposed to
    the caseworker of the next person on that day's waiting list (an internal event on
    their case, once per place); returns that entry."""
    # Locked: the same offer row as allocate_places, so a freed place is not given
    # twice while a grant is being made.
    Offer.objects.select_for_update().get(pk=allocation.offer_id)
    allocation = (
        Allocation.objects.select_for_update().select_related("offer").get(pk=allocation.pk)
    )
    if allocation.ended_at is not None:
        return None
    today = timezone.localdate()
    ends_on = ends_on or today
    already_proposed = allocation.ends_on is not None
    allocation.ends_on = ends_on
    if ends_on <= today:
        allocation.ended_at = timezone.now()
        action, data = "referrals.place.ended", {}
    else:
        action, data = "referrals.place.ending", {"date": ends_on}
    allocation.save(update_fields=["ended_at", "ends_on"])
    refresh_free_places(offer=allocation.offer)
    record_internal_event(application=allocation.application, actor=actor, action=action, data=data)
    following = (
        WaitingListEntry.objects.filter(
            offer_id=allocation.offer_id, weekday=allocation.weekday, removed_at__isnull=True
        )
        .select_related("application")
        .first()
    )
    if following is not None and not already_proposed:
        if ends_on <= today:
            record_internal_event(
                application=following.application,
                actor=actor,
                action="referrals.place.proposed",
                data={"offer": allocation.offer.title},
            )
        else:
            record_internal_event(
                application=following.application,
                actor=actor,
                action="referrals.place.proposed_from",
                data={"offer": allocation.offer.title, "date": ends_on},
            )
    return following


# --- feedback after three months ------------------------------------------------------

FEEDBACK_AFTER_MONTHS = 3
# Places that started at most this many days before the three months are still invited
# (a day the daily job did not run); older places are not (they were there before the
# feedback existed, or were looked at already).
FEEDBACK_WINDOW_DAYS = 31
FEEDBACK_LANGUAGES = {"nb", "nn", "en"}


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day if it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def invite_to_feedback(*, today: date | None = None) -> int:
    """Invite the people whose day-centre place started three months ago to give
    anonymous feedback on the offer (catalogue.feedback), by e-mail when the application
    has an address (the person's, else the applicant's). Each place is looked at once
    (``Allocation.feedback_invited_on``), and a person with several weekdays at the same
    offer gets one invitation. Returns the number of invitations sent."""
    today = today or timezone.localdate()
    due = months_before(today, FEEDBACK_AFTER_MONTHS)
    earliest = due - timedelta(days=FEEDBACK_WINDOW_DAYS)
    started = Q(start_date__lte=due, start_date__gt=earliest) | Q(
        start_date__isnull=True, created_at__date__lte=due, created_at__date__gt=earliest
    )
    pairs = set(
        Allocation.objects.filter(started, feedback_invited_on__isnull=True, ended_at__isnull=True)
        .exclude(ends_on__lte=today)
        .values_list("application_id", "offer_id")
    )
    sent = 0
    for application_id, offer_id in sorted(pairs):
        with transaction.atomic():
            # Locked: a second run of the daily job at the same time sends nothing twice.
            places = Allocation.objects.select_for_update().filter(
                application_id=application_id, offer_id=offer_id
            )
            if not places.filter(feedback_invited_on__isnull=True).exists():
                continue
            invited_before = places.filter(feedback_invited_on__isnull=False).exists()
            places.filter(feedback_invited_on__isnull=True).update(feedback_invited_on=today)
            if invited_before:
                continue
            application = Application.objects.only(
                "person_email", "applicant_email", "person_language"
            ).get(pk=application_id)
            email = application.person_email or application.applicant_email
            if not email:
                continue
            language = application.person_language
            feedback_services.invite(
                Offer.objects.get(pk=offer_id),
                Occasion.DAY_CENTRE,
                email,
                language=language if language in FEEDBACK_LANGUAGES else None,
            )
            sent += 1
    return sent
