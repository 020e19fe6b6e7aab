"""The published catalogue as Open Referral HSDS 3.0 objects (catalogue.api serves them;
catalogue/API.md documents them).

- Ids are UUIDs: the ``uuid`` of units, locations, offers and taxonomy terms (given once,
  kept through renames), and for what has no row of its own (phones, addresses,
  attributes, a service at a location, the pieces of a schedule) a UUID derived with
  ``uuid5`` from the parent's. The database's integer id is ``x_id``.
- Optional fields without a value are left out, never ``null``; URLs are absolute
  (``settings.SITE_URL``); fields of our own start with ``x_``.
- Texts are bokmål with ``x_translations``; labels the portal supplies (taxonomy names
  and descriptions, the participation label) follow the request's language.
"""

import datetime
import uuid
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from catalogue.models import (
    AccessibilityFeature,
    Category,
    District,
    Language,
    Location,
    Offer,
    OpeningPeriod,
    ScheduleException,
    Unit,
)
from catalogue.participation.hsds import session_schedules
from catalogue.selectors import public_holidays

OSLO = ZoneInfo("Europe/Oslo")
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
STATUS_ACTIVE = "active"
# The portal's namespace for ids derived by name (the taxonomies). Fixed: the ids must
# not change with the site's address.
NAMESPACE = uuid.UUID("6f3c1c2e-5d0a-4b8e-9a57-2f4a1f0e9c31")
# Weekly schedules are published for the current UTC offset period and the two after it
# (from the last change of daylight saving time to the third one ahead, 12–18 months),
# split where the offset changes and around closed dates.
OFFSET_PERIODS = 3
ONE_DAY = datetime.timedelta(days=1)


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def derived_id(parent: uuid.UUID, *parts: object) -> str:
    """A stable id for something without a row of its own, from its parent's id."""
    return str(uuid.uuid5(parent, ":".join(str(part) for part in parts)))


def _compact(data: dict) -> dict:
    """``data`` without the optional fields that have no value (None or "")."""
    return {key: value for key, value in data.items() if value is not None and value != ""}


def _translations(obj, **fields: str) -> dict:
    """{"nn": {"name": …}, "en": {…}} for the fields that have a translation."""
    result = {}
    for language in ("nn", "en"):
        texts = {key: getattr(obj, f"{field}_{language}") for key, field in fields.items()}
        texts = {key: value for key, value in texts.items() if value}
        if texts:
            result[language] = texts
    return result


# --- Taxonomies ---------------------------------------------------------------------


@dataclass(frozen=True)
class Taxonomy:
    code: str
    model: type[Model]
    description: str | Promise  # lazy

    @property
    def id(self) -> str:
        return str(uuid.uuid5(NAMESPACE, f"taxonomy:{self.code}"))


TAXONOMIES = {
    taxonomy.code: taxonomy
    for taxonomy in (
        Taxonomy(
            "category",
            Category,
            gettext_lazy("Hva slags tilbud det er: sosialt, fysisk, kultur, læring og mer."),
        ),
        Taxonomy("district", District, gettext_lazy("Bydelen der et sted ligger.")),
        Taxonomy(
            "accessibility",
            AccessibilityFeature,
            gettext_lazy("Tilrettelegging på et sted, som trinnfri inngang og teleslynge."),
        ),
        Taxonomy("language", Language, gettext_lazy("Språk som snakkes på et tilbud.")),
    )
}
TAXONOMY_OF_MODEL = {taxonomy.model: taxonomy for taxonomy in TAXONOMIES.values()}


def serialise_taxonomy(taxonomy: Taxonomy) -> dict:
    return {
        "id": taxonomy.id,
        "name": capfirst(str(taxonomy.model._meta.verbose_name_plural)),
        "description": str(taxonomy.description),
        "uri": absolute(reverse("catalogue:api_taxonomy", kwargs={"pk": taxonomy.id})),
        "x_code": taxonomy.code,
    }


def _language() -> str:
    return (get_language() or "nb")[:2]


def serialise_term(term, *, detail: bool = False) -> dict:
    taxonomy = TAXONOMY_OF_MODEL[type(term)]
    name = term.tr("name")
    language = _language() if name != term.name or _language() == "nb" else "nb"
    data = {
        "id": str(term.uuid),
        "code": term.slug,
        "name": name,
        "description": f"{capfirst(str(term._meta.verbose_name))}: {name}",
        "taxonomy": taxonomy.code,
        "taxonomy_id": taxonomy.id,
        "language": language,
        "x_translations": {
            code: {"name": text}
            for code, text in (("nb", term.name), ("nn", term.name_nn), ("en", term.name_en))
            if text
        },
    }
    if isinstance(term, Language) and iso_639(term):
        data["x_iso_639"] = iso_639(term)
    if detail:
        data["taxonomy_detail"] = serialise_taxonomy(taxonomy)
    return data


