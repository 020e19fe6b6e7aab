"""Every URL in the project is classified as read-only, a form (GET shows, POST
changes), or POST-only; the classification is checked against the views' behaviour.

The URL list is generated from the URL configuration (django.urls.get_resolver, walked
recursively, admin/ and i18n/ left to Django), so a new view that nobody classified
fails ``test_every_url_is_classified`` with "classify this new view".

For every view that accepts POST, a POST without a CSRF token is refused with 403
(Client(enforce_csrf_checks=True)); every POST-only view answers GET with 405 and does
accept a POST (so the 405 is about the method, not a broken view).

The walk uses the root URLconf (portal.urls, settings.ROOT_URLCONF), which now includes
the citizen account URLs (portal.urls_accounts) too. The walk and the classification are
in tests/urls_walk.py (tests/security/test_access_matrix.py and tests/i18n use them too).
"""

import uuid

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, reverse

from catalogue.models import ErrorReport
from portal.roles import Role
from referrals.applications import services
from referrals.demo import seed_service_types
from tests.catalogue.factories import OfferFactory, UnitFactory
from tests.portal.caching import assert_private
from tests.referrals.helpers import MODEL_BACKEND, make_draft, make_submitted, make_user, upload
from tests.urls_walk import (
    CLASSIFIED,
    FORMS,
    GET_BY_PROTOCOL,
    OPEN_DATA,
    POST_BY_PROTOCOL,
    POST_ONLY,
    READ_ONLY,
    URLCONF,
    all_urls,
)

# Read-only pages for a role other than client_for's: whom the method check is tried with.
READERS = {
    "referrals:capacity": Role.UNIT_LEADER,
    "referrals:kpr_export": Role.ADMINISTRATOR,
    "referrals:access_log": Role.ADMINISTRATOR,
    "referrals:roles": Role.ADMINISTRATOR,
}


def test_the_walk_finds_the_whole_project():
    names = {name for name, _route, _pattern in all_urls()}
    root_names = {name for name, _route, _pattern in all_urls(None)}
    assert root_names <= names  # the root URLconf is part of what is checked
    assert {"catalogue:offer_list", "referrals:apply_step", "portal:login"} <= names
    assert not any(name.startswith("admin:") for name in names)
    assert len(names) >= 60


def test_every_url_is_classified():
    found = all_urls()
    unnamed = [route for name, route, _pattern in found if not name or name.endswith(":")]
    assert not unnamed, f"give these URLs a name: {unnamed}"
    new = sorted({name for name, _route, _pattern in found} - CLASSIFIED)
    assert not new, (
        f"classify this new view in tests/urls_walk.py "
        f"(READ_ONLY, FORMS, POST_ONLY, GET_BY_PROTOCOL, POST_BY_PROTOCOL or OPEN_DATA): {new}"
    )
    stale = sorted(CLASSIFIED - {name for name, _route, _pattern in found})
    assert not stale, f"these classified URLs no longer exist: {stale}"
    lists = [READ_ONLY, FORMS, POST_ONLY, GET_BY_PROTOCOL, POST_BY_PROTOCOL, OPEN_DATA]
    twice = [n for i, a in enumerate(lists) for b in lists[i + 1 :] for n in a & b]
    assert not twice, f"classified twice: {twice}"


