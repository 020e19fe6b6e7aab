"""The environment switches for running on several machines (portal/settings.py read
afresh with each environment)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.multi_machine.storage import project_settings

SWITCHES = (
    "REDIS_URL",
    "STORAGE_BACKEND",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "EMAIL_BACKEND",
    "DATABASE_URL",
)


@pytest.fixture
def read(monkeypatch):
    for name in SWITCHES:
        monkeypatch.delenv(name, raising=False)

    def read_settings(**environment: str) -> dict:
        return project_settings(monkeypatch, environment)

    return read_settings


def test_sessions_are_in_the_database_and_cached_in_redis_when_there_is_one(read):
    assert read()["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    with_redis = read(REDIS_URL="redis://cache.internal:6379/0")
    assert with_redis["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert (
        with_redis["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    )


def test_files_are_local_by_default(read):
    default = read()["STORAGES"]["default"]
    assert default["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert default["OPTIONS"]["base_url"] is None


def test_object_storage_needs_a_bucket_and_both_keys(read):
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        read(STORAGE_BACKEND="s3")
    with pytest.raises(ImproperlyConfigured, match="AWS_SECRET_ACCESS_KEY"):
        read(STORAGE_BACKEND="s3", AWS_STORAGE_BUCKET_NAME="media", AWS_ACCESS_KEY_ID="key")
    with pytest.raises(ImproperlyConfigured, match="STORAGE_BACKEND"):
        read(STORAGE_BACKEND="ftp")


def test_object_storage_without_keys_leaves_credentials_to_boto3(read):
    options = read(STORAGE_BACKEND="s3", AWS_STORAGE_BUCKET_NAME="media")["STORAGES"]["default"][
        "OPTIONS"
    ]
    assert "access_key" not in options
    assert options["default_acl"] == "private"
    assert options["file_overwrite"] is False


def test_the_file_mail_backend_writes_to_the_configured_folder(read, tmp_path):
    mailer = read(
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path),
    )["MAILERS"]["default"]
    assert mailer["OPTIONS"] == {"file_path": str(tmp_path)}


def test_postgresql_connections_give_up_after_a_few_seconds(read):
    database = read(DATABASE_URL="postgres://portal@db.internal:5432/portal")["DATABASES"]
    assert database["default"]["OPTIONS"]["connect_timeout"] == 5
    database = read(
        DATABASE_URL="postgres://portal@db.internal:5432/portal", DB_CONNECT_TIMEOUT="2"
    )["DATABASES"]
    assert database["default"]["OPTIONS"]["connect_timeout"] == 2
