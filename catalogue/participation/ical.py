"""A session, or the sessions of a course, as an iCalendar file, for the person's own
calendar."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from catalogue.ical import OSLO, uid_host
from catalogue.participation.models import Session


def sessions_ical(sessions: list[Session]) -> bytes:
    """One event per session (a course: each time of it)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.MUNICIPALITY_NAME}//Aktivitetstilbud//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for session in sessions:
        calendar.add_component(_event(session))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _event(session: Session) -> Event:
    offer = session.offer
    event = Event()
    event.add("uid", f"catalogue-session-{session.pk}@{uid_host()}")
    event.add("dtstamp", timezone.now())
    event.add("summary", offer.tr("title"))
    event.add("dtstart", session.starts_at.astimezone(OSLO))
    event.add("dtend", session.ends_at.astimezone(OSLO))
    if session.location is not None:
        event.add("location", session.location.full_address)
    event.add("url", f"{settings.SITE_URL}{offer.get_absolute_url()}")
    return event
