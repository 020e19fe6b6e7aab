"""Every URL in the project is classified as read-only, a form (GET shows, POST
changes), or POST-only; the classification is checked against the views' behaviour.

The URL list is generated from the URL configuration (django.urls.get_resolver, walked
recursively, admin/ and i18n/ left to Django), so a new view that nobody classified
fails ``test_every_url_is_classified`` with "classify this new view".

For every view that accepts POST, a POST without a CSRF token is refused with 403
(Client(enforce_csrf_checks=True)); every POST-only view answers GET with 405 and does
accept a POST (so the 405 is about the method, not a broken view).

The walk uses the root URLconf (portal.urls, settings.ROOT_URLCONF), which now includes
the citizen account URLs (portal.urls_accounts) too.
"""

import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from catalogue.models import ErrorReport
from portal.roles import Role
from referrals import services
from referrals.demo import seed_service_types
from tests.catalogue.factories import OfferFactory, UnitFactory
from tests.portal.caching import assert_private
from tests.referrals.conftest import MODEL_BACKEND, make_user
from tests.referrals.helpers import make_draft, make_submitted, upload

URLCONF = "portal.urls"
SKIPPED_PREFIXES = ("admin/", "i18n/")

# Views that only read. GET must work (no 405); a POST without a CSRF token is 403.
READ_ONLY = {
    "healthz",
    "portal:home",
    "portal:accessibility",
    "portal:privacy",
    "portal:password_reset_done",
    "portal:password_reset_complete",
    "portal:logout_idporten",  # after log-out: on to ID-porten's end_session_endpoint
    "accounts:register_done",
    "accounts:oidc_start",  # redirects to ID-porten; only a state value in the session
    "accounts:oidc_failed",  # the page that says why an ID-porten log-in failed
    "catalogue:staff_offers",
    "catalogue:staff_review",
    "catalogue:staff_reports",
    "catalogue:staff_offer_preview",
    "catalogue:guide",
    "catalogue:guide_results",
    "catalogue:guide_step",  # answers travel in the query string, nothing is stored
    "catalogue:catalogue_pdf",
    "catalogue:shortlist",
    "catalogue:shortlist_pdf",
    "catalogue:offer_pdf",
    "catalogue:report_error_thanks",
    "catalogue:offer_list",
    "catalogue:offer_detail",
    "catalogue:offer_calendar",
    "catalogue:offer_image",
    "referrals:draft_delete_confirm",  # the confirmation page; deleting is draft_delete
    "referrals:receipt",
    "referrals:my_applications",
    "referrals:application_detail",
    "referrals:receipt_pdf",
    "referrals:withdraw_confirm",  # the confirmation page; withdrawing is withdraw
    "referrals:end_representation_confirm",  # the confirmation; ending is end_representation
    "referrals:appeal",  # the appeal form page; sending is appeal_submit
    "referrals:attachment_download",
    "referrals:decision_letter",
    "referrals:decision_letter_english",  # the English courtesy copy, rendered on demand
    "referrals:preliminary_reply_letter",
    "referrals:personal_data_json",  # the citizen's own data (GDPR art. 15/20), a download
    "referrals:personal_data_pdf",
    "referrals:queue",
    "referrals:case",
    "referrals:case_letter",
    "referrals:case_letter_english",  # the English courtesy copy, rendered on demand
    "referrals:case_attachment",
    "referrals:case_preliminary_letter",
    "referrals:capacity",
    "referrals:statistics",
    "referrals:kpr_export",  # administrators only; a download is access-logged, not a change
    "referrals:case_appeal_file",  # the case documents PDF for Statsforvalteren
    "referrals:access_log",  # administrators only; reading is access-logged, not a change
}

# The open-data API (catalogue.api): read-only JSON for everyone, no session or cookie
# read. CSRF-exempt so that every method but GET, HEAD and OPTIONS gets the API's own
# JSON 405 (a POST with or without a token), never a change and never an HTML 403.
OPEN_DATA = {
    "catalogue:api_index",
    "catalogue:api_openapi",
    "catalogue:api_organizations",
    "catalogue:api_organization",
    "catalogue:api_services",
    "catalogue:api_service",
    "catalogue:api_locations",
    "catalogue:api_location",
    "catalogue:api_service_at_locations",
    "catalogue:api_service_at_location",
    "catalogue:api_schedules",
    "catalogue:api_taxonomies",
    "catalogue:api_taxonomy",
    "catalogue:api_taxonomy_terms",
    "catalogue:api_taxonomy_term",
    "catalogue:api_not_found",  # any other address under /api/: a JSON 404
}

# State-changing views that show a form on GET and change state on POST.
FORMS = {
    "portal:login",
    "portal:password_reset",  # sends an e-mail
    "portal:password_reset_confirm",
    "accounts:register",
    "accounts:verify",
    "accounts:email",  # an ID-porten account asks for a link to its new e-mail address
    "accounts:email_confirm",  # GET shows a button, POST saves the confirmed address
    "accounts:oidc_link",  # GET names the account, POST goes to ID-porten to add it
    "catalogue:staff_offer_create",
    "catalogue:staff_offer_edit",
    "catalogue:report_error",
    "referrals:apply_start",  # POST creates the draft
    "referrals:apply_step",  # POST saves the step (and uploads)
    "referrals:case_decide",  # GET shows the decision form, POST decides
    "referrals:case_correct_decision",  # GET shows the correction form, POST corrects
}

