"""Sessions and sign-ups in words, for the pages."""

from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django_stubs_ext import StrOrPromise

from catalogue.participation.models import SignUp
from catalogue.participation.selectors import SessionPlaces


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


def places_text(entry: SessionPlaces) -> str:
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
