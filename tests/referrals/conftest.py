"""Fixtures for the referrals tests. Those that tests in other directories use too
(service_types, day_activity, citizen, stranger, the casework ``world``, ``login``) are
in tests/conftest.py."""

import pytest

from catalogue.models import ServiceType
from portal.roles import Role
from tests.catalogue.factories import OfferFactory
from tests.referrals.helpers import MODEL_BACKEND, make_user


@pytest.fixture
def dementia_day_activity(service_types) -> ServiceType:
    return service_types["dagaktivitet-demens"]


@pytest.fixture
def caseworker(db):
    return make_user(
        Role.CASEWORKER, email="saksbehandler@example.no", full_name="Siri Saksbehandler"
    )


@pytest.fixture
def citizen_client(client, citizen):
    client.force_login(citizen, backend=MODEL_BACKEND)
    return client


@pytest.fixture
def stranger_client(client, stranger):
    client.force_login(stranger, backend=MODEL_BACKEND)
    return client


@pytest.fixture
def day_centre_offer(day_activity):
    return OfferFactory(
        title="Solsiden dagsenter",
        slug="solsiden-dagsenter",
        participation="application",
        service_type=day_activity,
        cost="egenandel",
    )
