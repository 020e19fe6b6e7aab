"""Fuzzing the public surface with Hypothesis: nothing a visitor sends gives a 500.

Covers the catalogue's query parameters (catalogue/filters.py) on /tilbud/, the open
data API (/api/v1/, catalogue/api.py), the guide (/tilbud/finn/…), and the POST of
every public form: log-in, password reset, the error report, shortlist add/remove and
the language switch. Inputs are arbitrary unicode, NUL and control characters, raw
bytes that are not UTF-8, very long strings, repeated parameters and unknown names.

Deterministic (derandomize=True, no example database) so CI runs are repeatable.
The total number of requests is printed at the end and must reach 10,000: the last
test counts what this process sent. So that the count holds under ``pytest -n 2``, the
whole file runs on one worker, in file order (``ONE_PROCESS_FILES`` in tests/conftest.py,
with ``--dist loadgroup`` from pyproject.toml's addopts), and tests/security/conftest.py
keeps the count last.
"""

import sys
from collections import Counter
from urllib.parse import quote_from_bytes

import pytest
from django.core.signals import got_request_exception
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.fuzzing import COUNT_TEST

pytestmark = pytest.mark.django_db

REQUESTS: Counter = Counter()
SERVER_ERRORS: Counter = Counter()
BUDGET = {  # requests per target, weighted by cost (the catalogue page is the slowest)
    "catalogue": 500,
    "offer_pages": 400,
    "api": 3000,
    "guide": 1200,
    "login": 800,
    "password_reset": 1000,
    "report_error": 800,
    "shortlist": 800,
    "setlang": 1500,
}
TOTAL_REQUIRED = 10_000


def fuzz_settings(target: str):
    return settings(
        max_examples=BUDGET[target],
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


class FastClient(Client):
    """The test Client without recording every rendered template and a copy of its
    context (the costly part when thousands of pages render). Exceptions in a view
    still propagate, as with the ordinary Client, so a bug shows its traceback."""

    def request(self, **request):
        environ = self._base_environ(**request)
        caught = []

        def on_exception(sender, **kwargs):
            caught.append(sys.exc_info()[1])

        got_request_exception.connect(on_exception, dispatch_uid="security-fuzz")
        try:
            response = self.handler(environ)
        finally:
            got_request_exception.disconnect(dispatch_uid="security-fuzz")
        if caught:
            raise caught[0]
        if response.cookies:
            self.cookies.update(response.cookies)
        return response


# --- strategies ----------------------------------------------------------------------

SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n\r\nSet-Cookie: x=1",
    "../../../../etc/passwd",
    "%00",
    "%",
    "%%",
    "%zz",
    "' OR 1=1 --",
    '"; DROP TABLE catalogue_offer; --',
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% debug %}",
    "\u202etxt.exe",
    "\ufeff",
    "\udc80".encode("utf-8", "surrogatepass").decode("latin-1"),
    "Ω≈ç√∫˜µ≤≥÷",
    "🧓🏽👵",
    "ﷺ" * 50,
    "0",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999999999999999",
    "javascript:alert(1)",
    "//evil.example/",
    "https://evil.example/",
    "\\\\evil.example",
    "x" * 5000,
    "æøå " * 3000,
]

LONG = ["x" * 10_000, "æøå " * 3_000, "%" * 4_000, "a," * 5_000, "🧓" * 2_000, "\x00" * 1_000]

text = st.one_of(
    st.text(max_size=40),  # any unicode except lone surrogates (not encodable)
    st.sampled_from(SPECIAL),
    st.text(alphabet="\x00\x01\x1f\x7f\r\n\t <>\"'%&;=/\\?#[]{}", max_size=20),
    st.integers().map(str),
    st.sampled_from(LONG),
)
raw = st.one_of(text.map(lambda s: s.encode()), st.binary(max_size=40))  # bytes, maybe not UTF-8


def pairs(names: list[str], known_values: list[str]):
    """Lists of (name, value) pairs as bytes: known and unknown names, repeated names,
    known values mixed with anything."""
    name = st.one_of(st.sampled_from(names).map(str.encode), raw)
    value = st.one_of(st.sampled_from(known_values).map(str.encode), raw)
    return st.lists(st.tuples(name, value), max_size=6)


def query_string(items) -> str:
    return "&".join(
        f"{quote_from_bytes(k, safe='[]')}={quote_from_bytes(v)}"
        if v is not None
        else quote_from_bytes(k)
        for k, v in items
    )


def form_body(items) -> bytes:
    return query_string(items).encode()


def assert_no_server_error(response, target: str) -> None:
    REQUESTS[target] += 1
    if response.status_code >= 500:
        SERVER_ERRORS[target] += 1
    assert response.status_code < 500, (target, response.status_code)


