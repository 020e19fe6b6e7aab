"""The permission matrix: every role against every URL that addresses an object.

The list of URLs is generated from the URL configuration (the walk of
tests/urls_walk.py). Every URL that takes an id, a uuid or a case reference, and every
catalogue staff page that takes an offer, must have a row in ``MATRIX``
(tests/security/access_matrix.py) saying how to build its arguments for the world's
objects and who may use it; a new view without a row fails ``test_every_url_with_an_id_is_in_the_matrix`` with
"add this URL to the access matrix".

The world (tests/security/matrix_world.py) is one person's case that has been through
every stage, built once per module. Each test runs in its own transaction inside it,
so a change made by an allowed POST is rolled back before the next test.

Who may do what (✓ allowed → 200 or 302; a POST whose form has errors is re-shown
with 422, which is allowed too: the access was granted and logged):

=========================  =====  =====  ======  =====  =======  ====  =====  ====  =======  =====  =====
                           owner  rel.   rel.    rel.   case-    cw.   lead.  lead. lead.    lead.  admin
                           (A)    with   without access worker   else- alloc. wait. consul-  unre-
                                  copies copies  ended           where               ted      lated
=========================  =====  =====  ======  =====  =======  ====  =====  ====  =======  =====  =====
citizen: case page,        ✓      ✓      ✓       ✓      –        –     –      –     –        –      –
  receipt (what was sent)
citizen: changes (reply,   ✓      ✓      ✓       –      –        –     –      –     –        –      –
  documents, withdraw,
  appeal)
citizen: A's attachment    ✓      ✓      –       –      –        –     –      –     –        –      –
  (messages and documents
  of others likewise)
citizen: letters (decision ✓      ✓      –       –      –        –     –      –     –        –      –
  + English, prelim. reply)
citizen: end a relative's  ✓      –      –       –      –        –     –      –     –        –      –
  access (confirm, end)
citizen: A's draft         ✓      –      –       –      –        –     –      –     –        –      –
staff: case summary        –      –      –       –      ✓        –     ✓      ✓     ✓        –      –
staff: decision form,      –      –      –       –      ✓        –     –      –     –        –      –
  changes, attachment,
  letters, case file,
  four-eyes approval
staff: answer consultation –      –      –       –      –        –     –      –     ✓        –      –
catalogue staff: another   –      –      –       –      403      403   –      –     –        ✓      ✓
  unit's offer / report
access log page            –      –      –       –      –        –     –      –     –        –      ✓
public API (pk)            ✓      ✓      ✓       ✓      ✓        ✓     ✓      ✓     ✓        ✓      ✓
=========================  =====  =====  ======  =====  =======  ====  =====  ====  =======  =====  =====

Who sees which item of the case on the citizen side is one rule,
``referrals.cases.representation.may_see``; the relative whose access A ended keeps only what
they themselves sent before the end (here: the application, so the case page and the
receipt answer, with nothing of A's on them).

A, though logged in with ID-porten, sees nothing of the case: the relative only typed
A's number, and a number nobody verified never joins a case to an account (issue 11,
finding 6; only a self-application made after an ID-porten log-in is verified).

Citizen B (stranger) may do nothing but the public API, and, as the helper proposed
for the moon unit's help request, answer that proposal on the helper's pages
(referrals.matching). The relative with copies also asked for a volunteer for A
(/frivillig/be-om-hjelp/): only they see that request, withdraw it, answer for A and
answer A's check-ins. Not allowed is a 404, never a hint that the object exists,
except:

- anonymous on a page that needs a log-in: a redirect to the log-in page (the access
  log page answers anonymous with a 404 too);
- catalogue staff pages for users without any catalogue permission (citizens,
  caseworkers): 403, decided before the offer is looked up, so it says nothing about
  the offer (the same 403 for an offer that does not exist; checked below).

Every answer to a logged-in role, allowed or refused, says ``Cache-Control: private,
no-store`` (portal.middleware.PrivatePagesMiddleware).

Every staff refusal writes an ``AccessLogEntry`` with ``allowed=False`` for the user
(``referrals.cases.access.refuse``); every staff access allowed on a case writes one with
``allowed=True``.
"""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from referrals.cases.converters import ReferenceConverter
from referrals.cases.models import AccessLogEntry, Application
from tests.portal.caching import assert_private
from tests.portal.html import parse
from tests.security.access_matrix import (
    ADMIN,
    CASE,
    CATALOGUE_STAFF,
    CITIZEN,
    MATRIX,
    NO_CATALOGUE_PERMISSION,
    Row,
)
from tests.security.matrix_world import ROLES, MatrixWorld, client_for
from tests.urls_walk import URLCONF, all_urls

# URLs whose parameters address an object: ids, uuids, case references, and the
# catalogue staff pages' offer slugs.
ID_CONVERTERS = ("IntConverter", "UUIDConverter", ReferenceConverter.__name__)


