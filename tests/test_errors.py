"""A database outage gives a friendly 503 page, other crashes a friendly 500 page."""

import pytest
from django.db import OperationalError
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def database_down(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def broken(request):
    raise ValueError("a bug")


urlpatterns = [path("db-down/", database_down), path("broken/", broken), *portal_urlpatterns]
handler500 = "portal.errors.server_error"


@pytest.fixture
def crashing_client(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    return client


def test_a_database_outage_gives_a_friendly_503(crashing_client):
    response = crashing_client.get("/db-down/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "midlertidig utilgjengelig" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_a_bug_gives_a_friendly_500_without_details(crashing_client):
    response = crashing_client.get("/broken/")

    assert response.status_code == 500
    body = response.content.decode()
    assert "Noe gikk galt" in body
    assert "a bug" not in body


@pytest.mark.django_db
def test_health_check_reports_database_and_storage(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "storage": "ok"}
