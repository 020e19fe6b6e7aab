"""ID-porten log-in against a stubbed provider: PKCE S256, state, nonce, acr; the pid
claim becomes user.national_id; a wrong acr, audience, nonce or issuer, or an expired
token, is refused."""

import base64
import hashlib
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
from django.contrib.auth import get_user

from portal.models import User
from tests.idporten_stub import (
    CLIENT_ID,
    FAILED,
    ISSUER,
    PRIVATE_KEY,
    Response,
    StubProvider,
    begin,
    begin_adding_to_account,
    finish,
    good_claims,
)
from tests.referrals.helpers import national_id

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.referrals.urls"),
    pytest.mark.usefixtures("idporten"),  # tests/conftest.py
]


@pytest.fixture
def provider(monkeypatch):
    return StubProvider(monkeypatch)


def test_the_request_uses_pkce_s256_state_nonce_and_substantial_acr(client):
    params = begin(client)
    assert params["response_type"] == "code"
    assert params["client_id"] == CLIENT_ID
    assert params["acr_values"] == "idporten-loa-substantial"
    assert params["code_challenge_method"] == "S256"
    assert len(params["state"]) >= 32 and len(params["nonce"]) >= 32
    assert "openid" in params["scope"].split()
    assert params["redirect_uri"].endswith("/konto/id-porten/callback/")


def test_a_good_login_sets_national_id_from_pid(client, provider):
    pid = national_id()
    params = begin(client)
    response = finish(client, provider, params, good_claims(params, pid))
    assert response.status_code == 302 and response.url == "/mine-soknader/"
    user = get_user(client)
    assert user.is_authenticated and user.national_id == pid
    # PKCE: the verifier sent to the token endpoint matches the challenge sent first.
    verifier = provider.token_requests[0]["code_verifier"]
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )
    assert challenge == params["code_challenge"]
    # The next log-in finds the same account.
    client.logout()
    params = begin(client)
    finish(client, provider, params, good_claims(params, pid))
    assert User.objects.filter(national_id=pid).count() == 1


def test_a_log_in_never_joins_the_local_account_that_happens_to_be_logged_in(client, provider):
    local = User.objects.create_user(email="kari@example.no", password="x-lang-passord-1")
    client.force_login(local, backend="django.contrib.auth.backends.ModelBackend")
    pid = national_id()
    params = begin(client)
    finish(client, provider, params, good_claims(params, pid))
    local.refresh_from_db()
    assert local.national_id == ""
    assert get_user(client).pk != local.pk and get_user(client).national_id == pid


def test_the_owner_of_a_local_account_adds_the_verified_identity_when_asked(client, provider):
    local = User.objects.create_user(email="kari@example.no", password="x-lang-passord-1")
    client.force_login(local, backend="django.contrib.auth.backends.ModelBackend")
    pid = national_id()
    params = begin_adding_to_account(client)
    # The same client, ID-porten and redirect_uri as an ordinary log-in.
    assert params["redirect_uri"] == begin(client)["redirect_uri"]
    params = begin_adding_to_account(client)
    finish(client, provider, params, good_claims(params, pid))
    local.refresh_from_db()
    assert local.national_id == pid
    assert get_user(client).pk == local.pk


@pytest.mark.parametrize(
    ("override", "reason"),
    [
        ({"acr": "idporten-loa-low"}, "sikkerhetsniva"),
        ({"acr": None}, "sikkerhetsniva"),
        ({"aud": "another-client"}, "feil"),
        ({"nonce": "replayed-nonce"}, "feil"),
        ({"iss": "https://evil.example"}, "feil"),
        ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "feil"),
        ({"pid": "12345678901"}, "feil"),
        ({"pid": None}, "feil"),
        ({"auth_time": None}, "feil"),
    ],
    ids=[
        "wrong-acr",
        "no-acr",
        "wrong-audience",
        "wrong-nonce",
        "wrong-issuer",
        "expired",
        "bad-pid",
        "no-pid",
        "no-auth-time",
    ],
)
def test_a_bad_token_is_refused(client, provider, override, reason, caplog):
    pid = national_id()
    params = begin(client)
    claims = good_claims(params, pid)
    claims.update(override)
    claims = {key: value for key, value in claims.items() if value is not None}
    response = finish(client, provider, params, claims)
    assert response.status_code == 302
    assert response.url == f"/konto/id-porten/mislyktes/?grunn={reason}"
    assert not get_user(client).is_authenticated
    assert not User.objects.filter(national_id=pid).exists()
    assert pid not in caplog.text


def test_a_token_without_a_key_id_is_refused_not_a_server_error(client, provider, monkeypatch):
    params = begin(client)
    claims = good_claims(params, national_id())
    unsigned_kid = jwt.encode(claims, PRIVATE_KEY, algorithm="RS256")  # no "kid" header
    monkeypatch.setattr(
        provider,
        "post",
        lambda url, data=None, **kwargs: Response(
            {"id_token": unsigned_kid, "access_token": "at", "token_type": "Bearer"}
        ),
    )
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.post", provider.post)
    response = finish(client, provider, params, claims)
    assert response.status_code == 302 and response.url == FAILED
    assert not get_user(client).is_authenticated


@pytest.mark.parametrize(
    "answer",
    [{"iss": None}, {"iss": "https://evil.example"}, {"iss": ISSUER + "/"}],
    ids=["no-iss", "other-issuer", "look-alike"],
)
def test_the_answer_must_name_idporten_rfc_9207(client, provider, answer):
    params = begin(client)
    response = finish(client, provider, params, good_claims(params, national_id()), **answer)
    assert response.status_code == 302 and response.url == FAILED
    assert provider.token_requests == []  # the code was never sent anywhere
    assert params["state"] not in client.session.get("oidc_states", {})
    assert not get_user(client).is_authenticated


@pytest.mark.parametrize(
    ("error", "reason"),
    [("access_denied", "avbrutt"), ("server_error", "feil"), ("login_required", "feil")],
)
def test_an_error_answer_gives_a_page_that_says_what_happened(client, provider, error, reason):
    params = begin(client)
    query = urlencode({"error": error, "state": params["state"], "iss": ISSUER})
    response = client.get(f"/konto/id-porten/callback/?{query}")
    assert response.status_code == 302
    assert response.url == f"/konto/id-porten/mislyktes/?grunn={reason}"
    assert params["state"] not in client.session.get("oidc_states", {})
    assert provider.token_requests == []


def test_an_unreachable_token_endpoint_gives_a_page_not_a_server_error(client, settings):
    # A real connection to a closed port on loopback.
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"
    params = begin(client)
    query = urlencode({"code": "k", "state": params["state"], "iss": ISSUER})
    response = client.get(f"/konto/id-porten/callback/?{query}")
    assert response.status_code == 302
    assert response.url == "/konto/id-porten/mislyktes/?grunn=utilgjengelig"


@pytest.mark.parametrize(
    ("reason", "heading", "text"),
    [
        ("avbrutt", "Du avbrøt innloggingen", "Du er ikke logget inn."),
        ("sikkerhetsniva", "Innloggingen mislyktes", "ikke høyt nok sikkerhetsnivå"),
        ("utilgjengelig", "Innloggingen mislyktes", "Vi får ikke kontakt med ID-porten"),
        ("feil", "Innloggingen mislyktes", "Vi kunne ikke logge deg inn med ID-porten."),
        ("<script>", "Innloggingen mislyktes", "Vi kunne ikke logge deg inn med ID-porten."),
    ],
)
def test_the_failure_page_explains_and_offers_another_try(client, reason, heading, text):
    response = client.get("/konto/id-porten/mislyktes/", {"grunn": reason})
    assert response.status_code == 200
    page = response.content.decode()
    assert f">{heading}</h1>" in page
    assert text in page
    assert 'href="/konto/id-porten/"' in page and 'href="/konto/logg-inn/"' in page
    assert "<script>" not in page.split("</head>")[1]


@pytest.mark.parametrize(("language", "expected"), [("nb", "nb"), ("nn", "nn"), ("en", "en")])
def test_idporten_speaks_the_readers_language(client, settings, language, expected):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert begin(client)["ui_locales"] == expected


def test_an_sso_log_in_near_the_end_of_idportens_session_is_done_afresh(client, provider):
    pid = national_id()
    params = begin(client)
    old = int(time.time()) - 115 * 60  # ID-porten's session has five minutes left
    response = finish(client, provider, params, good_claims(params, pid, auth_time=old))

    assert response.status_code == 302
    assert response.url == "/konto/id-porten/?next=%2Fmine-soknader%2F"
    assert not get_user(client).is_authenticated
    again = client.get(response.url)
    params = {key: values[0] for key, values in parse_qs(urlsplit(again.url).query).items()}
    assert params["prompt"] == "login"
    response = finish(client, provider, params, good_claims(params, pid))
    assert response.url == "/mine-soknader/"
    assert get_user(client).national_id == pid
    # The next log-in is an ordinary one again.
    client.logout()
    assert "prompt" not in begin(client)


def test_a_second_old_answer_after_prompt_login_is_a_failure(client, provider):
    old = int(time.time()) - 115 * 60
    params = begin(client)
    response = finish(client, provider, params, good_claims(params, national_id(), auth_time=old))
    again = client.get(response.url)
    params = {key: values[0] for key, values in parse_qs(urlsplit(again.url).query).items()}
    response = finish(client, provider, params, good_claims(params, national_id(), auth_time=old))
    assert response.url == FAILED
    assert not get_user(client).is_authenticated


def test_a_wrong_state_is_refused(client, provider):
    params = begin(client)
    provider.claims = good_claims(params, national_id())
    response = client.get(
        f"/konto/id-porten/callback/?{urlencode({'code': 'k', 'state': 'x', 'iss': ISSUER})}"
    )
    assert response.status_code == 302 and response.url == FAILED
    assert not get_user(client).is_authenticated
    assert provider.token_requests == []


def test_id_porten_is_off_unless_enabled(client, settings):
    settings.IDPORTEN_ENABLED = False
    assert client.get("/konto/id-porten/").status_code == 404
