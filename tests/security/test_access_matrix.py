"""The permission matrix: every role against every URL that addresses an object.

The list of URLs is generated from the URL configuration (the walk of
tests/security/test_methods_csrf.py). Every URL that takes an id, a uuid or a case
reference, and every catalogue staff page that takes an offer, must have a row in
``MATRIX`` saying how to build its arguments for the world's objects and who may use it;
a new view without a row fails ``test_every_url_with_an_id_is_in_the_matrix`` with
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
``referrals.representation.may_see``; the relative whose access A ended keeps only what
they themselves sent before the end (here: the application, so the case page and the
receipt answer, with nothing of A's on them).

A, though logged in with ID-porten, sees nothing of the case: the relative only typed
A's number, and a number nobody verified never joins a case to an account (issue 11,
finding 6; only a self-application made after an ID-porten log-in is verified).

Citizen B (stranger) may do nothing but the public API. Not allowed is a 404, never a
hint that the object exists, except:

- anonymous on a page that needs a log-in: a redirect to the log-in page (the access
  log page answers anonymous with a 404 too);
- catalogue staff pages for users without any catalogue permission (citizens,
  caseworkers): 403, decided before the offer is looked up, so it says nothing about
  the offer (the same 403 for an offer that does not exist; checked below).

Every answer to a logged-in role, allowed or refused, says ``Cache-Control: private,
no-store`` (portal.middleware.PrivatePagesMiddleware).

Every staff refusal writes an ``AccessLogEntry`` with ``allowed=False`` for the user
(``referrals.access.refuse``); every staff access allowed on a case writes one with
``allowed=True``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from referrals.models import Application
from referrals.models_casework import AccessLogEntry
from referrals.urls import ReferenceConverter
from tests.portal.caching import assert_private
from tests.portal.html import parse
from tests.security.matrix_world import ROLES, MatrixWorld, client_for
from tests.security.test_methods_csrf import URLCONF, all_urls

# --- who ------------------------------------------------------------------------------

CASE_CITIZENS = {"owner", "relative", "relative_no_copies"}  # may act on the case
# May open the case page and the receipt: also the relative whose access A ended.
CASE_READERS = CASE_CITIZENS | {"relative_ended"}
# The person, and a representative with the right to copies (or a verge or fullmektig):
# a relative without it sees the status and what they sent, not A's letters, messages
# or attachments (referrals.representation).
LETTER_READERS = {"owner", "relative"}
INVOLVED_LEADERS = {"leader_allocated", "leader_waiting", "leader_consulted"}
CASEWORKER = {"caseworker"}
# The leader of the unit that owns the offer, and the administrator, who manages every
# unit's offers (``catalogue.manage_all_units``) on these pages as in the admin.
CATALOGUE_MANAGERS = {"leader_unrelated", "admin"}
# Roles without any catalogue permission: the catalogue staff pages answer 403 before
# they look the offer up.
NO_CATALOGUE_PERMISSION = {
    "owner",
    "stranger",
    "relative",
    "relative_no_copies",
    "relative_ended",
    "caseworker",
    "caseworker_elsewhere",
}

# How a refusal looks, per kind of page.
CITIZEN = "citizen"  # log-in required; 404 for anyone else
CASE = "case"  # staff case pages: log-in required; 404 and a logged refusal
CATALOGUE_STAFF = "catalogue_staff"  # log-in; 403 without permission; 404 other unit
ADMIN = "admin"  # 404 for everyone else, anonymous too, and a logged refusal
PUBLIC = "public"  # open data: everyone


@dataclass(frozen=True)
class Row:
    kind: str
    allowed: frozenset
    kwargs: Callable[[MatrixWorld], dict] = field(default=lambda w: {})
    method: str = "get"


def _ref(w):
    return {"reference": w.case.reference}


def _with(**extra):
    def build(w):
        return {
            "reference": w.case.reference,
            **{key: get(w) for key, get in extra.items()},
        }

    return build


def _draft(w):
    return {"key": w.draft.public_id}


def _case_page(allowed=frozenset(CASEWORKER), method="post", kwargs=_ref):
    return Row(CASE, frozenset(allowed), kwargs, method)


def _citizen(allowed=frozenset(CASE_CITIZENS), method="get", kwargs=_ref):
    return Row(CITIZEN, frozenset(allowed), kwargs, method)


def _offer(method):
    return Row(
        CATALOGUE_STAFF,
        frozenset(CATALOGUE_MANAGERS),
        lambda w: {"slug": w.objects["moon_offer"].slug},
        method,
    )


def _public(key):
    return Row(PUBLIC, frozenset(ROLES), lambda w: {"pk": w.objects[key].uuid})


_attachment = _with(attachment=lambda w: w.objects["attachment"].public_id)
_person_attachment = _with(attachment=lambda w: w.objects["person_attachment"].public_id)
_decision = _with(decision=lambda w: w.objects["decision"].pk)
_reply = _with(reply=lambda w: w.objects["reply"].pk)

MATRIX: dict[str, Row] = {
    # The citizen's pages about the case (the person, and whoever applied for them).
    "referrals:receipt": _citizen(CASE_READERS),
    "referrals:application_detail": _citizen(CASE_READERS),
    "referrals:receipt_pdf": _citizen(CASE_READERS),
    "referrals:reply": _citizen(method="post"),  # a message to the municipality
    "referrals:add_documents": _citizen(method="post"),
    "referrals:withdraw_confirm": _citizen(),
    "referrals:withdraw": _citizen(method="post"),
    "referrals:appeal": _citizen(),
    "referrals:appeal_submit": _citizen(method="post"),
    "referrals:attachment_download": _citizen(LETTER_READERS, kwargs=_person_attachment),
    "referrals:decision_letter": _citizen(LETTER_READERS, kwargs=_decision),
    "referrals:decision_letter_english": _citizen(LETTER_READERS, kwargs=_decision),
    "referrals:preliminary_reply_letter": _citizen(LETTER_READERS, kwargs=_reply),
    # Only the person ends the access of the one who applied for them.
    "referrals:end_representation_confirm": _citizen({"owner"}),
    "referrals:end_representation": _citizen({"owner"}, method="post"),
    # A's draft: only the person who started it.
    "referrals:apply_step": _citizen(
        {"owner"}, kwargs=lambda w: {"key": w.draft.public_id, "step": "tjeneste"}
    ),
    "referrals:apply_submit": _citizen({"owner"}, method="post", kwargs=_draft),
    "referrals:draft_delete_confirm": _citizen({"owner"}, kwargs=_draft),
    "referrals:draft_delete": _citizen({"owner"}, method="post", kwargs=_draft),
    "referrals:draft_attachment_delete": _citizen(
        {"owner"},
        method="post",
        kwargs=lambda w: {
            "key": w.draft.public_id,
            "attachment": w.objects["draft_attachment"].public_id,
        },
    ),
    # The staff case pages.
    "referrals:case": _case_page(CASEWORKER | INVOLVED_LEADERS, method="get"),
    "referrals:case_decide": _case_page(method="get"),
    "referrals:case_take": _case_page(),
    "referrals:case_assign": _case_page(),
    "referrals:case_close": _case_page(),
    "referrals:case_reopen": _case_page(),
    "referrals:case_note": _case_page(),
    "referrals:case_request_information": _case_page(),  # a message to the citizen
    "referrals:case_preliminary_reply": _case_page(),
    "referrals:case_assessment": _case_page(),
    "referrals:case_paper_appeal": _case_page(),
    "referrals:case_forward_appeal": _case_page(),
    "referrals:case_appeal_outcome": _case_page(),
    "referrals:case_consult": _case_page(),
    "referrals:case_attachment": _case_page(method="get", kwargs=_attachment),
    "referrals:case_letter": _case_page(method="get", kwargs=_decision),
    "referrals:case_letter_english": _case_page(method="get", kwargs=_decision),
    "referrals:case_correct_decision": _case_page(method="get", kwargs=_decision),
    "referrals:case_preliminary_letter": _case_page(method="get", kwargs=_reply),
    "referrals:case_appeal_file": _case_page(
        method="get", kwargs=_with(forwarding=lambda w: w.objects["forwarding"].pk)
    ),
    "referrals:case_consultation_answer": _case_page(
        {"leader_consulted"}, kwargs=_with(consultation=lambda w: w.objects["consultation"].pk)
    ),
    "referrals:case_approve_decision": _case_page(
        kwargs=_with(proposal=lambda w: w.objects["proposal"].pk)
    ),
    "referrals:case_return_decision": _case_page(
        kwargs=_with(proposal=lambda w: w.objects["proposal"].pk)
    ),
    # The administrators' access log (no object in the URL, but all of it is personal).
    "referrals:access_log": Row(ADMIN, frozenset({"admin"})),
    # Catalogue staff pages: the moon unit's offer and error report.
    "catalogue:staff_offer_edit": _offer("get"),
    "catalogue:staff_offer_preview": _offer("get"),
    "catalogue:staff_offer_publish": _offer("post"),
    "catalogue:staff_offer_archive": _offer("post"),
    "catalogue:staff_offer_reviewed": _offer("post"),
    "catalogue:staff_report_handled": Row(
        CATALOGUE_STAFF,
        frozenset(CATALOGUE_MANAGERS),
        lambda w: {"pk": w.objects["moon_report"].pk},
        "post",
    ),
    # Open data about published offers.
    "catalogue:api_organization": _public("moon_unit"),
    "catalogue:api_service": _public("moon_offer"),
    "catalogue:api_location": _public("moon_location"),
}

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
        f"add this URL to the access matrix in tests/security/test_access_matrix.py "
        f"(how to build its arguments, and who may use it): {missing}"
    )
    names = {name for name, _route, _pattern in all_urls()}
    stale = sorted(set(MATRIX) - names)
    assert not stale, f"these URLs in the access matrix no longer exist: {stale}"


# --- the world, once per module (the ``world`` fixture in tests/security/conftest.py) ---


@pytest.fixture(autouse=True)
def _media_root():
    """Replaces tests/conftest.py's per-test folder: the module's world keeps its files
    in the folder set by the ``world`` fixture."""


def _client(world: MatrixWorld, role: str) -> Client:
    return client_for(world, role)


def _arrange(world: MatrixWorld, role: str) -> None:
    """The relative without the right to copies, and the one whose access A ended: the
    same case, filed by them instead (changed inside the test's transaction, rolled back
    after it)."""
    if role == "relative_no_copies":
        Application.objects.filter(pk=world.case.pk).update(
            applicant=world.users["relative_no_copies"], applicant_may_receive_copies=False
        )
    if role == "relative_ended":
        Application.objects.filter(pk=world.case.pk).update(
            applicant=world.users["relative_ended"],
            representative_access_ended_at=timezone.now(),
            representative_access_ended_by=world.users["owner"],
        )


def _request(client: Client, row: Row, url: str):
    if row.method == "post":
        return client.post(url, {})
    return client.get(url)


ALLOWED_STATUSES = {"get": {200, 302}, "post": {200, 302, 422}}


@pytest.mark.urls(URLCONF)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_the_access_matrix(world, db, name, role):
    row = MATRIX[name]
    _arrange(world, role)
    url = reverse(name, kwargs=row.kwargs(world))
    user = world.users.get(role)
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    response = _request(_client(world, role), row, url)

    written = list(AccessLogEntry.objects.filter(pk__gt=before).order_by("pk"))
    status = response.status_code
    if role != "anonymous":
        assert_private(response, f"{role} on {url}")
    if role in row.allowed:
        assert status in ALLOWED_STATUSES[row.method], (role, url, status)
        if row.kind == CASE:
            assert any(
                e.allowed and e.user == user and e.reference == world.case.reference
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
            assert all(e.reference == world.case.reference for e in refusals)
    assert not any(e.allowed for e in written), f"{role} on {url} logged as allowed"


@pytest.mark.urls(URLCONF)
@pytest.mark.parametrize("role", sorted(NO_CATALOGUE_PERMISSION))
def test_the_catalogue_403_says_nothing_about_the_offer(world, db, role):
    client = _client(world, role)
    real = client.get(reverse("catalogue:staff_offer_edit", kwargs={"slug": "matrise-maanekafeen"}))
    missing = client.get(reverse("catalogue:staff_offer_edit", kwargs={"slug": "finnes-ikke"}))
    assert real.status_code == missing.status_code == 403


@pytest.mark.urls(URLCONF)
@pytest.mark.parametrize("role", ["stranger", "caseworker_elsewhere", "leader_unrelated"])
def test_a_real_reference_and_an_unknown_one_look_the_same(world, db, role):
    """A refusal on a real case and on one that does not exist are the same 404."""
    client = _client(world, role)
    unknown = "2099-999999"
    for name in ("referrals:application_detail", "referrals:case"):
        real = client.get(reverse(name, kwargs={"reference": world.case.reference}))
        fake = client.get(reverse(name, kwargs={"reference": unknown}))
        assert real.status_code == fake.status_code == 404
        # The same page (the main content; tokens and nonces in the head differ).
        assert parse(real.content).one("main").text == parse(fake.content).one("main").text
