import pytest
from django.core.cache import cache

from catalogue.demo import seed_catalogue


@pytest.fixture(autouse=True)
def _empty_cache():
    """The public pages cache rendered HTML (catalogue.views_public); start each test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_catalogue(db):
    """The demo catalogue from catalogue.demo (about 28 published offers)."""
    seed_catalogue()
