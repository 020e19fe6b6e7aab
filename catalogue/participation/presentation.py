"""Sessions and sign-ups in words, for the pages."""

from datetime import datetime
from functools import lru_cache

from django.utils import formats, timezone
from django.utils.translation import get_language, gettext, ngettext
from django_stubs_ext import StrOrPromise

from catalogue.participation.models import Session, SignUp
from catalogue.participation.selectors import SessionPlaces, SignUpChoice


def when(entry: SessionPlaces) -> str:
    """«tirsdag 13. januar 11.00–13.00»."""
    return _when(entry.session.starts_at, entry.session.ends_at)


def _when(starts_at: datetime, ends_at: datetime) -> str:
    starts = timezone.localtime(starts_at)
    ends = timezone.localtime(ends_at)
    return "{} {}–{}".format(
        formats.date_format(starts, "l j. F"),
        formats.time_format(starts, "H.i"),
        formats.time_format(ends, "H.i"),
    )


def session_label(entry: SessionPlaces) -> str:
    """«tirsdag 13. januar kl. 11.00–13.00 – 3 ledige plasser» (or full: the queue)."""
    return f"{when(entry)} – {places_text(entry)}"


def _weekdays(weekday: int, count: int) -> str:
    """«8 tirsdager»: ``weekday`` as Python numbers them (0 Monday)."""
    forms = (
        ngettext("%(count)d mandag", "%(count)d mandager", count),
        ngettext("%(count)d tirsdag", "%(count)d tirsdager", count),
        ngettext("%(count)d onsdag", "%(count)d onsdager", count),
        ngettext("%(count)d torsdag", "%(count)d torsdager", count),
        ngettext("%(count)d fredag", "%(count)d fredager", count),
        ngettext("%(count)d lørdag", "%(count)d lørdager", count),
        ngettext("%(count)d søndag", "%(count)d søndager", count),
    )
    return forms[weekday] % {"count": count}


def course_when(sessions: list[Session]) -> str:
    """«Kurs: 8 tirsdager fra 12. januar kl. 18.00» (the sessions soonest first; a
    course's sessions are a week apart, on one weekday)."""
    return _course_when(sessions[0].starts_at, len(sessions))


def _course_when(first_starts_at: datetime, count: int) -> str:
    starts = timezone.localtime(first_starts_at)
    return gettext("Kurs: %(days)s fra %(date)s kl. %(time)s") % {
        "days": _weekdays(starts.weekday(), count),
        "date": formats.date_format(starts, "MONTH_DAY_FORMAT"),
        "time": formats.time_format(starts, "H.i"),
    }


def choice_label(choice: SignUpChoice) -> str:
    """A session's label, or a whole course's: «Kurs: 8 tirsdager fra 12. januar kl.
    18.00 – 3 ledige plasser». Kept per process by all it is made of (the first
    session's times, the number of sessions, the free places, the language and time
    zone): every sign-up form, sent or shown, lists every choice."""
    first = choice.first.session
    return _label(
        choice.is_course,
        first.starts_at,
        first.ends_at,
        len(choice.entries),
        choice.free,
        get_language(),
        timezone.get_current_timezone_name(),
    )


@lru_cache(maxsize=512)
def _label(
    is_course: bool,
    starts_at: datetime,
    ends_at: datetime,
    count: int,
    free: int,
    _language: str | None,
    _time_zone: str,
) -> str:
    # The language and time zone are the active ones; they are arguments for the key.
    if is_course:
        return f"{_course_when(starts_at, count)} – {_places_text(free)}"
    return f"{_when(starts_at, ends_at)} – {_places_text(free)}"


def places_text(entry: SessionPlaces | SignUpChoice) -> str:
    return _places_text(entry.free)


def _places_text(free: int) -> str:
    if free == 0:  # full (``is_full``)
        return gettext("Fullt – sett deg på venteliste")
    return ngettext("%(count)d ledig plass", "%(count)d ledige plasser", free) % {"count": free}


def status_text(signup: SignUp, position: int | None) -> StrOrPromise:
    """What the sign-up's status means for the person, in one sentence."""
    if signup.status == SignUp.Status.WAITING and position is not None:
        return gettext("På venteliste, plass %(position)d") % {"position": position}
    return signup.get_status_display()
