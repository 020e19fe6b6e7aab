"""The offer page's schema.org description (JSON-LD), for search engines and the
municipality's main website: the offer as a ``GovernmentService`` (who provides it,
where, when, in which languages, what it costs), and each of its dated sessions (one-off
events) as an ``Event``.

It is a data block (``<script type="application/ld+json">``), which browsers never run,
so the Content-Security-Policy's ``script-src`` does not apply to it. Its text is
escaped like Django's ``json_script``: ``<``, ``>`` and ``&`` as ``\\u003C`` … so that no
value can end the element or start markup.
"""

import json

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from catalogue.hsds import OSLO, absolute, iso_639
from catalogue.models import Location, Offer, Unit

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _organization(unit: Unit) -> dict:
    data = {
        "@type": "GovernmentOrganization" if unit.kind == Unit.Kind.MUNICIPAL else "Organization",
        "name": unit.name,
    }
    for key, value in (("url", unit.website), ("email", unit.email), ("telephone", unit.phone)):
        if value:
            data[key] = value
    return data


def _place(location: Location) -> dict:
    data = {
        "@type": "Place",
        "name": location.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": location.address,
            "postalCode": location.postcode,
            "addressLocality": location.place,
            "addressCountry": "NO",
        },
    }
    if location.latitude is not None and location.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
    return data


def offer_graph(offer: Offer) -> dict:
    """The offer and its coming events; expects the offer page's prefetches
    (catalogue.selectors.prefetch_offer_page)."""
    url = absolute(offer.get_absolute_url())
    language = (get_language() or "nb")[:2]
    locations = list(offer.locations.all())
    service = {
        "@type": "GovernmentService",
        "@id": f"{url}#tilbud",
        "identifier": f"urn:uuid:{offer.uuid}",
        "name": offer.tr("title"),
        "description": offer.tr("summary"),
        "url": url,
        "inLanguage": language,
        "provider": _organization(offer.unit),
        "areaServed": {"@type": "AdministrativeArea", "name": settings.MUNICIPALITY_NAME},
        "audience": {"@type": "Audience", "audienceType": offer.tr("suits")},
        "serviceType": [category.tr("name") for category in offer.categories.all()],
        "availableLanguage": [
            {"@type": "Language", "name": language_.tr("name"), "alternateName": iso_639(language_)}
            if iso_639(language_)
            else {"@type": "Language", "name": language_.tr("name")}
            for language_ in offer.languages.all()
        ],
        "hoursAvailable": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{DAYS[period.weekday]}",
                "opens": f"{period.opens:%H:%M}",
                "closes": f"{period.closes:%H:%M}",
                **({"validFrom": period.valid_from.isoformat()} if period.valid_from else {}),
                **({"validThrough": period.valid_until.isoformat()} if period.valid_until else {}),
            }
            for period in offer.opening_periods.all()
        ],
        "availableChannel": {
            "@type": "ServiceChannel",
            "serviceUrl": url,
            **({"serviceLocation": [_place(place) for place in locations]} if locations else {}),
            **(
                {"servicePhone": {"@type": "ContactPoint", "telephone": offer.contact_phone}}
                if offer.contact_phone
                else {}
            ),
        },
    }
    if offer.cost == Offer.Cost.FREE:
        service["offers"] = {"@type": "Offer", "price": "0", "priceCurrency": "NOK"}
    graph = [service]
    for event in offer.upcoming_events:  # type: ignore[attr-defined]  # Prefetch(to_attr=...)
        place = event.location or (locations[0] if locations else None)
        data = {
            "@type": "Event",
            "name": f"{offer.tr('title')}: {event.tr('title')}",
            "startDate": event.starts_at.astimezone(OSLO).isoformat(),
            "endDate": event.ends_at.astimezone(OSLO).isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "organizer": _organization(offer.unit),
            "url": url,
            "isAccessibleForFree": offer.cost == Offer.Cost.FREE,
            "about": {"@id": service["@id"]},
        }
        if place is not None:
            data["location"] = _place(place)
        graph.append(data)
    return {"@context": "https://schema.org", "@graph": graph}


def script_text(data: dict) -> SafeString:
    """``data`` as JSON for inside a ``<script type="application/ld+json">`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(ESCAPES)
    return mark_safe(text)  # noqa: S308 - escaped above, as django.utils.html.json_script