# State-changing views that accept POST only: GET must answer 405.
POST_ONLY = {
    "portal:logout",
    "catalogue:staff_report_handled",
    "catalogue:staff_offer_publish",
    "catalogue:staff_offer_archive",
    "catalogue:staff_offer_reviewed",
    "catalogue:shortlist_add",
    "catalogue:shortlist_remove",
    "referrals:apply_submit",
    "referrals:draft_delete",
    "referrals:draft_attachment_delete",
    "referrals:reply",
    "referrals:add_documents",
    "referrals:withdraw",
    "referrals:end_representation",
    "referrals:appeal_submit",
    "referrals:case_take",
    "referrals:case_assign",
    "referrals:case_close",
    "referrals:case_reopen",
    "referrals:case_note",
    "referrals:case_request_information",
    "referrals:case_preliminary_reply",  # sends the foreløpig svar (fvl. § 11a)
    "referrals:case_assessment",  # saves the caseworker's assessment (kartlegging)
    "referrals:case_paper_appeal",  # registers an appeal received on paper
    "referrals:case_forward_appeal",  # sends the appeal to Statsforvalteren
    "referrals:case_appeal_outcome",  # records Statsforvalteren's outcome
    "referrals:capacity_end_allocation",  # ends a place; proposes the next on the waiting list
    "referrals:capacity_priority",  # changes a waiting-list priority
    "referrals:case_approve_decision",  # four eyes: a second caseworker approves
    "referrals:case_consult",  # sends a consultation to another unit's leaders
    "referrals:case_consultation_answer",  # a unit leader answers a consultation
    "referrals:case_return_decision",  # four eyes: sent back to the drafter
}

# State changes on GET because a protocol demands it. Each with its protection.
GET_BY_PROTOCOL = {
    # OpenID Connect redirects the browser back with GET; the one-time `state` and
    # `nonce` values bound to the session stop cross-site log-in (mozilla-django-oidc).
    "accounts:oidc_callback",
    # OpenID Connect Front-Channel Logout: ID-porten frames it to end the session named
    # by `sid` (unguessable) and `iss` (must be ID-porten's); it can only log out.
    "accounts:oidc_frontchannel_logout",
}

# Server-to-server POSTs a protocol defines: no browser, so no CSRF token; a signed token
# is the proof instead. GET must answer 405, a POST without the token 400.
POST_BY_PROTOCOL = {
    # OpenID Connect Back-Channel Logout: ID-porten POSTs a `logout_token` signed with
    # its key (portal.idporten_sessions.verify_logout_token).
    "accounts:oidc_backchannel_logout",
}

# Read-only pages for a role other than client_for's: whom the method check is tried with.
READERS = {
    "referrals:capacity": Role.UNIT_LEADER,
    "referrals:kpr_export": Role.ADMINISTRATOR,
    "referrals:access_log": Role.ADMINISTRATOR,
}

CLASSIFIED = READ_ONLY | FORMS | POST_ONLY | GET_BY_PROTOCOL | POST_BY_PROTOCOL | OPEN_DATA


def walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    """(name, route, pattern) for every URL below ``resolver``, included ones too."""
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = ":".join(part for part in (namespace, inner) if part)
            yield from walk(pattern, route, full)
        elif isinstance(pattern, URLPattern):
            name = ":".join(part for part in (namespace, pattern.name or "") if part)
            yield name, route, pattern


def all_urls(urlconf=URLCONF) -> list[tuple[str, str, URLPattern]]:
    return list(walk(get_resolver(urlconf)))


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
        f"classify this new view in tests/security/test_methods_csrf.py "
        f"(READ_ONLY, FORMS, POST_ONLY, GET_BY_PROTOCOL, POST_BY_PROTOCOL or OPEN_DATA): {new}"
    )
    stale = sorted(CLASSIFIED - {name for name, _route, _pattern in found})
    assert not stale, f"these classified URLs no longer exist: {stale}"
    lists = [READ_ONLY, FORMS, POST_ONLY, GET_BY_PROTOCOL, POST_BY_PROTOCOL, OPEN_DATA]
    twice = [n for i, a in enumerate(lists) for b in lists[i + 1 :] for n in a & b]
    assert not twice, f"classified twice: {twice}"


# --- behaviour -----------------------------------------------------------------------


@pytest.fixture
def world(db):
    """An offer in a unit led by `leader`, a citizen's draft with an attachment, a
    submitted application and an error report: real values for every URL parameter."""
    service_types = {s.slug: s for s in seed_service_types()}
    unit = UnitFactory(slug="solsiden")
    leader = make_user(Role.UNIT_LEADER, email="leder@example.no", full_name="Lea Leder")
    leader.units.add(unit)
    offer = OfferFactory(slug="kaffetreff", unit=unit)
    citizen = make_user(Role.CITIZEN, email="kari@example.no", full_name="Kari Nordmann")
    caseworker = make_user(Role.CASEWORKER, email="sb@example.no", full_name="Siri Saksbehandler")
    draft = make_draft(applicant=citizen, service_type=service_types["dagaktivitet"])
    attachment = services.add_attachment(application=draft, uploaded=upload(), user=citizen)
    submitted = make_submitted(applicant=citizen, service_type=service_types["dagaktivitet"])
    report = ErrorReport.objects.create(offer=offer, message="Feil telefonnummer")
    return {
        "leader": leader,
        "citizen": citizen,
        "caseworker": caseworker,
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
            "pk": report.pk,
            "uidb64": "MQ",
            "token": "dummy-token",
        },
        "steps": {"catalogue:guide_step": "hva", "referrals:apply_step": "tjeneste"},
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
    if name.startswith("catalogue:staff"):
        user = world["leader"]
    elif name.startswith(
        ("referrals:case", "referrals:queue", "referrals:capacity", "referrals:statistics")
    ):
        user = world["caseworker"]
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