def _addresses_an_object(name: str, pattern: URLPattern) -> bool:
    converters = pattern.pattern.converters
    if any(type(c).__name__ in ID_CONVERTERS for c in converters.values()):
        return True
    return name.startswith("catalogue:staff_") and bool(converters)


def test_every_url_with_an_id_is_in_the_matrix():
    found = {name for name, _route, pattern in all_urls() if _addresses_an_object(name, pattern)}
    missing = sorted(found - set(MATRIX))
    assert not missing, (
        f"add this URL to the access matrix in tests/security/access_matrix.py "
        f"(how to build its arguments, and who may use it): {missing}"
    )
    names = {name for name, _route, _pattern in all_urls()}
    stale = sorted(set(MATRIX) - names)
    assert not stale, f"these URLs in the access matrix no longer exist: {stale}"


# --- the world, once per module (the ``matrix_world`` fixture in tests/conftest.py) ---


@pytest.fixture(autouse=True)
def _media_root():
    """Replaces tests/conftest.py's per-test folder: the module's world keeps its files
    in the folder set by the ``matrix_world`` fixture."""


def _client(matrix_world: MatrixWorld, role: str) -> Client:
    return client_for(matrix_world, role)


def _arrange(matrix_world: MatrixWorld, role: str) -> None:
    """The relative without the right to copies, and the one whose access A ended: the
    same case, filed by them instead (changed inside the test's transaction, rolled back
    after it)."""
    if role == "relative_no_copies":
        Application.objects.filter(pk=matrix_world.case.pk).update(
            applicant=matrix_world.users["relative_no_copies"], applicant_may_receive_copies=False
        )
    if role == "relative_ended":
        Application.objects.filter(pk=matrix_world.case.pk).update(
            applicant=matrix_world.users["relative_ended"],
            representative_access_ended_at=timezone.now(),
            representative_access_ended_by=matrix_world.users["owner"],
        )


def _request(client: Client, row: Row, url: str):
    if row.method == "post":
        return client.post(url, {})
    return client.get(url)


ALLOWED_STATUSES = {"get": {200, 302}, "post": {200, 302, 422}}


@pytest.mark.urls(URLCONF)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_the_access_matrix(matrix_world, db, name, role):
    row = MATRIX[name]
    _arrange(matrix_world, role)
    url = reverse(name, kwargs=row.kwargs(matrix_world))
    user = matrix_world.users.get(role)
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    response = _request(_client(matrix_world, role), row, url)

    written = list(AccessLogEntry.objects.filter(pk__gt=before).order_by("pk"))
    status = response.status_code
    if role != "anonymous":
        assert_private(response, f"{role} on {url}")
    if role in row.allowed:
        assert status in ALLOWED_STATUSES[row.method], (role, url, status)
        if row.kind == CASE:
            assert any(
                e.allowed and e.user == user and e.reference == matrix_world.case.reference
                for e in written
            ), f"no access-log entry for {role} on {url}"
        if row.kind == ADMIN:
            assert any(e.allowed and e.user == user for e in written)
        return

    if role == "anonymous" and row.kind in (CITIZEN, CASE, CATALOGUE_STAFF):
        assert status == 302, (url, status)
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL)), url
        return
    if row.kind == CATALOGUE_STAFF and role in NO_CATALOGUE_PERMISSION:
        assert status == 403, (role, url, status)
        return
    assert status == 404, (role, url, status)
    if row.kind in (CASE, ADMIN):
        refusals = [e for e in written if not e.allowed]
        assert refusals, f"no refusal in the access log for {role} on {url}"
        assert all(e.user == user for e in refusals)
        if row.kind == CASE:
            assert all(e.reference == matrix_world.case.reference for e in refusals)
    assert not any(e.allowed for e in written), f"{role} on {url} logged as allowed"


@pytest.mark.urls(URLCONF)
@pytest.mark.parametrize("role", sorted(NO_CATALOGUE_PERMISSION))
def test_the_catalogue_403_says_nothing_about_the_offer(matrix_world, db, role):
    client = _client(matrix_world, role)
    real = client.get(reverse("catalogue:staff_offer_edit", kwargs={"slug": "matrise-maanekafeen"}))
    missing = client.get(reverse("catalogue:staff_offer_edit", kwargs={"slug": "finnes-ikke"}))
    assert real.status_code == missing.status_code == 403


@pytest.mark.urls(URLCONF)
@pytest.mark.parametrize("role", ["stranger", "caseworker_elsewhere", "leader_unrelated"])
def test_a_real_reference_and_an_unknown_one_look_the_same(matrix_world, db, role):
    """A refusal on a real case and on one that does not exist are the same 404."""
    client = _client(matrix_world, role)
    unknown = "2099-999999"
    for name in ("referrals:application_detail", "referrals:case"):
        real = client.get(reverse(name, kwargs={"reference": matrix_world.case.reference}))
        fake = client.get(reverse(name, kwargs={"reference": unknown}))
        assert real.status_code == fake.status_code == 404
        # The same page (the main content; tokens and nonces in the head differ).
        assert parse(real.content).one("main").text == parse(fake.content).one("main").text
