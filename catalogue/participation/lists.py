"""The day's lists for the driver and the kitchen: who is picked up where and when
(with a walker or a wheelchair, with a companion), and who eats what. Only confirmed
participants are on them; the lists are per offer and day (local time), as a page, a
PDF to print and a CSV for a spreadsheet.

The pickup time is the session's start minus ``PICKUP_LEAD`` (the setting
``PARTICIPATION_PICKUP_LEAD_MINUTES``, 30 minutes unless set): the driver plans the
round from there.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from catalogue.models import Offer
from catalogue.participation.models import Session, SignUp
from portal.documents.pdf import render_pdf
from portal.documents.spreadsheets import csv_bytes
from portal.phone import format_phone

DEFAULT_PICKUP_LEAD_MINUTES = 30


def pickup_lead() -> timedelta:
    minutes = getattr(settings, "PARTICIPATION_PICKUP_LEAD_MINUTES", DEFAULT_PICKUP_LEAD_MINUTES)
    return timedelta(minutes=int(minutes))


@dataclass(frozen=True)
class TransportRow:
    pickup_at: datetime
    session: Session
    name: str
    phone: str
    address: str
    mobility_aid: str
    companion: bool


@dataclass(frozen=True)
class MealRow:
    session: Session
    name: str
    diet: str
    companion: bool


@dataclass(frozen=True)
class DayLists:
    day: date
    sessions: list[Session]
    transport: list[TransportRow]
    meals: list[MealRow]
    # Each diet written and how many asked for it, the most common first.
    diets: list[tuple[str, int]]

    @property
    def has_transport(self) -> bool:
        return any(s.offers_transport for s in self.sessions)

    @property
    def has_meal(self) -> bool:
        return any(s.offers_meal for s in self.sessions)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The day from local midnight to the next."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    return start, end


def session_days(offer: Offer, *, around: date, before: int = 7, after: int = 60) -> list[date]:
    """The days with sessions of the offer from ``before`` days before ``around`` to
    ``after`` days after it, for choosing a day."""
    start, _end = day_bounds(around - timedelta(days=before))
    _start, end = day_bounds(around + timedelta(days=after))
    starts = Session.objects.filter(
        offer=offer, starts_at__gte=start, starts_at__lt=end
    ).values_list("starts_at", flat=True)
    return sorted({timezone.localtime(s).date() for s in starts})


def default_day(offer: Offer, *, today: date | None = None) -> date:
    """Today if the offer has a session today, else the next day with one (else
    today)."""
    today = today or timezone.localdate()
    start, _end = day_bounds(today)
    first = (
        Session.objects.filter(offer=offer, starts_at__gte=start)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return timezone.localtime(first).date() if first is not None else today


def day_lists(offer: Offer, day: date) -> DayLists:
    start, end = day_bounds(day)
    sessions = list(
        Session.objects.filter(offer=offer, starts_at__gte=start, starts_at__lt=end)
        .select_related("location")
        .order_by("starts_at", "pk")
    )
    signups = list(
        SignUp.objects.filter(session__in=sessions, status=SignUp.Status.CONFIRMED)
        .select_related("session__location")
        .order_by("session__starts_at", "name", "pk")
    )
    lead = pickup_lead()
    transport = sorted(
        (
            TransportRow(
                pickup_at=s.session.starts_at - lead,
                session=s.session,
                name=s.name,
                phone=format_phone(s.phone),
                address=s.pickup_address,
                mobility_aid=s.get_mobility_aid_display()
                if s.mobility_aid != SignUp.MobilityAid.NONE
                else "",
                companion=s.companion,
            )
            for s in signups
            if s.needs_transport and s.session.offers_transport
        ),
        key=lambda row: (row.pickup_at, row.address.casefold(), row.name.casefold()),
    )
    meals = [
        MealRow(session=s.session, name=s.name, diet=s.diet, companion=s.companion)
        for s in signups
        if s.needs_meal and s.session.offers_meal
    ]
    diets = Counter(row.diet.strip().casefold() for row in meals if row.diet.strip())
    return DayLists(
        day=day,
        sessions=sessions,
        transport=transport,
        meals=meals,
        diets=sorted(diets.items(), key=lambda item: (-item[1], item[0])),
    )


# --- CSV ------------------------------------------------------------------------------------


def _clock(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def _yes(value: bool) -> str:
    return _("Ja") if value else ""


def transport_csv(lists: DayLists) -> bytes:
    header = [
        _("Hentes kl."),
        _("Navn"),
        _("Telefon"),
        _("Hentes på adresse"),
        _("Hjelpemiddel"),
        _("Ledsager"),
        _("Starter kl."),
        _("Sted"),
    ]
    rows = [
        [
            _clock(row.pickup_at),
            row.name,
            row.phone,
            row.address,
            row.mobility_aid,
            _yes(row.companion),
            _clock(row.session.starts_at),
            row.session.location.name if row.session.location else "",
        ]
        for row in lists.transport
    ]
    return csv_bytes(header, rows)


def meal_csv(lists: DayLists) -> bytes:
    header = [_("Starter kl."), _("Navn"), _("Kosthold og allergier"), _("Ledsager")]
    rows = [
        [_clock(row.session.starts_at), row.name, row.diet, _yes(row.companion)]
        for row in lists.meals
    ]
    return csv_bytes(header, rows)


# --- PDF ------------------------------------------------------------------------------------

KINDS = ("transport", "maltid")


def list_pdf(*, offer: Offer, lists: DayLists, kind: str, language: str) -> bytes:
    """The transport list (``kind`` "transport") or the meal list ("maltid") of the
    day, to print."""
    with translation.override(language):
        offer_title = offer.tr("title")
        day_text = formats.date_format(lists.day, "l j. F Y")
        if kind == "transport":
            title = _("Transportliste %(day)s") % {"day": day_text}
        else:
            title = _("Måltidsliste %(day)s") % {"day": day_text}
    context = {
        "title": f"{title} – {offer_title}",
        "day_text": day_text,
        "offer": offer,
        "offer_title": offer_title,
        "lists": lists,
        "kind": kind,
        "lead_minutes": int(pickup_lead().total_seconds() // 60),
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_contact_email": settings.MUNICIPALITY_CONTACT_EMAIL,
        "municipality_contact_phone": settings.MUNICIPALITY_CONTACT_PHONE,
        "generated": timezone.now(),
        "site_url": settings.SITE_URL,
    }
    return render_pdf("catalogue/participation/unit/pdf_list.html", context, language=language)