def iso_639(language: Language) -> str:
    """The language's ISO 639 code: its own ``code``, else a slug that is one."""
    if language.code:
        return language.code
    slug = language.slug
    return slug if 2 <= len(slug) <= 3 and slug.isascii() and slug.isalpha() else ""


def _attribute(owner: uuid.UUID, entity: str, term) -> dict:
    return {
        "id": derived_id(owner, "attribute", term.uuid),
        "link_id": str(owner),
        "link_type": TAXONOMY_OF_MODEL[type(term)].code,
        "link_entity": entity,
        "taxonomy_term_id": str(term.uuid),
        "taxonomy_term": serialise_term(term),
    }


# --- Organizations and locations ------------------------------------------------------


def serialise_organization(unit: Unit) -> dict:
    phones = []
    if unit.phone:
        phones.append(
            {
                "id": derived_id(unit.uuid, "phone"),
                "organization_id": str(unit.uuid),
                "number": unit.phone,
            }
        )
    data = _compact(
        {
            "id": str(unit.uuid),
            "name": unit.name,
            "email": unit.email,
            "website": unit.website,
            "phones": phones,
            "x_id": unit.pk,
            "x_kind": unit.kind,
            "x_translations": _translations(unit, description="description"),
        }
    )
    return {"id": data.pop("id"), "name": data.pop("name"), "description": unit.description, **data}


def serialise_location(location: Location) -> dict:
    """A location; expects ``district``, ``unit`` and ``accessibility`` loaded."""
    features = list(location.accessibility.all())
    address = {
        "id": derived_id(location.uuid, "address"),
        "location_id": str(location.uuid),
        "address_1": location.address,
        "city": location.place,
        "postal_code": location.postcode,
        "state_province": "",
        "country": "NO",
        "address_type": "physical",
    }
    return _compact(
        {
            "id": str(location.uuid),
            "location_type": "physical",
            "organization_id": str(location.unit.uuid) if location.unit else None,
            "name": location.name,
            "description": location.description,
            "transportation": location.transport_note,
            "latitude": float(location.latitude) if location.latitude is not None else None,
            "longitude": float(location.longitude) if location.longitude is not None else None,
            "addresses": [address],
            "accessibility": [
                {
                    "id": derived_id(location.uuid, "accessibility", feature.uuid),
                    "location_id": str(location.uuid),
                    "description": feature.tr("name"),
                    "details": feature.slug,
                }
                for feature in features
            ],
            "attributes": [
                _attribute(location.uuid, "location", term)
                for term in [location.district, *features]
            ],
            "x_id": location.pk,
            "x_district": {"code": location.district.slug, "name": location.district.tr("name")},
            "x_translations": _translations(
                location, description="description", transportation="transport_note"
            ),
        }
    )


# --- Schedules ---------------------------------------------------------------------------


