"""A stubbed ID-porten for tests that log in through mozilla-django-oidc without a real
provider: the settings that switch it on (the ``idporten`` fixture in tests/conftest.py),
a provider answering the token and JWKS requests with tokens signed by a test key, and
the steps of a log-in as the browser makes them."""

import time
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.portal.html import parse

ISSUER = "https://idporten.test"
FAILED = "/konto/id-porten/mislyktes/?grunn=feil"
CLIENT_ID = "aktivitetsportal"
PRIVATE_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
JWK = {
    **jwt.algorithms.RSAAlgorithm.to_jwk(PRIVATE_KEY.public_key(), as_dict=True),
    "kid": "k1",
    "alg": "RS256",
    "use": "sig",
}


def use_stub_idporten(settings) -> None:
    """ID-porten switched on in ``settings`` (pytest-django's fixture), against the stub."""
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


def begin(client):
    response = client.get("/konto/id-porten/?next=/mine-soknader/")
    assert response.status_code == 302
    return _authorization_request(response.url)


def begin_adding_to_account(client):
    """The owner of the local account logged in presses "Bekreft med ID-porten" on the
    account page (/konto/id-porten/legg-til/); a page of ours leads on to ID-porten."""
    response = client.post("/konto/id-porten/legg-til/?next=/mine-soknader/")
    assert response.status_code == 200
    return _authorization_request(continue_url(response))


def continue_url(response) -> str:
    """Where the page on the way to ID-porten leads (its refresh and its link agree)."""
    page = parse(response.content)
    link = page.one("[data-idporten-continue]").get("href")
    assert page.one('meta[http-equiv="refresh"]').get("content") == f"0; url={link}"
    return link


def _authorization_request(url: str) -> dict:
    parts = urlsplit(url)
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


def finish(client, provider, params, claims, **answer):
    """ID-porten's answer to the browser (code, state and, RFC 9207, its issuer)."""
    provider.claims = claims
    query = {"code": "kode123", "state": params["state"], "iss": ISSUER, **answer}
    query = {key: value for key, value in query.items() if value is not None}
    return client.get(f"/konto/id-porten/callback/?{urlencode(query)}")
