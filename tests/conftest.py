"""Hooks for the whole suite, and the fixtures that tests in more than one directory
use. A fixture used in one directory only lives in that directory's conftest.py;
fixtures are never imported from another file (tests/test_test_layout.py)."""

from types import SimpleNamespace
from unittest.mock import patch

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation
from xdist.scheduler import LoadGroupScheduling

from catalogue.models import ServiceType
from portal.roles import Role
from referrals.applications import services
from referrals.demo import seed_service_types
from tests.catalogue.factories import DistrictFactory, OfferFactory, UnitFactory
from tests.idporten_stub import use_stub_idporten
from tests.referrals.casework.factories import make_case, make_caseworker, make_unit_leader
from tests.referrals.helpers import MODEL_BACKEND, make_user, pdf_bytes, upload
from tests.security.matrix_world import ROLES, build_world
from tests.support import fast_flush

# Test files whose tests must run in one process, in file order. Under `pytest -n`
# (with --dist loadgroup, pyproject.toml's addopts) each is one unit of work for one
# worker; every other test is distributed on its own, as with --dist load.
ONE_PROCESS_FILES = (
    "tests/security/test_fuzz.py",  # its last test counts the inputs this process sent
)


class FileGroupScheduling(LoadGroupScheduling):
    """xdist's loadgroup, with each of ONE_PROCESS_FILES as a group. xdist's own
    ``xdist_group`` mark does not group with pytest 9.2: it renames the node ids through
    an attribute pytest no longer reads, and the tests are silently spread over the
    workers (pytest-dev/pytest-xdist#1386). The groups are named here by file instead."""

    def _split_scope(self, nodeid: str) -> str:
        path = nodeid.split("::", 1)[0]
        return path if path in ONE_PROCESS_FILES else super()._split_scope(nodeid)


def pytest_terminal_summary(terminalreporter):
    """What tests recorded with ``record_property("run_summary", line)`` (the fuzzing
    count of tests/security/test_fuzz.py), printed after the run from any worker: here,
    because under xdist this is the only conftest the controlling process loads."""
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            if report.when != "call":
                continue
            for name, value in report.user_properties:
                if name == "run_summary":
                    terminalreporter.write_line(f"{value} [{outcome}]")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") == "loadgroup":
        return FileGroupScheduling(config, log)
    return None


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` run only when the suite runs against PostgreSQL."""
    if settings.USING_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _fast_flush():
    """After a committing test, the empty database is restored from a copy
    (tests/support/fast_flush.py) instead of rebuilt by ``post_migrate``."""
    uninstall = fast_flush.install()
    yield
    uninstall()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language. A request through the test client
    activates the page's language in this thread and leaves it active, so a test after a
    nynorsk page would otherwise read nynorsk texts, depending on the order tests run in."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads and letters go to a per-test folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media", "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cached public pages from one test must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    """Text messages (portal.sms.LocmemBackend) from one test must not leak into the next."""
    from portal import sms

    sms.outbox.clear()
    yield
    sms.outbox.clear()


# --- people, service types and a case (tests/referrals, tests/multi_machine) ----------


@pytest.fixture
def service_types(db) -> dict[str, ServiceType]:
    return {service_type.slug: service_type for service_type in seed_service_types()}


@pytest.fixture
def day_activity(service_types) -> ServiceType:
    return service_types["dagaktivitet"]


@pytest.fixture
def citizen(db):
    return make_user(Role.CITIZEN, email="kari@example.no", full_name="Kari Nordmann")


@pytest.fixture
def stranger(db):
    return make_user(Role.CITIZEN, email="stranger@example.no", full_name="Sigurd Fremmed")


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
    """Everyone the casework access rules are about, built once per test."""
    staff = SimpleNamespace(
        north=make_caseworker(
            service_type=day_activity,
            district=districts.north,
            email="nord@example.no",
            full_name="Nora Nord",
            phone="22 33 44 55",
        ),
        north_colleague=make_caseworker(
            service_type=day_activity,
            district=districts.north,
            email="kollega@example.no",
            full_name="Kåre Kollega",
            approver=True,  # four eyes: approves what the others draft
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


# --- the access matrix's world (tests/security, tests/i18n) ---------------------------


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """tests/security/matrix_world.py's world: every page of the portal has real objects
    to show. Built once per module inside an outer transaction that is rolled back at
    the end; each test's own transaction (the ``db`` fixture) nests in it as a
    savepoint. Files go to one folder for the whole module, so the letters stay
    readable."""
    media = tmp_path_factory.mktemp("matrix-media")
    pdf = pdf_bytes()
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": None},
        },
    }
    # Letters, receipts and case files are rendered by a stub returning a real, tiny PDF:
    # the matrix is about who gets them (WeasyPrint is tested with the letters).
    with (
        override_settings(MEDIA_ROOT=media, STORAGES=storages),
        patch("referrals.letters.rendering.render_pdf", return_value=pdf),
        patch("referrals.applications.pdf.render_pdf", return_value=pdf),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        built = build_world()
        # One session per role, made once: each test's client only carries the cookie.
        for role in ROLES[1:]:
            client = Client()
            client.force_login(built.users[role], backend=MODEL_BACKEND)
            built.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield built
        transaction.set_rollback(True)


# --- ID-porten (tests/referrals, tests/portal) -----------------------------------------


@pytest.fixture
def idporten(settings):
    """ID-porten switched on against tests/idporten_stub.py's stubbed provider. Modules
    that need it for every test say ``pytest.mark.usefixtures("idporten")``."""
    use_stub_idporten(settings)
