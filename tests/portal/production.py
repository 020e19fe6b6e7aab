"""manage.py run in a fresh process with a production environment
(tests/portal/test_production_settings.py, tests/portal/test_idporten_settings.py)."""

import os
import subprocess
import sys
from pathlib import Path

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
