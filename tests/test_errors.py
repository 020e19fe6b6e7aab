"""A database outage gives a friendly 503 page, other crashes a friendly 500 page, and a
bad request (a Host that is not allowed, too) a plain 400."""

import logging

import pytest
from django.core.exceptions import SuspiciousOperation
from django.core.signals import got_request_exception
from django.db import OperationalError
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def database_down(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def broken(request):
    raise ValueError("a bug")


def suspicious(request):
    raise SuspiciousOperation("a forged field")


urlpatterns = [
    path("db-down/", database_down),
    path("broken/", broken),
    path("suspicious/", suspicious),
    *portal_urlpatterns,
]
handler400 = "portal.errors.bad_request"
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


def test_a_suspicious_request_gives_a_friendly_400(crashing_client):
    response = crashing_client.get("/suspicious/")

    assert response.status_code == 400
    assert "Noe var galt med forespørselen" in response.content.decode()
    assert "a forged field" not in response.content.decode()


# --- a Host that is not allowed, with production's settings ----------------------------

PRODUCTION_HOST = "aktivitet.eksempel.kommune.no"


@pytest.fixture
def production(settings, client):
    """What production sets that matters here (portal/settings.py with DJANGO_ENV=production):
    DEBUG off, its one host, HTTPS redirect and the proxy's HTTPS header."""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [PRODUCTION_HOST]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    client.raise_request_exception = False
    crashes = []

    def crashed(sender, **kwargs):
        crashes.append(kwargs)

    got_request_exception.connect(crashed, dispatch_uid="tests.test_errors")
    yield client, crashes
    got_request_exception.disconnect(dispatch_uid="tests.test_errors")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "extra"),
    [
        ("get", {}),  # plain HTTP: refused by SecurityMiddleware's HTTPS redirect
        ("get", {"HTTP_X_FORWARDED_PROTO": "https"}),  # refused by CommonMiddleware
        ("post", {"HTTP_X_FORWARDED_PROTO": "https"}),
    ],
    ids=["http", "https", "https-post"],
)
def test_a_host_that_is_not_allowed_gets_a_plain_400(production, caplog, method, extra):
    client, crashes = production
    with caplog.at_level(logging.WARNING):
        response = getattr(client, method)("/tilbud/", HTTP_HOST="angriper.example", **extra)

    assert response.status_code == 400
    body = response.content.decode()
    assert "Noe var galt med forespørselen" in body
    assert "angriper.example" not in body
    assert crashes == []  # the 400 page itself did not fail
    server_errors = [r for r in caplog.records if r.name == "django.request" and r.levelno >= 40]
    assert server_errors == []


@pytest.mark.django_db
def test_the_allowed_host_still_gets_its_pages(production):
    client, crashes = production
    response = client.get("/", HTTP_HOST=PRODUCTION_HOST, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert crashes == []


# --- what a refused request leaves in the log -------------------------------------------


@pytest.mark.django_db
def test_a_foreign_host_is_one_warning_without_a_traceback(production, caplog):
    """Scanners send foreign Hosts all day; the operators' ERROR alerts must not fire
    for them (README, Logs): one WARNING line per request, no traceback."""
    client, _crashes = production
    with caplog.at_level(logging.DEBUG):
        client.get("/tilbud/", HTTP_HOST="angriper.example", HTTP_X_FORWARDED_PROTO="https")

    (record,) = [record for record in caplog.records if record.name.startswith("django")]
    assert record.name == "django.security.DisallowedHost"
    assert record.levelno == logging.WARNING
    assert record.exc_info is None
    line = logging.Formatter("%(levelname)s %(name)s %(message)s").format(record)
    assert line.startswith("WARNING django.security.DisallowedHost Invalid HTTP_HOST header")
    assert "Traceback" not in line
    assert "\n" not in line


def test_any_suspicious_request_is_a_warning_without_a_traceback(crashing_client, caplog):
    with caplog.at_level(logging.DEBUG):
        response = crashing_client.get("/suspicious/")

    assert response.status_code == 400
    (record,) = [record for record in caplog.records if record.name.startswith("django")]
    assert record.name == "django.security.SuspiciousOperation"
    assert (record.levelno, record.exc_info) == (logging.WARNING, None)


def test_every_kind_of_suspicious_request_is_logged_as_a_warning(settings):
    """Each SuspiciousOperation Django knows logs to django.security.<its name>; each of
    those loggers is configured to write a warning (a new kind in a Django upgrade fails
    here instead of paging the operators)."""
    import django.contrib.admin.exceptions  # noqa: F401, PLC0415 (define their subclasses)
    import django.contrib.sessions.exceptions  # noqa: F401, PLC0415

    def subclasses(cls):
        for subclass in cls.__subclasses__():
            yield subclass
            yield from subclasses(subclass)

    kinds = {SuspiciousOperation, *subclasses(SuspiciousOperation)}
    names = {f"django.security.{kind.__name__}" for kind in kinds}
    configured = {
        name
        for name, config in settings.LOGGING["loggers"].items()
        if "suspicious_request" in config.get("filters", [])
    }
    assert names <= configured, sorted(names - configured)