# --- behaviour -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for the module (some 460 tests) inside an outer transaction
    that is rolled back at the end; each test's own transaction (``db``) nests in it as a
    savepoint, so what a test changes is gone before the next."""
    media = tmp_path_factory.mktemp("csrf-media")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": None},
        },
    }
    with (
        override_settings(MEDIA_ROOT=media, STORAGES=storages),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(db, shared_world):
    return shared_world


def build_world():
    """An offer in a unit led by `leader`, a citizen's draft with an attachment, a
    submitted application and an error report: real values for every URL parameter."""
    service_types = {s.slug: s for s in seed_service_types()}
    unit = UnitFactory(slug="solsiden")
    leader = make_user(Role.UNIT_LEADER, email="leder@example.no", full_name="Lea Leder")
    leader.units.add(unit)
    offer = OfferFactory(slug="kaffetreff", unit=unit)
    citizen = make_user(Role.CITIZEN, email="kari@example.no", full_name="Kari Nordmann")
    # Also the approver (four eyes), so the approval views answer on their methods.
    caseworker = make_user(
        Role.CASEWORKER, Role.APPROVER, email="sb@example.no", full_name="Siri Saksbehandler"
    )
    admin = make_user(Role.ADMINISTRATOR, email="admin@example.no", full_name="Ada Admin")
    draft = make_draft(applicant=citizen, service_type=service_types["dagaktivitet"])
    attachment = services.add_attachment(application=draft, uploaded=upload(), user=citizen)
    submitted = make_submitted(applicant=citizen, service_type=service_types["dagaktivitet"])
    report = ErrorReport.objects.create(offer=offer, message="Feil telefonnummer")
    return {
        "leader": leader,
        "citizen": citizen,
        "caseworker": caseworker,
        "admin": admin,
        "kwargs": {
            "slug": offer.slug,
            "key": draft.public_id,
            "attachment": attachment.public_id,
            "reference": submitted.reference,
            "decision": 1,  # no decision yet: 404 is fine
            "reply": 1,  # no preliminary reply yet: 404 is fine
            "forwarding": 1,  # no forwarded appeal yet: 404 is fine
            "proposal": 1,  # no decision awaiting approval: 404 is fine
            "consultation": 1,  # no consultation yet: 404 is fine
            "batch": 1,  # no print batch yet: 404 is fine
            "signup": 1,  # no sign-up: 404 is fine
            "kind": "transport",  # the day's transport list
            "pk": report.pk,
            "uidb64": "MQ",
            "token": "dummy-token",
        },
        "steps": {
            "catalogue:guide_step": "hva",
            "referrals:apply_step": "tjeneste",
            "referrals:caregiver_step": "omsorg",
        },
        "unit_uuid": unit.uuid,
        "offer_uuid": offer.uuid,
    }


def url_for(name: str, pattern: URLPattern, world) -> str:
    kwargs = {}
    # path() patterns name their parameters by converter; re_path() ones by group.
    for param in pattern.pattern.converters or pattern.pattern.regex.groupindex:
        if param == "step":
            kwargs[param] = world["steps"][name]
        elif param == "pk" and name.startswith("catalogue:api_"):
            kwargs[param] = world["unit_uuid"] if "organization" in name else world["offer_uuid"]
        else:
            kwargs[param] = world["kwargs"][param]
    return reverse(name, kwargs=kwargs, urlconf=URLCONF)


def logs_in(name: str) -> bool:
    """Whether ``client_for`` logs in for ``name`` (not for the log-in and account pages,
    which are for visitors who are not logged in)."""
    return not name.startswith(("portal:login", "portal:password_reset", "accounts:"))


def client_for(name: str, world, *, enforce_csrf_checks: bool) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    if name.startswith(
        (
            "catalogue:staff",
            "referrals:volunteer_onboarding",
            "referrals:volunteer_tick",
            "referrals:volunteer_police_check",
            "referrals:matching_requests",
            "referrals:matching_request",
            "referrals:matching_propose",
            "referrals:matching_end",
            "referrals:matching_new",
            "referrals:matching_describe",
            "referrals:matching_person_answer",
            "referrals:matching_statistics",
            "referrals:matching_hours_csv",
        )
    ):
        # The volunteers' onboarding and matching pages: the unit's coordinators.
        user = world["leader"]
    elif name.startswith(
        (
            "referrals:case",
            "referrals:queue",
            "referrals:capacity",
            "referrals:statistics",
            "referrals:print",
        )
    ):
        user = world["caseworker"]
    elif name.startswith("referrals:roles"):
        user = world["admin"]  # the role pages answer everyone else 403
    else:
        user = world["citizen"]
    if logs_in(name):
        client.force_login(user, backend=MODEL_BACKEND)
    return client


URLS = all_urls()


@pytest.mark.urls(URLCONF)
@pytest.mark.parametrize(
    ("name", "pattern"),
    [(name, pattern) for name, _route, pattern in URLS if name in POST_ONLY | FORMS | READ_ONLY],
    ids=[name for name, _route, _pattern in URLS if name in POST_ONLY | FORMS | READ_ONLY],
)
def test_a_post_without_a_csrf_token_is_refused(name, pattern, world):
    url = url_for(name, pattern, world)
    response = client_for(name, world, enforce_csrf_checks=True).post(url, {"x": "1"})
    assert response.status_code == 403, (url, response.status_code)
    if logs_in(name):
        assert_private(response, url)


@pytest.mark.urls(URLCONF)
@pytest.mark.parametrize(
    ("name", "pattern"),
    [(name, pattern) for name, _route, pattern in URLS if name in POST_ONLY],
    ids=[name for name, _route, _pattern in URLS if name in POST_ONLY],
)
def test_a_post_only_view_rejects_get_and_accepts_post(name, pattern, world):
    url = url_for(name, pattern, world)
    refused = client_for(name, world, enforce_csrf_checks=False).get(url)
    assert refused.status_code == 405, url
    response = client_for(name, world, enforce_csrf_checks=False).post(url, {})
    assert response.status_code not in (403, 405), (url, response.status_code)
    assert response.status_code < 500
    if logs_in(name):  # every answer to a logged-in user, the 405 too
        assert_private(refused, url)
        assert_private(response, url)


@pytest.mark.urls(URLCONF)
@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        (name, pattern)
        for name, _route, pattern in URLS
        if name in READ_ONLY | FORMS | GET_BY_PROTOCOL
    ],
    ids=[name for name, _route, _pattern in URLS if name in READ_ONLY | FORMS | GET_BY_PROTOCOL],
)
def test_a_get_view_answers_get(name, pattern, world):
    url = url_for(name, pattern, world)
    response = client_for(name, world, enforce_csrf_checks=False).get(url)
    assert response.status_code != 405, url
    assert response.status_code < 500, (url, response.status_code)
    if logs_in(name):
        assert_private(response, url)


@pytest.mark.urls(URLCONF)
@pytest.mark.parametrize(
    ("name", "pattern"),
    [(name, pattern) for name, _route, pattern in URLS if name in READ_ONLY | GET_BY_PROTOCOL],
    ids=[name for name, _route, _pattern in URLS if name in READ_ONLY | GET_BY_PROTOCOL],
)
def test_a_read_only_view_rejects_post(name, pattern, world, settings):
    """With the CSRF check off, a view that only reads answers a POST with 405 (as
    ``require_safe`` does), before it looks at the object: a POST to a confirmation page
    is never taken for the change it confirms. The client is someone the view lets in."""
    settings.IDPORTEN_ENABLED = True
    url = url_for(name, pattern, world)
    client = client_for(name, world, enforce_csrf_checks=False)
    if name in READERS:
        client.force_login(
            make_user(READERS[name], email="leser@example.no"), backend=MODEL_BACKEND
        )
    response = client.post(url, {"x": "1"})
    assert response.status_code == 405, (url, response.status_code)
    if logs_in(name):
        assert_private(response, url)


@pytest.mark.urls(URLCONF)
@pytest.mark.parametrize(
    ("name", "pattern"),
    [(name, pattern) for name, _route, pattern in URLS if name in FORMS],
    ids=[name for name, _route, _pattern in URLS if name in FORMS],
)
def test_a_form_view_accepts_post(name, pattern, world):
    """With the CSRF check off, a form view takes a POST (it is really a form)."""
    url = url_for(name, pattern, world)
    response = client_for(name, world, enforce_csrf_checks=False).post(url, {})
    assert response.status_code != 405, url
    assert response.status_code < 500, (url, response.status_code)
    if logs_in(name):
        assert_private(response, url)


@pytest.mark.urls(URLCONF)
@pytest.mark.parametrize(
    ("name", "pattern"),
    [(name, pattern) for name, _route, pattern in URLS if name in POST_BY_PROTOCOL],
    ids=[name for name, _route, _pattern in URLS if name in POST_BY_PROTOCOL],
)
def test_a_post_by_protocol_view_needs_its_token_instead_of_csrf(name, pattern, world, settings):
    settings.IDPORTEN_ENABLED = True
    url = url_for(name, pattern, world)
    client = Client(enforce_csrf_checks=True)
    assert client.get(url).status_code == 405, url
    assert client.post(url, {"x": "1"}).status_code == 400, url


OPEN_DATA_URLS = [(name, pattern) for name, _route, pattern in URLS if name in OPEN_DATA]


@pytest.mark.urls(URLCONF)
@pytest.mark.parametrize(
    ("name", "pattern"), OPEN_DATA_URLS, ids=[name for name, _pattern in OPEN_DATA_URLS]
)
def test_the_open_data_answers_get_and_refuses_every_change_with_json(name, pattern, world):
    url = "/api/v0/x" if name == "catalogue:api_not_found" else url_for(name, pattern, world)
    reader = Client(enforce_csrf_checks=True)
    answer = reader.get(url)
    assert answer.status_code in ((404,) if name.endswith("not_found") else (200, 404)), url
    assert answer["Content-Type"] == "application/json"
    for method in ("post", "put", "patch", "delete"):
        response = getattr(reader, method)(url, {"x": "1"})
        assert response.status_code == 405, (url, method, response.status_code)
        assert response["Content-Type"] == "application/json"


def test_a_dummy_uuid_is_a_clean_404_for_a_draft(db, world):
    client = client_for("referrals:apply_step", world, enforce_csrf_checks=False)
    url = reverse("referrals:apply_step", kwargs={"key": uuid.uuid4(), "step": "tjeneste"})
    assert client.get(url).status_code == 404
