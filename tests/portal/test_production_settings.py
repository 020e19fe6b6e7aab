"""Production settings: `check --deploy` is clean, and a half-configured production
refuses to start. Each case runs manage.py in a fresh process with its own environment."""

import pytest

from tests.portal.production import manage


def test_deploy_check_passes_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert "System check identified no issues" in output


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "too-short"}, "SECRET_KEY must be at least 50 characters"),
        ({"DEBUG": "true"}, "DEBUG must be off in production"),
        ({"DEBUG": "maybe"}, "DEBUG must be a boolean"),
        ({"EMAIL_USE_TLS": "ja"}, "EMAIL_USE_TLS must be a boolean"),
        ({"SECURE_SSL_REDIRECT": "2"}, "SECURE_SSL_REDIRECT must be a boolean"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS must be set"),
        ({"DATABASE_URL": None}, "Production needs DATABASE_URL pointing at PostgreSQL"),
        (
            {"DATABASE_URL": "sqlite:///tmp/x.sqlite3"},
            "Production needs DATABASE_URL pointing at PostgreSQL",
        ),
        ({"AXES_FAILURE_LIMIT": "five"}, "AXES_FAILURE_LIMIT must be an integer"),
        ({"DJANGO_ENV": "prod"}, "DJANGO_ENV must be one of"),
    ],
    ids=lambda value: str(value) if isinstance(value, dict) else "",
)
def test_production_refuses_to_start_half_configured(changes, message):
    result = manage("check", **changes)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr
