from types import SimpleNamespace

import pytest

from portal.roles import Role
from tests.catalogue.factories import DistrictFactory, OfferFactory, UnitFactory
from tests.referrals.casework.factories import make_case, make_caseworker, make_unit_leader
from tests.referrals.conftest import MODEL_BACKEND, make_user
from tests.referrals.helpers import upload


@pytest.fixture
def districts(db):
    return SimpleNamespace(
        north=DistrictFactory(name="Nord", slug="nord"),
        south=DistrictFactory(name="Sør", slug="sor"),
    )


@pytest.fixture
def units(db):
    return SimpleNamespace(sun=UnitFactory(name="Solsiden"), moon=UnitFactory(name="Månen"))


@pytest.fixture
def sun_offer(units, day_activity):
    return OfferFactory(
        title="Solsiden dagsenter",
        unit=units.sun,
        participation="application",
        service_type=day_activity,
        cost="egenandel",
        capacity_per_day=10,
    )


@pytest.fixture
def world(db, service_types, day_activity, districts, units, sun_offer, citizen, stranger):
    """Everyone the access rules are about, built once per test."""
    staff = SimpleNamespace(
        north=make_caseworker(
            service_type=day_activity,
            district=districts.north,
            email="nord@example.no",
            full_name="Nora Nord",
            phone="11 22 33 44",
        ),
        north_colleague=make_caseworker(
            service_type=day_activity,
            district=districts.north,
            email="kollega@example.no",
            full_name="Kåre Kollega",
        ),
        south=make_caseworker(
            service_type=day_activity,
            district=districts.south,
            email="sor@example.no",
            full_name="Sølvi Sør",
        ),
        everywhere_support=make_caseworker(
            service_type=service_types["stottekontakt"],
            email="stotte@example.no",
            full_name="Stine Støtte",
        ),
        leader=make_unit_leader(unit=units.sun, email="leder@example.no", full_name="Lars Leder"),
        other_leader=make_unit_leader(
            unit=units.moon, email="maane@example.no", full_name="Mona Måne"
        ),
        admin=make_user(Role.ADMINISTRATOR, email="admin@example.no", full_name="Ada Admin"),
    )
    case = make_case(
        applicant=citizen,
        service_type=day_activity,
        district=districts.north,
        offers=[sun_offer],
        person_name="Ola Nordmann",
    )
    from referrals.applications import services

    attachment = services.add_documents(
        application=case, user=citizen, files=[upload("legeerklaering.pdf")]
    )[0]
    return SimpleNamespace(
        staff=staff,
        case=case,
        attachment=attachment,
        citizen=citizen,
        stranger=stranger,
        offer=sun_offer,
    )


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user, backend=MODEL_BACKEND)
        return client

    return _login
