"""Catalogue factories shared by the catalogue tests (public pages, guide, PDFs, staff).

``OfferFactory()`` builds a *published* offer with one location and one opening
period (Tuesday 10:00–14:00), so a plain call gives something a citizen can see.
"""

import datetime

import factory
from django.utils import timezone

from catalogue.models import (
    AccessibilityFeature,
    Category,
    District,
    Event,
    Language,
    Location,
    Offer,
    OpeningPeriod,
    ScheduleException,
    ServiceType,
    Unit,
    Weekday,
)
from catalogue.search import index as search_index
from catalogue.search_stats import SearchStat


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Bydel {n}")
    slug = factory.Sequence(lambda n: f"bydel-{n}")


class AccessibilityFeatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessibilityFeature
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tilrettelegging {n}")
    slug = factory.Sequence(lambda n: f"tilrettelegging-{n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Språk {n}")
    slug = factory.Sequence(lambda n: f"s{n}")


class ServiceTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceType
        django_get_or_create = ("slug",)

    slug = "dagaktivitet"
    name = "Dagaktivitetstilbud"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Enhet {n}")
    slug = factory.Sequence(lambda n: f"enhet-{n}")
    kind = Unit.Kind.MUNICIPAL
    email = factory.Sequence(lambda n: f"enhet{n}@eksempel.kommune.no")
    phone = "+4722345678"


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Huset {n}")
    unit = factory.SubFactory(UnitFactory)
    address = factory.Sequence(lambda n: f"Storgata {n + 1}")
    postcode = "1234"
    place = "Eksempelby"
    district = factory.SubFactory(DistrictFactory)

    @factory.post_generation
    def accessibility(self, create, extracted, **kwargs):
        if create and extracted:
            self.accessibility.set(extracted)


class OfferFactory(factory.django.DjangoModelFactory):
    """A published, free, open offer with one location and a Tuesday opening period.

    Pass ``locations=[...]``, ``categories=[...]``, ``languages=[...]`` to set the
    many-to-many fields, ``opening_periods=False`` to skip the default period.
    """

    class Meta:
        model = Offer
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    slug = factory.Sequence(lambda n: f"aktivitet-{n}")
    summary = "Et tilbud for deg som ønsker selskap på dagtid."
    description = "Vi møtes, prater og gjør noe sammen."
    suits = "For deg som ønsker selskap på dagtid."
    unit = factory.SubFactory(UnitFactory)
    participation = Offer.Participation.OPEN
    cost = Offer.Cost.FREE
    status = Offer.Status.PUBLISHED
    contact_name = "Kari Nordmann"
    contact_phone = "+4798765432"
    contact_email = factory.Sequence(lambda n: f"kontakt{n}@eksempel.kommune.no")
    last_reviewed = factory.LazyFunction(timezone.localdate)
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=Offer.Status.DRAFT, published_at=None)
        archived = factory.Trait(status=Offer.Status.ARCHIVED)
        by_application = factory.Trait(
            participation=Offer.Participation.APPLICATION,
            service_type=factory.SubFactory(ServiceTypeFactory),
            cost=Offer.Cost.EGENANDEL,
        )

    @classmethod
    def _generate(cls, strategy, params):
        # The offer, its locations and its categories are indexed for search once, as
        # catalogue.services.create_offer does, not at each of them.
        if strategy != factory.enums.CREATE_STRATEGY:
            return super()._generate(strategy, params)
        with search_index.batched():
            return super()._generate(strategy, params)

    @classmethod
    def create_batch(cls, size, **kwargs):
        with search_index.batched():
            return super().create_batch(size, **kwargs)

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [LocationFactory(unit=self.unit)]
        self.locations.set(extracted)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)

    @factory.post_generation
    def opening_periods(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        if extracted is None:
            OpeningPeriodFactory(offer=self, location=self.locations.first())


class OpeningPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningPeriod

    offer = factory.SubFactory(OfferFactory, opening_periods=False)
    weekday = Weekday.TUESDAY
    opens = datetime.time(10, 0)
    closes = datetime.time(14, 0)


class ScheduleExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScheduleException

    offer = factory.SubFactory(OfferFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    closed = True
    note = "Stengt"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    offer = factory.SubFactory(OfferFactory)
    title = "Tur til Tusenfryd"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    ends_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10, hours=3))


class SearchStatFactory(factory.django.DjangoModelFactory):
    """One day's counts for one search text (catalogue.search_stats); today by default."""

    class Meta:
        model = SearchStat

    day = factory.LazyFunction(timezone.localdate)
    query = factory.Sequence(lambda n: f"søk {n}")
    searches = 1
    no_results = 0
    clicks = 0


# --- participation (catalogue.participation) --------------------------------------------


class SessionFactory(factory.django.DjangoModelFactory):
    """A session of a published offer taking sign-ups, a week from now, 10 places."""

    class Meta:
        model = "catalogue.Session"

    offer = factory.SubFactory(OfferFactory, participation=Offer.Participation.SIGNUP)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=7)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    places = 10
    cancel_deadline_hours = 24
    offers_transport = True
    offers_meal = True


class SignUpFactory(factory.django.DjangoModelFactory):
    """A confirmed sign-up (pass ``status`` for another); the places are not checked."""

    class Meta:
        model = "catalogue.SignUp"

    session = factory.SubFactory(SessionFactory)
    status = "confirmed"
    name = factory.Sequence(lambda n: f"Deltaker {n}")
    phone = "+4791234567"
    email = factory.Sequence(lambda n: f"deltaker{n}@eksempel.no")
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
