import pytest

from catalogue.models import ServiceType
from portal.roles import Role
from referrals.demo import seed_service_types
from tests.catalogue.factories import OfferFactory
from tests.factories import make_user as _make_user

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def make_user(*roles, **kwargs):
    # tests.factories.make_user sets the password after saving and never saves it
    # again (skip_postgeneration_save), so a logged-in session would not survive the
    # next request; save once more here.
    user = _make_user(*roles, **kwargs)
    user.save()
    return user


@pytest.fixture
def service_types(db) -> dict[str, ServiceType]:
    return {service_type.slug: service_type for service_type in seed_service_types()}


@pytest.fixture
def day_activity(service_types) -> ServiceType:
    return service_types["dagaktivitet"]


@pytest.fixture
def dementia_day_activity(service_types) -> ServiceType:
    return service_types["dagaktivitet-demens"]


@pytest.fixture
def citizen(db):
    return make_user(Role.CITIZEN, email="kari@example.no", full_name="Kari Nordmann")


@pytest.fixture
def stranger(db):
    return make_user(Role.CITIZEN, email="stranger@example.no", full_name="Sigurd Fremmed")


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
