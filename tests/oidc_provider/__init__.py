"""A real OpenID Provider for the tests, configured like ID-porten (provider.mjs: panva's
oidc-provider, pinned in package.json), run as a process on loopback.

``start_provider(clients=…)`` starts it, waits for its discovery document and stops it
afterwards; ``portal_settings`` points the portal's ID-porten settings at it. The test
users below have a password and behave like the people (and failures) the tests need.
"""

import json
import os
import shutil
import subprocess
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import requests

from tests.referrals.helpers import national_id

SCRIPT = Path(__file__).with_name("provider.mjs")
PROJECT = SCRIPT.parents[2]
START_TIMEOUT_SECONDS = 30
PASSWORD = "testpassord"  # noqa: S105 (the test users' password, only on loopback)
CLIENT_SECRET = "portal-test-secret-0123456789-0123456789"  # noqa: S105


@dataclass(frozen=True)
class ProviderUser:
    pid: str
    acr: str = "idporten-loa-substantial"
    has_pid: bool = True
    code_ttl: int = 60

    def as_config(self) -> dict:
        return {
            "password": PASSWORD,
            "acr": self.acr,
            "pid": self.has_pid,
            "codeTtl": self.code_ttl,
        }


KARI = ProviderUser(national_id(date(1950, 7, 15)))
OLA_HIGH = ProviderUser(national_id(date(1961, 3, 2)), acr="idporten-loa-high")
LOW_ACR = ProviderUser(national_id(date(1972, 11, 20)), acr="idporten-loa-low")
NO_PID = ProviderUser(national_id(date(1983, 5, 9)), has_pid=False)
# Its authorization codes live one second, and the provider hands them to the browser
# two seconds later: the portal redeems an expired code and the provider says invalid_grant.
SLOW_CODE = ProviderUser(national_id(date(1994, 1, 31)), code_ttl=1)
USERS = (KARI, OLA_HIGH, LOW_ACR, NO_PID, SLOW_CODE)


def client_metadata(
    client_id: str,
    site: str,
    *,
    frontchannel: bool = True,
    backchannel: bool = False,
    public_jwk: dict | None = None,
) -> dict:
    """A client registered like the portal's with ID-porten, for the portal at ``site``."""
    site = site.rstrip("/")
    metadata = {
        "client_id": client_id,
        "redirect_uris": [f"{site}/konto/id-porten/callback/"],
        "post_logout_redirect_uris": [f"{site}/"],
    }
    if public_jwk is None:
        metadata |= {
            "client_secret": CLIENT_SECRET,
            "token_endpoint_auth_method": "client_secret_basic",
        }
    else:
        metadata |= {
            "token_endpoint_auth_method": "private_key_jwt",
            "token_endpoint_auth_signing_alg": "RS256",
            "jwks": {"keys": [public_jwk]},
        }
    if frontchannel:
        metadata["frontchannel_logout_uri"] = f"{site}/konto/id-porten/utlogget/"
    if backchannel:
        metadata["backchannel_logout_uri"] = f"{site}/konto/id-porten/utlogging/"
    return metadata


@dataclass
class OidcProvider:
    issuer: str
    process: subprocess.Popen
    output: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        parts = urlsplit(self.issuer)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def discovery(self) -> dict:
        return requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=5).json()

    def events(self, kind: str | None = None) -> list[dict]:
        found = requests.get(f"{self.issuer}/test/events", timeout=5).json()
        return [event for event in found if kind is None or event["type"] == kind]

    def portal_settings(self, settings, client_id: str, *, site: str) -> None:
        """Point the portal (pytest-django ``settings``) at this provider as ``client_id``,
        for the portal at ``site`` (where ID-porten sends the browser after log-out)."""
        discovery = self.discovery
        settings.IDPORTEN_ENABLED = True
        settings.OIDC_RP_CLIENT_ID = client_id
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_OP_ISSUER = discovery["issuer"]
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
        settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
        settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
        settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
        settings.OIDC_OP_LOGOUT_ENDPOINT = discovery["end_session_endpoint"]
        settings.IDPORTEN_POST_LOGOUT_REDIRECT_URI = f"{site.rstrip('/')}/"
        # The redirect_uri registered for the client is on the portal's SITE_URL.
        settings.SITE_URL = site.rstrip("/")
        if "portal.oidc.IdPortenBackend" not in settings.AUTHENTICATION_BACKENDS:
            settings.AUTHENTICATION_BACKENDS = [
                *settings.AUTHENTICATION_BACKENDS,
                "portal.oidc.IdPortenBackend",
            ]


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("the OIDC provider needs Node.js (node on PATH)")
    return node


@contextmanager
def start_provider(clients: list[dict], users=USERS):
    config = {"clients": clients, "users": {user.pid: user.as_config() for user in users}}
    process = subprocess.Popen(  # noqa: S603 (our own script, fixed arguments)
        [_node(), str(SCRIPT)],
        cwd=PROJECT,
        env={**os.environ, "OIDC_PROVIDER_CONFIG": json.dumps(config)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    ready = threading.Event()
    issuer: list[str] = []

    def read():
        for line in process.stdout:
            output.append(line.rstrip())
            if line.startswith("READY "):
                issuer.append(line.split()[1])
                ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        if not ready.wait(START_TIMEOUT_SECONDS) or not issuer:
            raise RuntimeError("the OIDC provider did not start:\n" + "\n".join(output))
        provider = OidcProvider(issuer=issuer[0], process=process, output=output)
        assert provider.discovery["issuer"] == provider.issuer
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
