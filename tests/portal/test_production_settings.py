"""Production settings: `check --deploy` is clean, and a half-configured production
refuses to start. Each case runs manage.py in a fresh process with its own environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "k" * 20 + "-production-secret-for-the-deploy-check-" + "9" * 20,
    "ALLOWED_HOSTS": "aktivitet.eksempel.kommune.no",
    "DATABASE_URL": "postgres://portal@db.invalid:5432/portal",
    "CSRF_TRUSTED_ORIGINS": "https://aktivitet.eksempel.kommune.no",
}


def manage(*args: str, **env_changes: str | None) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECRET_KEY", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS"))
        and key
        not in {"EMAIL_BACKEND", "TASKS_BACKEND", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"}
    }
    env.update(PRODUCTION_ENV)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    return subprocess.run(  # noqa: S603 - our own manage.py with a fixed argument list
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


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