def _offset_hours(day: datetime.date) -> int:
    noon = datetime.datetime.combine(day, datetime.time(12), tzinfo=OSLO)
    offset = noon.utcoffset()
    assert offset is not None  # an aware datetime in Oslo
    return int(offset.total_seconds() // 3600)


@lru_cache(maxsize=4)
def offset_periods(today: datetime.date) -> tuple[tuple[datetime.date, datetime.date, int], ...]:
    """(first day, last day, UTC offset in hours) of Oslo's current offset period and the
    ``OFFSET_PERIODS - 1`` after it."""
    start = today
    while _offset_hours(start - datetime.timedelta(days=1)) == _offset_hours(today):
        start -= datetime.timedelta(days=1)
    periods: list[tuple[datetime.date, datetime.date, int]] = []
    while len(periods) < OFFSET_PERIODS:
        offset = _offset_hours(start)
        end = start
        while _offset_hours(end + datetime.timedelta(days=1)) == offset:
            end += datetime.timedelta(days=1)
        periods.append((start, end, offset))
        start = end + datetime.timedelta(days=1)
    return tuple(periods)


def _time(value: datetime.time, offset: int) -> str:
    return f"{value:%H:%M}{offset:+03d}:00"


def _dates(start: datetime.date, end: datetime.date, weekday: int) -> list[datetime.date]:
    first = start + datetime.timedelta(days=(weekday - start.weekday()) % 7)
    return (
        [first + datetime.timedelta(weeks=n) for n in range(((end - first).days // 7) + 1)]
        if first <= end
        else []
    )


@dataclass
class Closure:
    date: datetime.date
    note: str


def closures(offer: Offer, start: datetime.date, end: datetime.date) -> dict:
    """The days between start and end the regular hours do not apply: named closures,
    changed hours, and public holidays on its open weekdays if it closes on them (as the
    iCal feed)."""
    found = {
        e.date: Closure(e.date, e.tr("note") or _("Stengt"))
        for e in _exceptions(offer)
        if start <= e.date <= end and (e.closed or (e.opens and e.closes))
    }
    if offer.closed_on_public_holidays:
        open_weekdays = {period.weekday for period in offer.opening_periods.all()}
        for day, name in public_holidays(start, end).items():
            if day.weekday() in open_weekdays:
                found.setdefault(day, Closure(day, name))
    return dict(sorted(found.items()))


def _exceptions(offer: Offer) -> list[ScheduleException]:
    return list(offer.schedule_exceptions.all())


def _upcoming_events(offer: Offer) -> list:
    events = getattr(offer, "upcoming_events", None)
    if events is None:
        events = offer.events.filter(ends_at__gte=timezone.now())
    return list(events)


def _schedule_base(offer: Offer, location_id: int | None, locations: dict) -> dict:
    data = {
        "service_id": str(offer.uuid),
        "schedule_link": absolute(reverse("catalogue:offer_calendar", args=[offer.slug])),
    }
    if location_id and location_id in locations:
        data["location_id"] = str(locations[location_id].uuid)
    return data


def weekly_schedules(
    offer: Offer, period: OpeningPeriod, closed: dict, today: datetime.date, locations: dict
) -> list[dict]:
    """One period's weekly schedules: one per stretch of dates with one UTC offset and
    no closed date on the period's weekday."""
    found = []
    for first, last, offset in offset_periods(today):
        start = max(first, period.valid_from or first)
        end = min(last, period.valid_until or last)
        valid_from, run = start, []
        for day in _dates(start, end, period.weekday):
            if day not in closed:
                run.append(day)
                continue
            if run:
                found.append((valid_from, day - ONE_DAY, run[0], run[-1], offset))
            valid_from, run = day + ONE_DAY, []
        if run:
            found.append((valid_from, end, run[0], run[-1], offset))
    schedules = []
    for valid_from, valid_to, dtstart, until, offset in found:
        schedules.append(
            {
                "id": derived_id(offer.uuid, "period", period.pk, valid_from.isoformat()),
                **_schedule_base(offer, period.location_id, locations),
                "valid_from": valid_from.isoformat(),
                "valid_to": valid_to.isoformat(),
                "dtstart": dtstart.isoformat(),
                "until": until.isoformat(),
                "timezone": offset,
                "wkst": "MO",
                "freq": "WEEKLY",
                "interval": 1,
                "byday": BYDAY[period.weekday],
                "opens_at": _time(period.opens, offset),
                "closes_at": _time(period.closes, offset),
                "x_period_id": period.pk,
            }
        )
    return schedules


def _single_day(
    offer: Offer,
    key: str,
    day: datetime.date,
    opens: datetime.time,
    closes: datetime.time,
    description: str,
    locations: dict,
    location_id: int | None = None,
    last_day: datetime.date | None = None,
) -> dict:
    offset = _offset_hours(day)
    return _compact(
        {
            "id": derived_id(offer.uuid, key),
            **_schedule_base(offer, location_id, locations),
            "valid_from": day.isoformat(),
            "valid_to": (last_day or day).isoformat(),
            "dtstart": day.isoformat(),
            "timezone": offset,
            "opens_at": _time(opens, offset),
            "closes_at": _time(closes, offset),
            "description": description,
        }
    )


def serialise_schedules(offer: Offer, today: datetime.date | None = None) -> list[dict]:
    """The offer's schedules: its weekly periods (split around closed dates and where
    the UTC offset changes), days with changed hours, coming one-off events and coming
    sessions (with their places).
    Expects ``opening_periods``, ``schedule_exceptions`` and ``locations`` loaded."""
    today = today or timezone.localdate()
    periods = offset_periods(today)
    window_start, window_end = periods[0][0], periods[-1][1]
    closed = closures(offer, window_start, window_end)
    locations = {location.pk: location for location in offer.locations.all()}
    schedules = []
    for period in offer.opening_periods.all():
        schedules.extend(weekly_schedules(offer, period, closed, today, locations))
    for exception in _exceptions(offer):
        if exception.closed or not (exception.opens and exception.closes):
            continue
        if not window_start <= exception.date <= window_end:
            continue
        schedules.append(
            _single_day(
                offer,
                f"exception:{exception.pk}",
                exception.date,
                exception.opens,
                exception.closes,
                exception.tr("note") or _("Endret åpningstid"),
                locations,
            )
        )
    for event in _upcoming_events(offer):
        starts, ends = event.starts_at.astimezone(OSLO), event.ends_at.astimezone(OSLO)
        schedules.append(
            _single_day(
                offer,
                f"event:{event.pk}",
                starts.date(),
                starts.time(),
                ends.time(),
                event.tr("title"),
                locations,
                location_id=event.location_id,
                last_day=ends.date(),
            )
        )
    # The coming sessions, with their free places (catalogue.participation.hsds).
    schedules.extend(session_schedules(offer, derived_id))
    return schedules


# --- Services ------------------------------------------------------------------------------


def service_at_location_id(offer: Offer, location: Location) -> str:
    return derived_id(offer.uuid, "location", location.uuid)


def serialise_service_at_location(offer: Offer, location: Location) -> dict:
    return {
        "id": service_at_location_id(offer, location),
        "service_id": str(offer.uuid),
        "location_id": str(location.uuid),
    }


def _fees(offer: Offer) -> str:
    texts: dict[str, str] = {
        Offer.Cost.FREE: "Gratis",
        Offer.Cost.EGENANDEL: "Egenandel fastsatt i vedtak",
    }
    fees = texts.get(offer.cost, "")
    if offer.price_text:
        fees = f"{fees} – {offer.price_text}" if fees else offer.price_text
    return fees


def serialise_service(offer: Offer, *, detail: bool = False) -> dict:
    """A service; expects ``unit`` and the prefetches of catalogue.api loaded."""
    today = timezone.localdate()
    periods = offset_periods(today)
    phones = []
    if offer.contact_phone:
        phones.append(
            {
                "id": derived_id(offer.uuid, "phone"),
                "service_id": str(offer.uuid),
                "number": offer.contact_phone,
            }
        )
    data = _compact(
        {
            "id": str(offer.uuid),
            "organization_id": str(offer.unit.uuid),
            "name": offer.title,
            "description": offer.description,
            "url": absolute(offer.get_absolute_url()),
            "email": offer.contact_email,
            "status": STATUS_ACTIVE,
            "application_process": offer.signup_text or offer.get_participation_display(),
            "fees_description": _fees(offer),
            "eligibility_description": offer.suits,
            "minimum_age": offer.age_min,
            "maximum_age": offer.age_max,
            "last_modified": offer.updated_at.isoformat(),
            "phones": phones,
            "languages": [
                _compact(
                    {
                        "id": derived_id(offer.uuid, "language", language.uuid),
                        "service_id": str(offer.uuid),
                        "name": language.tr("name"),
                        "code": iso_639(language),
                    }
                )
                for language in offer.languages.all()
            ],
            "service_at_locations": [
                serialise_service_at_location(offer, location) for location in offer.locations.all()
            ],
            "schedules": serialise_schedules(offer, today),
            "attributes": [
                _attribute(offer.uuid, "service", category) for category in offer.categories.all()
            ],
            "x_id": offer.pk,
            "x_slug": offer.slug,
            "x_summary": offer.summary,
            "x_participation": offer.participation,
            "x_cost": offer.cost,
            "x_transport_offered": offer.transport_offered,
            "x_meals_offered": offer.meals_offered,
            "x_counts_as_relief": offer.counts_as_relief,
            "x_capacity_per_day": offer.capacity_per_day,
            "x_places_available": offer.places_available,
            "x_volunteers_involved": offer.volunteers_involved,
            "x_closed_on_public_holidays": offer.closed_on_public_holidays,
            "x_closures": [
                {"date": closure.date.isoformat(), "note": closure.note}
                for closure in closures(offer, today, periods[-1][1]).values()
            ],
            "x_last_reviewed": offer.last_reviewed.isoformat() if offer.last_reviewed else None,
            "x_calendar_url": absolute(reverse("catalogue:offer_calendar", args=[offer.slug])),
            "x_translations": _translations(
                offer,
                name="title",
                description="description",
                x_summary="summary",
                eligibility_description="suits",
            ),
        }
    )
    if detail:
        data["organization"] = serialise_organization(offer.unit)
    return data