def get(path: str, items, target: str):
    response = FastClient().get(path, QUERY_STRING=query_string(items))
    assert_no_server_error(response, target)
    return response


def post(path: str, items, target: str, client: FastClient | None = None, as_multipart=False):
    client = client or FastClient()
    if as_multipart:
        data: dict[str, list[str]] = {}
        for key, value in items:
            data.setdefault(key.decode(errors="replace"), []).append(value.decode(errors="replace"))
        response = client.post(path, data)
    else:
        response = client.post(
            path, form_body(items), content_type="application/x-www-form-urlencoded"
        )
    assert_no_server_error(response, target)
    return response


# --- the catalogue -------------------------------------------------------------------

CATALOGUE_PARAMS = [
    "q",
    "kategori",
    "bydel",
    "dag",
    "deltakelse",
    "gratis",
    "transport",
    "maltid",
    "tilrettelegging",
    "sprak",
    "ledig",
    "sortering",
    "side",
    "page",
    "format",
]
CATALOGUE_VALUES = [
    "sosial",
    "fysisk",
    "sentrum",
    "rullestol",
    "en",
    "mandag",
    "tirsdag",
    "sondag",
    "open",
    "signup",
    "application",
    "1",
    "on",
    "true",
    "ja",
    "0",
    "relevans",
    "navn",
    "oppdatert",
    "kaffe",
    "tur",
    "2",
    "999999",
]


@fuzz_settings("catalogue")
@given(items=pairs(CATALOGUE_PARAMS, CATALOGUE_VALUES))
def test_the_catalogue_list_never_fails_on_any_query(small_catalogue, items):
    get("/tilbud/", items, "catalogue")


OFFER_PATHS = [
    "/tilbud/kaffetreff/",
    "/tilbud/kaffetreff/kalender.ics",
    "/tilbud/utkast/",
    "/tilbud/finnes-ikke/",
    "/tilbud/kaffetreff/meld-feil/",
    "/tilbud/huskeliste/",
]


@fuzz_settings("offer_pages")
@given(
    path=st.sampled_from(OFFER_PATHS),
    items=pairs(CATALOGUE_PARAMS + ["fra", "next"], CATALOGUE_VALUES),
)
def test_offer_pages_ignore_any_query(small_catalogue, path, items):
    get(path, items, "offer_pages")


# --- the open data API -----------------------------------------------------------------

API_PATHS = [
    "/api/v1/",
    "/api/v1/organizations/",
    "/api/v1/services/",
    "/api/v1/locations/",
    "/api/v1/schedules/",
    "/api/v1/taxonomy_terms/",
    "/api/v1/taxonomies",
    "/api/v1/service_at_locations",
    "/api/v1/openapi.json",
]
API_PARAMS = [
    "page",
    "per_page",
    "organization_id",
    "taxonomy_term_id",
    "taxonomy_id",
    "modified_after",
    "search",
    "vocabulary",
    "id",
]
API_VALUES = [
    "1",
    "2",
    "0",
    "-1",
    "50",
    "100",
    "101",
    "1.5",
    "1e3",
    "99999999999999999999",
    "",
    "00000000-0000-0000-0000-000000000000",
    "2026-13-45",
    "2026-01-01T25:00",
    "kafé",
]

api_detail = st.builds(
    lambda kind, pk: f"/api/v1/{kind}/{pk}/",
    st.sampled_from(
        ["organizations", "services", "locations", "taxonomy_terms", "service_at_locations"]
    ),
    st.one_of(
        st.integers(0, 10**30),
        st.sampled_from([0, 1, 2, 2**31, 2**63, 2**64]),
        st.uuids(),
        st.text(max_size=40),
    ),
)


@fuzz_settings("api")
@given(path=st.one_of(st.sampled_from(API_PATHS), api_detail), items=pairs(API_PARAMS, API_VALUES))
def test_the_api_never_fails_on_any_query(small_catalogue, path, items):
    response = get(path, items, "api")
    assert response["Content-Type"].startswith("application/json")


# --- the guide ---------------------------------------------------------------------

GUIDE_PATHS = [
    "/tilbud/finn/",
    "/tilbud/finn/hva/",
    "/tilbud/finn/dager/",
    "/tilbud/finn/transport/",
    "/tilbud/finn/tilrettelegging/",
    "/tilbud/finn/bydel/",
    "/tilbud/finn/finnes-ikke/",
    "/tilbud/finn/resultat/",
]
GUIDE_PARAMS = ["svar", "onske", "dag", "transport", "tilrettelegging", "bydel", "fra"]
GUIDE_VALUES = [
    "1",
    "selskap",
    "meningsfylt",
    "fysisk",
    "avlastning",
    "mandag",
    "fredag",
    "ja",
    "nei",
    "yes",
    "no",
    "rullestol",
    "sentrum",
    "alle",
]


