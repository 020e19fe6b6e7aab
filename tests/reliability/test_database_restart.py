"""PostgreSQL restarts while the portal serves requests. The portal runs as in
production (gunicorn, two workers, persistent connections with health checks) in its
own process, connected through a proxy that plays the restart: during the outage
every request gets the friendly 503 page, never a traceback; once the database is back
the same processes serve requests again, without a restart.

The machine's PostgreSQL is never restarted (other test runs use it)."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from referrals.applications import services
from tests.referrals.helpers import make_draft
from tests.reliability.helpers import logged_in
from tests.reliability.proxy import RestartableProxy

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str, cookie: str = "") -> SimpleNamespace:
    """One request, as a browser would send it (no redirects followed)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        return SimpleNamespace(
            status=response.status,
            headers=dict(response.getheaders()),
            text=response.read().decode(),
        )
    finally:
        conn.close()


@pytest.fixture
def proxy():
    database = connection.settings_dict
    proxy = RestartableProxy(database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432))
    yield proxy.start()
    proxy.close()


@pytest.fixture
def app_server(proxy, tmp_path):
    """gunicorn with the test settings, its database URL pointing at the proxy."""
    database = connection.settings_dict
    credentials = quote(database["USER"])
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"])
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DJANGO_ENV": "test",
        "DEBUG": "false",
        "DATABASE_URL": f"postgres://{credentials}@127.0.0.1:{proxy.port}/{database['NAME']}",
        "DB_CONN_MAX_AGE": "600",  # persistent connections, as in production
    }
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(  # noqa: S603 - our own command
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(WORKERS),
                "--preload",
                "--log-level",
                "info",
                "--graceful-timeout",
                "2",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = SimpleNamespace(port=port, process=process, log=log_path)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log_path.read_text()
            try:
                if fetch(port, "/healthz").status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not start:\n" + log_path.read_text()
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_requests_during_a_database_restart_get_503_and_the_same_processes_recover(
    proxy, app_server, day_activity, citizen
):
    application = services.submit_application(
        application=make_draft(applicant=citizen, service_type=day_activity),
        user=citizen,
        confirmed_truthful=True,
    )
    session = logged_in(citizen).cookies[settings.SESSION_COOKIE_NAME].value
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"

    def my_applications():
        # Reads the session, the user and their applications: all from the database.
        return fetch(app_server.port, "/mine-soknader/", cookie)

    for _ in range(6):
        page = my_applications()
        assert page.status == 200
        assert application.reference in page.text
    # Persistent connections (CONN_MAX_AGE): at most one per worker so far.
    assert proxy.accepted <= WORKERS + 1  # + the start-up health probe's worker

    connections_before = proxy.accepted
    proxy.outage()
    for _ in range(6):
        page = my_applications()
        assert page.status == 503
        assert page.headers["Retry-After"] == "30"
        assert "Tjenesten er midlertidig utilgjengelig" in page.text
        assert "Ingenting du har sendt inn er tapt" in page.text
        assert "Traceback" not in page.text
        assert "OperationalError" not in page.text
        assert application.reference not in page.text
    health = fetch(app_server.port, "/healthz")
    assert health.status == 503 and '"database": "error"' in health.text

    proxy.restore()
    for _ in range(6):
        page = my_applications()
        assert page.status == 200
        assert application.reference in page.text
    assert fetch(app_server.port, "/healthz").status == 200
    assert proxy.accepted > connections_before  # the workers reconnected by themselves

    # The same app process and workers throughout: nothing was restarted.
    assert app_server.process.poll() is None
    log = app_server.log.read_text()
    assert log.count("Booting worker") == WORKERS, log
