"""ID-porten's settings from the environment: the client authentication method, and a
private_key_jwt key that is missing or unusable stops the start (each case runs
manage.py in a fresh process, as tests/portal/test_production_settings.py does)."""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from tests.portal.production import manage

IDPORTEN = {"IDPORTEN_ENABLED": "true", "IDPORTEN_CLIENT_ID": "aktivitetsportal"}
SHOW = (
    "from django.conf import settings as s; "
    "print(s.IDPORTEN_CLIENT_AUTH_METHOD, s.OIDC_TOKEN_USE_BASIC_AUTH, "
    "s.IDPORTEN_CLIENT_KEY_ID or '-', s.IDPORTEN_CLIENT_PRIVATE_KEY.count('\\n'))"
)


def pem(key) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


RSA_PEM = pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))


def shown(**env) -> str:
    result = manage("shell", "-v", "0", "-c", SHOW, **IDPORTEN, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_client_secret_goes_in_http_basic_by_default():
    assert shown(IDPORTEN_CLIENT_SECRET="hemmelig") == "client_secret_basic True - 0"


def test_the_old_switch_still_means_client_secret_post():
    assert (
        shown(IDPORTEN_CLIENT_SECRET="hemmelig", IDPORTEN_TOKEN_USE_BASIC_AUTH="false")
        == "client_secret_post False - 0"
    )


@pytest.mark.parametrize("key", [RSA_PEM, RSA_PEM.replace("\n", "\\n")], ids=["pem", "escaped"])
def test_private_key_jwt_takes_the_key_from_the_environment(key):
    lines = RSA_PEM.count("\n")
    assert (
        shown(
            IDPORTEN_CLIENT_AUTH_METHOD="private_key_jwt",
            IDPORTEN_CLIENT_PRIVATE_KEY=key,
            IDPORTEN_CLIENT_KEY_ID="nøkkel-1",
        )
        == f"private_key_jwt False nøkkel-1 {lines}"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"IDPORTEN_CLIENT_AUTH_METHOD": "private_key_jwt"},
            "IDPORTEN_CLIENT_PRIVATE_KEY must be set",
        ),
        (
            {
                "IDPORTEN_CLIENT_AUTH_METHOD": "private_key_jwt",
                "IDPORTEN_CLIENT_PRIVATE_KEY": RSA_PEM,
            },
            "IDPORTEN_CLIENT_KEY_ID must be set",
        ),
        (
            {
                "IDPORTEN_CLIENT_AUTH_METHOD": "private_key_jwt",
                "IDPORTEN_CLIENT_PRIVATE_KEY": "not a key",
                "IDPORTEN_CLIENT_KEY_ID": "k",
            },
            "IDPORTEN_CLIENT_PRIVATE_KEY must be an unencrypted private key in PEM format",
        ),
        (
            {
                "IDPORTEN_CLIENT_AUTH_METHOD": "private_key_jwt",
                "IDPORTEN_CLIENT_PRIVATE_KEY": pem(ec.generate_private_key(ec.SECP256R1())),
                "IDPORTEN_CLIENT_KEY_ID": "k",
            },
            "IDPORTEN_CLIENT_PRIVATE_KEY must be an RSA key of at least 2048 bits",
        ),
        (
            {"IDPORTEN_CLIENT_AUTH_METHOD": "client_secret_basic"},
            "IDPORTEN_CLIENT_SECRET must be set",
        ),
        ({"IDPORTEN_CLIENT_AUTH_METHOD": "tls"}, "IDPORTEN_CLIENT_AUTH_METHOD must be one of"),
        (
            {"IDPORTEN_CLIENT_SECRET": "hemmelig", "IDPORTEN_SESSION_MAX_MINUTES": "0"},
            "IDPORTEN_SESSION_MAX_MINUTES must be at least 1",
        ),
    ],
    ids=["no-key", "no-key-id", "not-pem", "not-rsa", "no-secret", "unknown-method", "max-zero"],
)
def test_idporten_refuses_to_start_half_configured(changes, message):
    result = manage("check", **IDPORTEN, **changes)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr
