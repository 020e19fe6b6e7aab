"""ID-porten log-in against a stubbed provider: PKCE S256, state, nonce, acr; the pid
claim becomes user.national_id; a wrong acr, audience, nonce or issuer, or an expired
token, is refused."""

import base64
import hashlib
import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user

from portal.models import User
from tests.referrals.helpers import national_id

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.referrals.urls")]

ISSUER = "https://idporten.test"
CLIENT_ID = "aktivitetsportal"
PRIVATE_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
JWK = {
    **jwt.algorithms.RSAAlgorithm.to_jwk(PRIVATE_KEY.public_key(), as_dict=True),
    "kid": "k1",
    "alg": "RS256",
    "use": "sig",
}


@pytest.fixture(autouse=True)
def idporten(settings):
    settings.IDPORTEN_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "hemmelig"
    settings.OIDC_OP_ISSUER = ISSUER
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{ISSUER}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{ISSUER}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{ISSUER}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{ISSUER}/jwks.json"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "portal.oidc.IdPortenBackend",
    ]


class Response:
    def __init__(self, data, status=200):
        self._data, self.status_code, self.url, self.text, self.headers = data, status, "", "", {}

    def json(self):
        return self._data

    def raise_for_status(self):
        pass


class StubProvider:
    """Answers the token and JWKS requests mozilla-django-oidc makes."""

    def __init__(self, monkeypatch):
        self.token_requests = []
        self.claims = {}
        monkeypatch.setattr("mozilla_django_oidc.auth.requests.post", self.post)
        monkeypatch.setattr("mozilla_django_oidc.auth.requests.get", self.get)

    def post(self, url, data=None, **kwargs):
        assert url == f"{ISSUER}/token"
        self.token_requests.append(data)
        token = jwt.encode(self.claims, PRIVATE_KEY, algorithm="RS256", headers={"kid": "k1"})
        return Response({"id_token": token, "access_token": "at", "token_type": "Bearer"})

    def get(self, url, **kwargs):
        assert url == f"{ISSUER}/jwks.json"
        return Response({"keys": [JWK]})


@pytest.fixture
def provider(monkeypatch):
    return StubProvider(monkeypatch)


def begin(client):
    response = client.get("/konto/id-porten/?next=/mine-soknader/")
    assert response.status_code == 302
    parts = urlsplit(response.url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{ISSUER}/authorize"
    return {key: values[0] for key, values in parse_qs(parts.query).items()}


def good_claims(params, pid, **overrides):
    now = int(time.time())
    return {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "sub": "pairwise-sub",
        "iat": now,
        "exp": now + 120,
        "auth_time": now,
        "sid": "idporten-sid-1",
        "nonce": params["nonce"],
        "acr": "idporten-loa-substantial",
        "amr": ["BankID"],
        "pid": pid,
        **overrides,
    }


def finish(client, provider, params, claims):
    provider.claims = claims
    return client.get(f"/konto/id-porten/callback/?code=kode123&state={params['state']}")


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


def test_a_logged_in_local_account_gets_the_verified_identity(client, provider):
    local = User.objects.create_user(email="kari@example.no", password="x-lang-passord-1")
    client.force_login(local, backend="django.contrib.auth.backends.ModelBackend")
    pid = national_id()
    params = begin(client)
    finish(client, provider, params, good_claims(params, pid))
    local.refresh_from_db()
    assert local.national_id == pid
    assert get_user(client).pk == local.pk


@pytest.mark.parametrize(
    "override",
    [
        {"acr": "idporten-loa-low"},
        {"aud": "another-client"},
        {"nonce": "replayed-nonce"},
        {"iss": "https://evil.example"},
        {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200},
        {"pid": "12345678901"},
    ],
    ids=["wrong-acr", "wrong-audience", "wrong-nonce", "wrong-issuer", "expired", "bad-pid"],
)
def test_a_bad_token_is_refused(client, provider, override, caplog):
    pid = national_id()
    params = begin(client)
    claims = good_claims(params, pid)
    claims.update(override)
    if "exp" in override:
        claims["exp"], claims["iat"] = override["exp"], override["iat"]
    response = finish(client, provider, params, claims)
    assert response.status_code == 302 and response.url == "/konto/logg-inn/"
    assert not get_user(client).is_authenticated
    assert not User.objects.filter(national_id=pid).exists()
    assert pid not in caplog.text


def test_a_wrong_state_is_refused(client, provider):
    params = begin(client)
    provider.claims = good_claims(params, national_id())
    response = client.get("/konto/id-porten/callback/?code=kode123&state=not-the-state")
    assert response.status_code in (302, 400)
    assert not get_user(client).is_authenticated
    assert provider.token_requests == []


def test_id_porten_is_off_unless_enabled(client, settings):
    settings.IDPORTEN_ENABLED = False
    assert client.get("/konto/id-porten/").status_code == 404
