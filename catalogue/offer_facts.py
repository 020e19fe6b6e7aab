"""The facts of an offer, said once: when, closures and events, where, accessibility,
price and payment, transport, meals, places, languages, organiser, contact, how to
take part, volunteering and the guiding age.

``offer_facts(offer)`` returns them as a list of labelled facts, each a list of
lines of plain text (in the active language; an offer's own text that is only in
bokmål keeps its ``TranslatedText.fallback`` so templates mark it ``lang="nb"``).
The offer page (catalogue/includes/offer_body.html and its includes) and the offer
PDF (catalogue/pdf_offer_body.html) both render these lines and nothing else for
these facts, so what the page says the PDF says, in the same words: times are
written 09.30 in both (the Norwegian way), and the brochure's short entries take
their lines from here too.

The offer must have its locations (with district and accessibility), categories,
languages, opening periods, ``upcoming_exceptions``, ``upcoming_events``, unit and
service type loaded (catalogue.selectors.prefetch_offer_page, or
catalogue.views_pdf.offer_queryset_for_print), or each is read on first use.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import time as format_time
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalogue import selectors
from catalogue.models import Offer, OpeningPeriod
from portal.phone import format_phone, tel_uri
from portal.templatetags.translated_tags import join_with_lang

# Times the way the web page has always written them (and Norwegian typography does).
TIME_FORMAT = "H.i"


@dataclass(frozen=True)
class Line:
    """One line of a fact. ``prefix`` is our own words ("Telefon: "), ``text`` the
    value (an offer's text keeps its language, see portal.translated). ``href`` makes
    the text a link; ``label`` names a row of a table (the weekday of a schedule);
    ``kind`` is "heading" (a location's name), "action" or "action secondary" (a link
    to act on: apply, call, write), "closed" (a day without opening hours) or a status
    ("full", "free") the page shows as a tag."""

    text: str
    prefix: str = ""
    href: str = ""
    label: str = ""
    kind: str = ""

    @property
    def plain(self) -> str:
        """The line as read: label, prefix and text."""
        label = f"{self.label} " if self.label else ""
        return f"{label}{self.prefix}{self.text}"


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    lines: list[Line] = field(default_factory=list)


def application_url(offer: Offer) -> str | None:
    """Where to apply for an offer by application, if the applications part exists."""
    if offer.participation != Offer.Participation.APPLICATION or offer.service_type is None:
        return None
    try:
        start = reverse("referrals:apply_start")
    except NoReverseMatch:
        return None
    return f"{start}?service={quote(offer.service_type.slug)}&offer={quote(offer.slug)}"


def apply_label(offer: Offer) -> str:
    if offer.service_type is not None:
        return _("Søk om %(service)s") % {"service": str(offer.service_type).lower()}
    return _("Søk om tilbudet")


def contact_phone(offer: Offer) -> str:
    """The number to call about the offer, its own or else its unit's, for reading."""
    return format_phone(offer.contact_phone or offer.unit.phone)


def contact_email(offer: Offer) -> str:
    return offer.contact_email or offer.unit.email


def tel_href(phone: str) -> str:
    return "tel:" + tel_uri(phone)


def _period_text(period: OpeningPeriod, several_places: bool) -> str:
    text = f"{format_time(period.opens, TIME_FORMAT)}–{format_time(period.closes, TIME_FORMAT)}"
    if period.location_id and several_places and period.location is not None:
        text += f" ({period.location.name})"
    if period.valid_from or period.valid_until:
        parts = []
        if period.valid_from:
            parts.append(f"{_('fra')} {format_date(period.valid_from, 'SHORT_DATE_FORMAT')}")
        if period.valid_until:
            parts.append(f"{_('til')} {format_date(period.valid_until, 'SHORT_DATE_FORMAT')}")
        text += f" ({' '.join(parts)})"
    return text


def _day_text(day: datetime.date) -> str:
    return f"{format_date(day, 'l')} {format_date(day, 'MONTH_DAY_FORMAT')}"


def signup_fact(offer: Offer) -> Fact:
    lines: list[Line] = []
    text = offer.tr("signup_text")
    if offer.participation == Offer.Participation.APPLICATION:
        lines.append(
            Line(
                _(
                    "Dette er en tjeneste du søker om. Kommunen vurderer søknaden og gir deg "
                    "et skriftlig vedtak. Du kan søke selv, eller noen kan søke på dine vegne."
                )
            )
        )
        if text:
            lines.append(Line(text))
        url = application_url(offer)
        if url:
            lines.append(Line(apply_label(offer), href=url, kind="action"))
        else:
            lines.append(Line(_("Ta kontakt med oss for å søke.")))
    elif offer.participation == Offer.Participation.SIGNUP:
        lines.append(Line(_("Meld deg på før du kommer.")))
        if text:
            lines.append(Line(text))
        if offer.contact_phone:
            lines.append(
                Line(
                    _("Ring %(phone)s") % {"phone": format_phone(offer.contact_phone)},
                    href=tel_href(offer.contact_phone),
                    kind="action",
                )
            )
        if offer.contact_email:
            lines.append(
                Line(
                    _("Send e-post til %(email)s") % {"email": offer.contact_email},
                    href=f"mailto:{offer.contact_email}",
                    kind="action secondary",
                )
            )
    else:
        lines.append(Line(_("Bare møt opp – du trenger ikke melde deg på.")))
        if text:
            lines.append(Line(text))
    return Fact("signup", _("Slik deltar du"), lines)


def _age_fact(offer: Offer) -> Fact | None:
    low, high = offer.age_min, offer.age_max
    if not (low or high):
        return None
    if low and high:
        text = _("Tilbudet er laget med tanke på deg mellom %(low)s og %(high)s år.") % {
            "low": low,
            "high": high,
        }
    elif low:
        text = _("Tilbudet er laget med tanke på deg over %(low)s år.") % {"low": low}
    else:
        text = _("Tilbudet er laget med tanke på deg under %(high)s år.") % {"high": high}
    return Fact(
        "age",
        _("Alder"),
        [
            Line(text),
            Line(_("Alderen er bare veiledende: ta kontakt hvis tilbudet passer for deg.")),
        ],
    )


def _when_fact(offer: Offer, today: datetime.date | None) -> Fact:
    several_places = len(offer.locations.all()) > 1
    lines = [
        Line(
            ", ".join(_period_text(p, several_places) for p in day.periods) or _("Stengt"),
            label=str(day.label).capitalize(),
            kind="" if day.periods else "closed",
        )
        for day in selectors.week_schedule(offer, today)
    ]
    if offer.closed_on_public_holidays:
        lines.append(Line(_("Stengt på helligdager.")))
    return Fact("when", _("Når"), lines)


def _closures_fact(offer: Offer, today: datetime.date | None) -> Fact | None:
    lines = []
    for closure in selectors.upcoming_closures(offer, today):
        if closure.closed:
            state = _("stengt")
        else:
            opens = format_time(closure.opens, TIME_FORMAT)
            closes = format_time(closure.closes, TIME_FORMAT)
            state = f"{_('åpent')} {opens}–{closes}"
        note = f" ({closure.note})" if closure.note else ""
        lines.append(Line(f"{state}{note}", prefix=f"{_day_text(closure.date)}: "))
    return Fact("closures", _("Endringer de neste ukene"), lines) if lines else None


def _events_fact(offer: Offer) -> Fact | None:
    events = getattr(offer, "upcoming_events", None)
    if events is None:
        events = offer.events.filter(ends_at__gte=timezone.now()).select_related("location")
    lines = []
    for event in events:
        starts = timezone.localtime(event.starts_at)
        place = f" ({event.location.name})" if event.location else ""
        when = f"{_day_text(starts.date())} {format_time(starts, TIME_FORMAT)}{place}: "
        # The title keeps its language (marked when it is bokmål on another page).
        lines.append(Line(event.tr("title"), prefix=when))
    return Fact("events", _("Arrangementer"), lines) if lines else None


def _where_fact(offer: Offer) -> Fact:
    lines = []
    for location in offer.locations.all():
        lines.append(Line(location.name, kind="heading"))
        lines.append(Line(location.full_address))
        # The district's name in the reader's language, marked lang="nb" by the
        # template when it has no translation (portal.templatetags.translated_tags).
        district = str(location.district)
        lines.append(Line(district, prefix=f"{_('Bydel')}: "))
        map_url = settings.MUNICIPALITY_MAP_URL.format(address=quote(location.full_address))
        lines.append(
            Line(_("Se %(place)s i kommunens kart") % {"place": location.name}, href=map_url)
        )
        note = location.tr("transport_note")
        if note:
            lines.append(Line(note, prefix=f"{_('Kollektivtransport')}: "))
        about = location.tr("description")
        if about:
            lines.append(Line(about))
    return Fact("where", _("Hvor"), lines)


def _accessibility_fact(offer: Offer) -> Fact | None:
    locations = list(offer.locations.all())
    lines = []
    for location in locations:
        features = ", ".join(str(f) for f in location.accessibility.all())
        if features:
            prefix = f"{location.name}: " if len(locations) > 1 else ""
            lines.append(Line(features, prefix=prefix))
    return Fact("accessibility", _("Tilrettelegging"), lines) if lines else None


def _price_fact(offer: Offer) -> Fact:
    price = offer.tr("price_text")
    if offer.cost == Offer.Cost.FREE:
        lines = [Line(_("Gratis"))]
    elif offer.cost == Offer.Cost.EGENANDEL:
        lines = [Line(_("Egenandel fastsettes i vedtaket"))]
    elif not price:
        lines = [Line(_("Spør arrangøren om pris"))]
    else:
        lines = []
    if price:
        lines.append(Line(price))
    return Fact("price", _("Pris og betaling"), lines)


def _with_text(first: str, text: str) -> list[Line]:
    return [Line(first), Line(text)] if text else [Line(first)]


def places_lines(offer: Offer) -> list[Line]:
    lines = []
    if offer.places_available is not None:
        if offer.is_full:
            lines.append(Line(_("Fullt"), kind="full"))
        else:
            count = offer.places_available
            lines.append(Line(_("Ledig"), kind="free"))
            lines.append(
                Line(
                    ngettext("%(places)s ledig plass", "%(places)s ledige plasser", count)
                    % {"places": count}
                )
            )
    if offer.capacity_per_day:
        lines.append(
            Line(_("(%(capacity)s plasser per dag)") % {"capacity": offer.capacity_per_day})
        )
    return lines


def _contact_fact(offer: Offer) -> Fact:
    lines = []
    if offer.contact_name:
        lines.append(Line(offer.contact_name))
    phone, email = contact_phone(offer), contact_email(offer)
    if not (offer.contact_phone or offer.contact_email):
        lines.append(Line(offer.unit.name))
    if phone:
        lines.append(Line(phone, prefix=f"{_('Telefon')}: ", href=tel_href(phone)))
    if email:
        lines.append(Line(email, prefix=f"{_('E-post')}: ", href=f"mailto:{email}"))
    if offer.unit.website:
        lines.append(
            Line(_("Nettsiden til %(unit)s") % {"unit": offer.unit.name}, href=offer.unit.website)
        )
    return Fact("contact", _("Kontakt"), lines)


def offer_facts(offer: Offer, today: datetime.date | None = None) -> list[Fact]:
    """Everything the offer page and the offer PDF say about ``offer`` besides its
    title, summary, easy-read, description and who it suits, in the page's order."""
    facts: list[Fact | None] = [
        signup_fact(offer),
        _age_fact(offer),
        _when_fact(offer, today),
        _closures_fact(offer, today),
        _events_fact(offer),
        _where_fact(offer),
        _accessibility_fact(offer),
        _price_fact(offer),
        Fact(
            "transport",
            _("Transport"),
            _with_text(
                _("Transport tilbys") if offer.transport_offered else _("Ingen transport"),
                offer.tr("transport_text"),
            ),
        ),
        Fact(
            "meals",
            _("Måltid"),
            _with_text(
                _("Måltid tilbys") if offer.meals_offered else _("Ingen måltider"),
                offer.tr("meals_text"),
            ),
        ),
        Fact("relief", _("Avlastning"), [Line(_("Gir avlastning for pårørende"))])
        if offer.counts_as_relief
        else None,
        Fact("places", _("Plasser"), places_lines(offer)),
        Fact("languages", _("Språk"), [Line(join_with_lang(offer.languages.all()))])
        if offer.languages.all()
        else None,
        Fact(
            "organiser",
            _("Arrangør"),
            [Line(f"{offer.unit.name} ({offer.unit.get_kind_display().lower()})")],
        ),
        _contact_fact(offer),
        Fact(
            "volunteers",
            _("Bli frivillig"),
            [
                Line(
                    offer.tr("volunteer_text")
                    or _("Frivillige er med på dette tilbudet. Ta kontakt hvis du vil bidra.")
                )
            ],
        )
        if offer.volunteers_involved
        else None,
    ]
    return [fact for fact in facts if fact is not None and fact.lines]


# The facts the page's side column lists under "Praktisk", in this order.
PRACTICAL = ("price", "transport", "meals", "relief", "places", "languages", "organiser")


def page_context(facts: list[Fact]) -> dict[str, object]:
    """The facts for a template: ``facts`` by key, ``practical`` in order, ``all_facts``."""
    by_key = {fact.key: fact for fact in facts}
    return {
        "facts": by_key,
        "practical": [by_key[key] for key in PRACTICAL if key in by_key],
        "all_facts": facts,
    }


@dataclass(frozen=True)
class Mark:
    label: str
    color: str  # a Designsystemet tag colour


def status_marks(offer: Offer) -> list[Mark]:
    """ "Fullt" or the free places, and "Krever søknad": what a list of offers shows
    on each (the guide's cards, the brochure's entries)."""
    found = []
    if offer.is_full:
        found.append(Mark(_("Fullt"), "danger"))
    elif offer.places_available:
        count = offer.places_available
        found.append(
            Mark(
                ngettext("%(places)s ledig plass", "%(places)s ledige plasser", count)
                % {"places": count},
                "success",
            )
        )
    if offer.participation == Offer.Participation.APPLICATION:
        found.append(Mark(_("Krever søknad"), "warning"))
    return found


def _days(labels: list[str]) -> str:
    if len(labels) == 1:
        return labels[0]
    if len(labels) == 2:
        return f"{labels[0]} {_('og')} {labels[1].lower()}"
    return f"{labels[0]}–{labels[-1].lower()}"


def week_summary(when: Fact) -> str:
    """The week of a "when" fact in a few words: "Mandag–fredag 09.30–15.00",
    "Tirsdag og onsdag 10.00–12.00; fredag 11.00–13.00". Consecutive days with the
    same hours are put together."""
    runs: list[tuple[list[str], str]] = []
    previous_open = False
    for line in when.lines:
        if not line.label:
            continue
        is_open = line.kind != "closed"
        if is_open and previous_open and runs and runs[-1][1] == line.text:
            runs[-1][0].append(line.label)
        elif is_open:
            runs.append(([line.label], line.text))
        previous_open = is_open
    parts = [f"{_days(labels)} {text}" for labels, text in runs]
    if not parts:
        return _("Ingen faste åpningstider")
    first, rest = parts[0], [part[0].lower() + part[1:] for part in parts[1:]]
    return "; ".join([first, *rest])


def brief_facts(offer: Offer, facts: list[Fact]) -> list[Fact]:
    """The few facts a brochure entry prints, in the same words as the page: when (in
    a few words), where, price and payment, how to take part, contact."""
    by_key = {fact.key: fact for fact in facts}
    brief = [Fact("when", _("Når"), [Line(week_summary(by_key["when"]))])]
    where = [
        Line(
            f"{location.name}, {location.full_address}. {_('Bydel')}: {str(str(location.district))}"
        )
        for location in offer.locations.all()
    ]
    if where:
        brief.append(Fact("where", _("Hvor"), where))
    brief.append(by_key["price"])
    take_part = [Line(str(offer.get_participation_display()))]
    if offer.tr("signup_text"):
        take_part.append(Line(offer.tr("signup_text")))
    brief.append(Fact("signup", _("Slik deltar du"), take_part))
    phone, email = contact_phone(offer), contact_email(offer)
    contact = []
    if phone:
        contact.append(Line(phone, prefix=f"{_('Telefon')}: ", href=tel_href(phone)))
    if email:
        contact.append(Line(email, prefix=f"{_('E-post')}: ", href=f"mailto:{email}"))
    if contact:
        brief.append(Fact("contact", _("Kontakt"), contact))
    return brief
