"""ID-porten log-in against a real OpenID Provider on loopback (tests/oidc_provider:
oidc-provider configured like ID-porten), without a browser: the Django test client is
the citizen's browser at the portal, a requests session their browser at the provider.
The portal's own code talks to the provider over HTTP (token endpoint, JWKS).

What the provider itself decides is tested here: the client authentication
(client_secret_basic and private_key_jwt), a refused code (invalid_grant), the
citizen cancelling, a too low level of assurance, a missing pid, ui_locales."""

from urllib.parse import quote, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user

from portal.idporten_sessions import SID_SESSION_KEY
from tests.oidc_provider import KARI, LOW_ACR, NO_PID, client_metadata, start_provider
from tests.oidc_provider.browser import SITE, ProviderBrowser, portal_path

pytestmark = pytest.mark.django_db

SECRET_CLIENT = "portal"
JWT_CLIENT = "portal-jwt"
KEY_ID = "portal-key-1"


def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


CLIENT_KEY = rsa_key()
PUBLIC_JWK = {
    **jwt.algorithms.RSAAlgorithm.to_jwk(CLIENT_KEY.public_key(), as_dict=True),
    "kid": KEY_ID,
    "alg": "RS256",
    "use": "sig",
}


@pytest.fixture(scope="module")
def provider():
    clients = [
        client_metadata(SECRET_CLIENT, SITE),
        client_metadata(JWT_CLIENT, SITE, public_jwk=PUBLIC_JWK),
    ]
    with start_provider(clients) as provider:
        yield provider


@pytest.fixture
def idporten(provider, settings):
    provider.portal_settings(settings, SECRET_CLIENT, site=SITE)
    return provider


@pytest.fixture
def private_key_jwt(idporten, settings):
    settings.OIDC_RP_CLIENT_ID = JWT_CLIENT
    settings.OIDC_RP_CLIENT_SECRET = ""
    settings.IDPORTEN_CLIENT_AUTH_METHOD = "private_key_jwt"
    settings.OIDC_TOKEN_USE_BASIC_AUTH = False
    settings.IDPORTEN_CLIENT_PRIVATE_KEY = pem(CLIENT_KEY)
    settings.IDPORTEN_CLIENT_KEY_ID = KEY_ID
    return idporten


def log_in(client, provider, user, *, action="login", start="/konto/id-porten/"):
    browser = ProviderBrowser(provider)
    login_page = browser.go(client.get(start).url)
    assert login_page.status_code == 200, login_page.text
    return client.get(portal_path(browser.log_in(login_page, user, action)))


def test_a_citizen_logs_in_with_the_client_secret(client, idporten):
    response = log_in(client, idporten, KARI)

    assert response.status_code == 302 and response.url == "/"
    user = get_user(client)
    assert user.is_authenticated and user.national_id == KARI.pid
    assert client.session[SID_SESSION_KEY]  # ID-porten's session id, for the logouts


def test_a_citizen_logs_in_with_private_key_jwt(client, private_key_jwt):
    response = log_in(client, private_key_jwt, KARI)

    assert response.status_code == 302 and response.url == "/"
    assert get_user(client).national_id == KARI.pid


def test_the_redirect_uri_is_on_site_url_whatever_host_the_request_names(
    client, idporten, settings
):
    """The redirect_uri registered with ID-porten is on SITE_URL; a request that came
    with another allowed Host must still ask for it, in the authorization request and
    in the token request alike (the provider compares both with the registration)."""
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    browser = ProviderBrowser(idporten)
    authorize = client.get("/konto/id-porten/", HTTP_HOST="localhost").url
    assert f"redirect_uri={quote(SITE, safe='')}%2Fkonto" in authorize
    login_page = browser.go(authorize)
    assert login_page.status_code == 200, login_page.text  # the provider took the request

    response = client.get(portal_path(browser.log_in(login_page, KARI)), HTTP_HOST="localhost")

    assert response.status_code == 302 and response.url == "/"
    assert get_user(client).national_id == KARI.pid  # the token request matched too


def test_private_key_jwt_with_a_key_idporten_does_not_know_is_refused(
    client, private_key_jwt, settings
):
    settings.IDPORTEN_CLIENT_PRIVATE_KEY = pem(rsa_key())  # same key id, other key

    response = log_in(client, private_key_jwt, KARI)

    assert response.url == "/konto/id-porten/mislyktes/?grunn=feil"
    assert not get_user(client).is_authenticated


def test_a_code_the_provider_refuses_gives_the_failure_page(client, idporten, caplog):
    # Two log-ins started in one browser; the answer to the first comes back with the
    # state of the second, so the portal sends the first code with the second's PKCE
    # verifier: the provider answers invalid_grant.
    browser = ProviderBrowser(idporten)
    first = client.get("/konto/id-porten/").url
    second = client.get("/konto/id-porten/").url
    answer = urlsplit(browser.log_in(browser.go(first), KARI))
    second_state = dict(part.split("=", 1) for part in urlsplit(second).query.split("&"))["state"]
    query = "&".join(
        f"state={second_state}" if part.startswith("state=") else part
        for part in answer.query.split("&")
    )

    response = client.get(f"{answer.path}?{query}")

    assert response.status_code == 302
    assert response.url == "/konto/id-porten/mislyktes/?grunn=feil"
    assert not get_user(client).is_authenticated
    assert "invalid_grant" in caplog.text
    page = client.get(response.url)
    assert "Innloggingen mislyktes" in page.content.decode()


def test_cancelling_at_idporten_says_so(client, idporten):
    response = log_in(client, idporten, KARI, action="cancel")
    assert response.url == "/konto/id-porten/mislyktes/?grunn=avbrutt"
    assert "Du avbrøt innloggingen" in client.get(response.url).content.decode()


def test_a_too_low_level_of_assurance_is_refused(client, idporten):
    response = log_in(client, idporten, LOW_ACR)
    assert response.url == "/konto/id-porten/mislyktes/?grunn=sikkerhetsniva"
    assert not get_user(client).is_authenticated


def test_a_log_in_without_pid_is_refused(client, idporten):
    response = log_in(client, idporten, NO_PID)
    assert response.url == "/konto/id-porten/mislyktes/?grunn=feil"
    assert not get_user(client).is_authenticated


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_provider_is_asked_for_the_readers_language(client, idporten, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = ProviderBrowser(idporten).go(client.get("/konto/id-porten/").url)
    assert f'<html lang="{language}">' in page.text
