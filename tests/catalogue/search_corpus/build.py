"""Build the offers of ``offers.py`` in the test database with the catalogue factories:
published offers, each with its unit, one location (in a district) and its categories."""

from catalogue.models import Offer, Unit
from tests.catalogue.factories import (
    CategoryFactory,
    DistrictFactory,
    LocationFactory,
    OfferFactory,
    ServiceTypeFactory,
    UnitFactory,
)
from tests.catalogue.search_corpus import offers as corpus

PARTICIPATION = {
    corpus.OPEN: Offer.Participation.OPEN,
    corpus.SIGNUP: Offer.Participation.SIGNUP,
    corpus.APPLICATION: Offer.Participation.APPLICATION,
}
UNIT_KIND = {
    corpus.MUNICIPAL: Unit.Kind.MUNICIPAL,
    corpus.VOLUNTEER: Unit.Kind.VOLUNTEER,
    corpus.PRIVATE: Unit.Kind.PRIVATE,
}


def build_corpus() -> None:
    """Create every offer of the corpus, published."""
    districts = {
        spec.slug: DistrictFactory(slug=spec.slug, name=spec.name) for spec in corpus.DISTRICTS
    }
    categories = {
        spec.slug: CategoryFactory(
            slug=spec.slug, name=spec.name, name_nn=spec.name_nn, name_en=spec.name_en
        )
        for spec in corpus.CATEGORIES
    }
    service_types = {
        spec.slug: ServiceTypeFactory(slug=spec.slug, name=spec.name)
        for spec in corpus.SERVICE_TYPES
    }
    units = {
        spec.slug: UnitFactory(slug=spec.slug, name=spec.name, kind=UNIT_KIND[spec.kind])
        for spec in corpus.UNITS
    }
    locations = {
        spec.key: LocationFactory(
            name=spec.name,
            address=spec.address,
            postcode=spec.postcode,
            place=spec.place,
            district=districts[spec.district],
            unit=units[spec.unit],
        )
        for spec in corpus.LOCATIONS
    }
    for spec in corpus.OFFERS:
        OfferFactory(
            slug=spec.slug,
            title=spec.title,
            title_nn=spec.title_nn,
            title_en=spec.title_en,
            summary=spec.summary,
            summary_en=spec.summary_en,
            description=spec.description,
            suits=spec.suits,
            unit=units[spec.unit],
            locations=[locations[spec.location]],
            categories=[categories[slug] for slug in spec.categories],
            participation=PARTICIPATION[spec.participation],
            service_type=service_types[spec.service_type] if spec.service_type else None,
            cost=Offer.Cost.EGENANDEL
            if spec.participation == corpus.APPLICATION
            else Offer.Cost.FREE,
        )
