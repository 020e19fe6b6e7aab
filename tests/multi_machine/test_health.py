"""/healthz for the load balancer: 200 only when the database and the file storage
(local folder or S3 bucket) answer; 503 with a short body, and no details, otherwise."""

import socket

import pytest
from django.db import OperationalError

from portal import health
from tests.multi_machine.storage import project_settings, s3_environment

pytestmark = pytest.mark.django_db

HEALTHY = {"status": "ok", "database": "ok", "storage": "ok"}


def use_s3(settings, monkeypatch, endpoint: str, bucket: str) -> None:
    project = project_settings(monkeypatch, s3_environment(endpoint, bucket))
    settings.STORAGES = {**settings.STORAGES, "default": project["STORAGES"]["default"]}


def assert_unhealthy(response, **checks) -> None:
    assert response.status_code == 503
    assert response["Cache-Control"].startswith("max-age=0")
    assert response.json() == {"status": "error", "database": "ok", "storage": "ok", **checks}
    assert len(response.content) < 100


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthy_with_the_local_folder_even_before_the_first_upload(client, settings):
    assert not settings.MEDIA_ROOT.exists()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == HEALTHY
    assert settings.MEDIA_ROOT.is_dir()


def test_a_media_root_that_is_not_a_folder_is_unhealthy(client, settings, caplog):
    settings.MEDIA_ROOT.parent.mkdir(parents=True, exist_ok=True)
    settings.MEDIA_ROOT.write_text("not a folder")
    assert_unhealthy(client.get("/healthz"), status="error", storage="error")
    assert "Health check: storage unreachable" in caplog.text


def test_healthy_with_the_s3_bucket(client, settings, monkeypatch, s3_endpoint, bucket):
    use_s3(settings, monkeypatch, s3_endpoint, bucket)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == HEALTHY


def test_a_missing_bucket_is_unhealthy_without_naming_it(
    client, settings, monkeypatch, s3_endpoint
):
    use_s3(settings, monkeypatch, s3_endpoint, "portal-bucket-that-does-not-exist")
    response = client.get("/healthz")
    assert_unhealthy(response, status="error", storage="error")
    assert b"portal-bucket" not in response.content


def test_an_object_storage_that_does_not_answer_is_unhealthy(client, settings, monkeypatch):
    use_s3(settings, monkeypatch, f"http://127.0.0.1:{closed_port()}", "portal-media")
    response = client.get("/healthz")
    assert_unhealthy(response, status="error", storage="error")
    assert b"127.0.0.1" not in response.content


def test_a_database_that_does_not_answer_is_unhealthy_without_details(client, monkeypatch, caplog):
    def refuse():
        raise OperationalError('connection to server at "db.internal" failed: password wrong')

    monkeypatch.setattr(health, "check_database", refuse)
    response = client.get("/healthz")
    assert_unhealthy(response, status="error", database="error")
    assert b"db.internal" not in response.content
    assert b"password" not in response.content
    assert "Health check: database unreachable" in caplog.text


def test_in_production_the_health_check_answers_plain_http(settings, client, monkeypatch):
    """Behind TLS termination the load balancer may poll over plain HTTP; everything
    else is redirected to HTTPS."""
    production = project_settings(
        monkeypatch,
        {
            "DJANGO_ENV": "production",
            "SECRET_KEY": "production-secret-for-the-health-check-test-" + "x" * 20,
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": "postgres://portal@db.invalid:5432/portal",
        },
    )
    settings.SECURE_SSL_REDIRECT = production["SECURE_SSL_REDIRECT"]
    settings.SECURE_REDIRECT_EXEMPT = production["SECURE_REDIRECT_EXEMPT"]
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301
