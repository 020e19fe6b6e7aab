"""Settings for the test suite: the project's settings with fast, deterministic parts."""

import os

os.environ.setdefault("DJANGO_ENV", "test")
os.environ.setdefault("DEBUG", "false")

from portal.settings import *  # noqa: E402,F403
from portal.settings import BASE_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STORAGES["default"]["OPTIONS"]["location"] = MEDIA_ROOT  # noqa: F405
AXES_ENABLED = True
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

if USING_POSTGRES:  # noqa: F405
    # Emptied between tests with DELETE, not TRUNCATE (tests/support/postgres_backend).
    DATABASES["default"]["ENGINE"] = "tests.support.postgres_backend"  # noqa: F405
    # The suite's commits need no durability: PostgreSQL need not wait for the WAL to
    # reach the disk at each of them (browser tests commit on every request).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
SMS_BACKEND = "portal.sms.LocmemBackend"
