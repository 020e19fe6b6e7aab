"""Shared fixtures for the security tests: a small catalogue, built once per module that
asks for it. The access matrix's world (``matrix_world``, tests/security/matrix_world.py)
is in tests/conftest.py: tests/i18n uses it too."""

import pytest
from django.core.cache import cache
from django.db import transaction

from tests.catalogue.factories import (
    AccessibilityFeatureFactory,
    CategoryFactory,
    DistrictFactory,
    LanguageFactory,
    LocationFactory,
    OfferFactory,
    UnitFactory,
)
from tests.security.fuzzing import COUNT_TEST


def build_small_catalogue() -> dict:
    """Three published offers, one draft, the taxonomy the filters know about."""
    district = DistrictFactory(slug="sentrum", name="Sentrum")
    feature = AccessibilityFeatureFactory(slug="rullestol", name="Rullestol")
    social = CategoryFactory(slug="sosial", name="Sosial")
    physical = CategoryFactory(slug="fysisk", name="Fysisk")
    language = LanguageFactory(slug="en", name="Engelsk")
    unit = UnitFactory()
    location = LocationFactory(unit=unit, district=district)
    location.accessibility.set([feature])
    offers = [
        OfferFactory(
            slug="kaffetreff",
            title="Kaffetreff",
            unit=unit,
            locations=[location],
            categories=[social],
            languages=[language],
        ),
        OfferFactory(
            slug="turgruppe",
            title="Turgruppe",
            unit=unit,
            locations=[location],
            categories=[physical],
            transport_offered=True,
        ),
        OfferFactory(slug="strikkekafe", title="Strikkekafé", unit=unit, locations=[location]),
    ]
    draft = OfferFactory(slug="utkast", title="Utkast", unit=unit, draft=True)
    return {"offers": offers, "draft": draft, "unit": unit, "location": location}


@pytest.hookimpl(trylast=True)  # after any plugin that reorders tests
def pytest_collection_modifyitems(config, items):
    """The fuzz file's count runs after the file's other tests: moved to just after the
    last of them (xdist sends the file's tests to its one worker in this order)."""
    count = next((item for item in items if item.name == COUNT_TEST), None)
    if count is None:
        return
    items.remove(count)
    last = max(
        (index for index, item in enumerate(items) if item.path == count.path),
        default=len(items) - 1,
    )
    items.insert(last + 1, count)


@pytest.fixture(scope="module")
def small_catalogue(django_db_setup, django_db_blocker):
    """Built once per module inside an outer transaction that is rolled back at the end,
    so the per-test transactions (the ``db`` fixture) nest inside it as savepoints."""
    with django_db_blocker.unblock(), transaction.atomic():
        data = build_small_catalogue()
        yield data
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Public pages are cached (catalogue.views_public); every test starts clean."""
    cache.clear()
    yield
    cache.clear()
