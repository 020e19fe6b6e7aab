"""Sessions and sign-ups in words, for the pages."""

from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django_stubs_ext import StrOrPromise

from catalogue.participation.models import Session, SignUp
from catalogue.participation.selectors import SessionPlaces, SignUpChoice


def when(entry: SessionPlaces) -> str:
    """«tirsdag 13. januar 11.00–13.00»."""
    session = entry.session
    starts = timezone.localtime(session.starts_at)
    ends = timezone.localtime(session.ends_at)
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
    starts = timezone.localtime(sessions[0].starts_at)
    return gettext("Kurs: %(days)s fra %(date)s kl. %(time)s") % {
        "days": _weekdays(starts.weekday(), len(sessions)),
        "date": formats.date_format(starts, "MONTH_DAY_FORMAT"),
        "time": formats.time_format(starts, "H.i"),
    }


def choice_label(choice: SignUpChoice) -> str:
    """A session's label, or a whole course's: «Kurs: 8 tirsdager fra 12. januar kl.
    18.00 – 3 ledige plasser»."""
    if not choice.is_course:
        return session_label(choice.first)
    return f"{course_when([e.session for e in choice.entries])} – {places_text(choice)}"


def places_text(entry: SessionPlaces | SignUpChoice) -> str:
    if entry.is_full:
        return gettext("Fullt – sett deg på venteliste")
    return ngettext("%(count)d ledig plass", "%(count)d ledige plasser", entry.free) % {
        "count": entry.free
    }


def status_text(signup: SignUp, position: int | None) -> StrOrPromise:
    """What the sign-up's status means for the person, in one sentence."""
    if signup.status == SignUp.Status.WAITING and position is not None:
        return gettext("På venteliste, plass %(position)d") % {"position": position}
    return signup.get_status_display()
