"""An offer's schedule as iCalendar: one weekly recurring event per opening period
(RRULE, Europe/Oslo with its VTIMEZONE), closed dates as EXDATE, changed hours and
one-off events as single events."""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur

from catalogue.models import Offer
from catalogue.selectors import public_holidays

OSLO = ZoneInfo("Europe/Oslo")
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
HORIZON_DAYS = 365


def uid_host() -> str:
    """The domain in the events' UIDs: SITE_URL's host name without scheme, port or
    path, so that a calendar keeps its events when only those change."""
    return (urlsplit(settings.SITE_URL).hostname or "localhost").lower()


def _first_on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def offer_ical(offer: Offer, today: datetime.date | None = None) -> bytes:
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=HORIZON_DAYS)
    host = uid_host()
    url = f"{settings.SITE_URL}{offer.get_absolute_url()}"
    title = offer.tr("title")
    stamp = offer.updated_at or timezone.now()

    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.MUNICIPALITY_NAME}//Aktivitetstilbud//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", title)
    calendar.add("x-wr-timezone", "Europe/Oslo")

    # get_published_offer prefetches the coming year's exceptions and events.
    prefetched = getattr(offer, "upcoming_exceptions", None)
    exceptions = {
        e.date: e
        for e in (offer.schedule_exceptions.all() if prefetched is None else prefetched)
        if today <= e.date <= horizon
    }
    closed_days = {day for day, e in exceptions.items() if e.closed or (e.opens and e.closes)}
    if offer.closed_on_public_holidays:
        closed_days |= set(public_holidays(today, horizon))
    locations = list(offer.locations.all())
    default_place = locations[0].full_address if locations else ""

    for period in offer.opening_periods.all():
        if period.valid_until and period.valid_until < today:
            continue
        start_day = _first_on_or_after(max(today, period.valid_from or today), period.weekday)
        event = Event()
        event.add("uid", f"catalogue-offer-{offer.pk}-period-{period.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", title)
        event.add("dtstart", datetime.datetime.combine(start_day, period.opens, tzinfo=OSLO))
        event.add("dtend", datetime.datetime.combine(start_day, period.closes, tzinfo=OSLO))
        rule: dict[str, object] = {"freq": "weekly", "byday": BYDAY[period.weekday]}
        if period.valid_until:
            rule["until"] = datetime.datetime.combine(
                period.valid_until, period.closes, tzinfo=OSLO
            ).astimezone(datetime.UTC)
        event.add("rrule", vRecur(rule))
        last = min(horizon, period.valid_until or horizon)
        for day in sorted(closed_days):
            if day.weekday() == period.weekday and start_day <= day <= last:
                event.add("exdate", datetime.datetime.combine(day, period.opens, tzinfo=OSLO))
        place = (
            period.location.full_address
            if period.location_id and period.location
            else default_place
        )
        if place:
            event.add("location", place)
        event.add("url", url)
        event.add("description", offer.tr("summary"))
        calendar.add_component(event)

    for day, exception in sorted(exceptions.items()):
        if exception.closed or not (exception.opens and exception.closes):
            continue
        event = Event()
        event.add("uid", f"catalogue-offer-{offer.pk}-exception-{exception.pk}@{host}")
        event.add("dtstamp", stamp)
        note = exception.tr("note")
        event.add("summary", f"{title} ({note})" if note else f"{title} ({_('endret åpningstid')})")
        event.add("dtstart", datetime.datetime.combine(day, exception.opens, tzinfo=OSLO))
        event.add("dtend", datetime.datetime.combine(day, exception.closes, tzinfo=OSLO))
        if default_place:
            event.add("location", default_place)
        event.add("url", url)
        calendar.add_component(event)

    events = getattr(offer, "upcoming_events", None)
    if events is None:
        events = offer.events.filter(ends_at__gte=timezone.now())
    for one_off in events:
        event = Event()
        event.add("uid", f"catalogue-offer-{offer.pk}-event-{one_off.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", f"{title}: {one_off.tr('title')}")
        event.add("dtstart", one_off.starts_at.astimezone(OSLO))
        event.add("dtend", one_off.ends_at.astimezone(OSLO))
        event.add("url", url)
        calendar.add_component(event)

    calendar.add_missing_timezones()
    return calendar.to_ical()
