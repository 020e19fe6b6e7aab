"""Offer slugs that would be hidden by the catalogue's own fixed addresses.

An offer's public page is /tilbud/<slug>/ and its editing page /tilbud/forvalt/<slug>/;
fixed pages such as /tilbud/finn/ or /tilbud/forvalt/ny/ are matched first, so an offer
whose slug is "finn" or "ny" could never be reached. The reserved words are read from
the URL patterns themselves, so a fixed page added later is reserved without a list to
keep up to date."""

from functools import cache

from django.utils.translation import gettext_lazy as _

OFFER_PREFIXES = (("tilbud",), ("tilbud", "forvalt"))

RESERVED_MESSAGE = _(
    "«%(slug)s» er en fast adresse i tilbudskatalogen. Velg en annen adresse for tilbudet."
)


def _fixed_segments(route: str) -> set[str]:
    parts = route.strip("^$").split("/")
    found = set()
    for prefix in OFFER_PREFIXES:
        size = len(prefix)
        if tuple(parts[:size]) == prefix and len(parts) > size:
            segment = parts[size]
            if segment and "<" not in segment and "(" not in segment:
                found.add(segment)
    return found


@cache
def reserved_offer_slugs() -> frozenset[str]:
    from catalogue.urls import urlpatterns  # the URLs import views, which import models

    reserved: set[str] = set()
    for pattern in urlpatterns:
        reserved |= _fixed_segments(str(pattern.pattern))
    return frozenset(reserved)


def is_reserved(slug: str) -> bool:
    return slug in reserved_offer_slugs()