@fuzz_settings("guide")
@given(path=st.sampled_from(GUIDE_PATHS), items=pairs(GUIDE_PARAMS, GUIDE_VALUES))
def test_every_guide_step_never_fails_on_any_answer(small_catalogue, path, items):
    get(path, items, "guide")


# --- public forms (POST) ---------------------------------------------------------------

posting = st.booleans()  # urlencoded raw bytes or multipart via the test client


@fuzz_settings("login")
@given(
    items=pairs(["username", "password", "next"], ["kari@example.no", "x", "/tilbud/"]),
    as_multipart=posting,
)
def test_the_login_form_never_fails(small_catalogue, items, as_multipart):
    post("/konto/logg-inn/", items, "login", as_multipart=as_multipart)


def test_the_login_page_renders_with_the_root_urlconf(small_catalogue):
    # Was a 500 until portal/urls.py included portal.urls_accounts (the template
    # reverses accounts:oidc_start and accounts:register).
    response = Client().get("/konto/logg-inn/")
    assert response.status_code == 200


@fuzz_settings("password_reset")
@given(items=pairs(["email"], ["kari@example.no", "a@b", "@"]), as_multipart=posting)
def test_the_password_reset_form_never_fails(small_catalogue, items, as_multipart):
    post("/konto/glemt-passord/", items, "password_reset", as_multipart=as_multipart)


@fuzz_settings("report_error")
@given(
    slug=st.sampled_from(["kaffetreff", "turgruppe", "utkast", "finnes-ikke"]),
    items=pairs(["message", "reporter_email", "website"], ["Feil telefon", "a@b.no", ""]),
    as_multipart=posting,
)
def test_the_error_report_form_never_fails(small_catalogue, slug, items, as_multipart):
    # A fresh client per example: the form allows 5 reports per session per hour and
    # the fuzzer must reach the validation, not only the 429.
    post(f"/tilbud/{slug}/meld-feil/", items, "report_error", as_multipart=as_multipart)


@fuzz_settings("shortlist")
@given(
    action=st.sampled_from(["legg-til", "fjern"]),
    slug=st.sampled_from(["kaffetreff", "turgruppe", "strikkekafe", "utkast", "finnes-ikke"]),
    items=pairs(["next"], ["/tilbud/", "/tilbud/?q=a", "https://evil.example/", "//x"]),
    prefill=st.booleans(),
    as_multipart=posting,
)
def test_the_shortlist_add_and_remove_never_fail(
    small_catalogue, action, slug, items, prefill, as_multipart
):
    client = FastClient()
    if prefill:  # removing needs something in the list; adding twice must be harmless
        client.post("/tilbud/huskeliste/legg-til/kaffetreff/")
    post(f"/tilbud/huskeliste/{action}/{slug}/", items, "shortlist", client, as_multipart)


@fuzz_settings("setlang")
@given(
    items=pairs(["language", "next"], ["nb", "nn", "en", "de", "/tilbud/"]), as_multipart=posting
)
def test_the_language_switch_never_fails(small_catalogue, items, as_multipart):
    post("/i18n/setlang/", items, "setlang", as_multipart=as_multipart)


def test_zz_at_least_ten_thousand_inputs_were_sent(record_property):
    """Runs after every other test of the file, in the same process (one worker for the
    file; tests/security/conftest.py moves it last). Fails, never skips, when fewer than
    10,000 inputs were sent here: a target that did not run, or ran elsewhere, or
    stopped early, breaks the claim this file makes. The count is printed in the
    summary at the end of the run, from whichever worker ran it."""
    # tests/security/conftest.py finds this test by the name in tests/security/fuzzing.py.
    assert test_zz_at_least_ten_thousand_inputs_were_sent.__name__ == COUNT_TEST
    total = sum(REQUESTS.values())
    summary = ", ".join(f"{k} {v}" for k, v in sorted(REQUESTS.items())) or "none"
    errors = sum(SERVER_ERRORS.values())
    record_property(  # printed at the end of the run (tests/conftest.py)
        "run_summary",
        f"fuzzing: {total} generated requests in one process, {errors} 500s ({summary})",
    )
    missing = sorted(set(BUDGET) - set(REQUESTS))
    assert not missing, f"these fuzz targets sent nothing in this process: {missing}"
    assert total >= TOTAL_REQUIRED, f"only {total} inputs were sent ({summary})"
    assert not errors, f"server errors: {dict(SERVER_ERRORS)}"
