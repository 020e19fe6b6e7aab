"""Two hundred citizens double-click "Send søknaden" at the same moment, as real traffic
reaches the portal: real browsers' requests over HTTP (the standard library's
http.client, each citizen its own thread and connections) to gunicorn in its own
process, several workers with threads, as in production, each thread holding one
persistent database connection. Every click gets a redirect to its draft's receipt
(never a 5xx), and each draft becomes one application with its own reference, one
"submitted" event and one queued e-mail.

The test database is committed (transactional_db) so the server process sees the
drafts and sessions made here. PostgreSQL only: the submit takes row locks, and SQLite
serialises every writer."""

import http.client
import re
import time
from collections import Counter
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from portal.roles import Role
from referrals.cases.models import Application, ApplicationEvent, ReferenceSequence
from tests.factories import UserFactory
from tests.multi_machine.processes import AppServer, database_url, process_environment
from tests.referrals.helpers import make_draft
from tests.reliability.helpers import run_together, session_cookie

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CITIZENS = 200
CLICKS = 2  # a double click
# The server's pool: at most WORKERS * THREADS requests (and database connections) at once.
WORKERS = 4
THREADS = 4
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class PooledAppServer(AppServer):
    """processes.AppServer (one sync worker) with a pool of threaded workers."""

    def __init__(self, name, env, log_dir, *, workers: int, threads: int):
        super().__init__(name, env, log_dir)
        position = self.args.index("--workers")
        self.args[position + 1] = str(workers)
        self.args += ["--worker-class", "gthread", "--threads", str(threads)]


@pytest.fixture
def app_server(connection_budget, tmp_path):
    connection_budget(WORKERS * THREADS + 5)
    env = process_environment(
        DATABASE_URL=database_url(connection.settings_dict),
        DB_CONN_MAX_AGE="600",  # persistent connections, as in production
        # The sessions are signed here: the server must know the same key.
        SECRET_KEY=settings.SECRET_KEY,
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path / "outbox"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    (tmp_path / "logs").mkdir()
    server = PooledAppServer("app", env, tmp_path / "logs", workers=WORKERS, threads=THREADS)
    try:
        yield server.start()
    finally:
        server.stop()


def send(port: int, method: str, path: str, cookies: dict, form: dict | None = None):
    """Start one request on a new connection, as a browser does for a click while its
    previous request is still under way; ``getresponse()`` on the result waits for it."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {
        "Host": f"127.0.0.1:{port}",
        "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
    }
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    return conn


def answer(conn: http.client.HTTPConnection) -> tuple[int, str | None, str]:
    try:
        response = conn.getresponse()
        return response.status, response.getheader("Location"), response.read().decode()
    finally:
        conn.close()


def test_two_hundred_double_clicks_over_http_make_one_application_per_draft(
    app_server, day_activity
):
    started = time.monotonic()
    citizens = UserFactory.create_batch(CITIZENS, roles=[Role.CITIZEN])
    drafts = [make_draft(applicant=citizen, service_type=day_activity) for citizen in citizens]
    sessions = [session_cookie(citizen) for citizen in citizens]
    port = app_server.port

    def citizen_double_clicks(n):
        def run(start):
            cookies = {settings.SESSION_COOKIE_NAME: sessions[n]}
            # The citizen opens the last step; the form carries the CSRF token and the
            # response sets the cookie it is checked against.
            review = send(port, "GET", f"/soknad/{drafts[n].public_id}/oppsummering/", cookies)
            response = review.getresponse()
            page = response.read().decode()
            review.close()
            assert response.status == 200, response.status
            for header in response.headers.get_all("Set-Cookie") or []:
                cookies.update({name: m.value for name, m in SimpleCookie(header).items()})
            assert settings.CSRF_COOKIE_NAME in cookies
            form = {
                "csrfmiddlewaretoken": CSRF_FIELD.search(page).group(1),
                "confirmed_truthful": "on",
            }
            submit = f"/soknad/{drafts[n].public_id}/send/"
            start()  # every citizen has the page open: all click now
            clicks = [send(port, "POST", submit, cookies, form) for _ in range(CLICKS)]
            responses = [answer(click) for click in clicks]
            # The browser shows where the last click leads.
            status, location, _ = responses[-1]
            receipt = answer(send(port, "GET", location, cookies)) if status == 302 else None
            return responses, receipt

        return run

    prepared = time.monotonic()
    results, errors = run_together([citizen_double_clicks(n) for n in range(CITIZENS)], timeout=60)
    clicked = time.monotonic()
    assert not any(errors), [e for e in errors if e][:5]

    # The server never held more database connections than its threads, plus one per
    # worker for the worker's own main thread (connections persist, so every one it
    # opened is still there): the database sees a bounded pool, not 400 clients.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert 0 < cursor.fetchone()[0] <= WORKERS * (THREADS + 1)

    statuses = Counter(status for responses, _ in results for status, _, _ in responses)
    assert statuses == {302: CITIZENS * CLICKS}, statuses  # no 5xx, no error page

    # No duplicates: one application per draft, each with its own reference, each
    # reference drawn once, one "submitted" event each.
    assert Application.objects.count() == CITIZENS
    assert Application.objects.filter(status=Application.Status.SUBMITTED).count() == CITIZENS
    references = list(Application.objects.values_list("reference", flat=True))
    assert len(set(references)) == CITIZENS
    assert sum(ReferenceSequence.objects.values_list("last_number", flat=True)) == CITIZENS
    events = Counter(
        ApplicationEvent.objects.filter(kind=ApplicationEvent.Kind.SUBMITTED).values_list(
            "application_id", flat=True
        )
    )
    assert len(events) == CITIZENS
    assert not {pk: n for pk, n in events.items() if n > 1}, "submitted more than once"

    # One e-mail queued for each citizen (the server's database task queue).
    recipients = Counter(
        address
        for result in DBTaskResult.objects.filter(task_path="portal.tasks.send_email")
        for address in result.args_kwargs["kwargs"]["to"]
    )
    assert set(recipients) == {citizen.email for citizen in citizens}
    assert not {a: n for a, n in recipients.items() if n > 1}, "e-mailed more than once"

    # Both clicks led to the draft's receipt, and the receipt shows its reference.
    for draft, (responses, receipt) in zip(drafts, results, strict=True):
        draft.refresh_from_db()
        receipt_url = f"/soknad/kvittering/{draft.reference}/"
        assert [location for _, location, _ in responses] == [receipt_url] * CLICKS
        assert receipt[0] == 200 and draft.reference in receipt[2]

    # Nothing went wrong inside the server either.
    log = app_server.output()
    assert "Traceback" not in log and "[ERROR]" not in log, log[-3000:]
    print(
        f"set-up {prepared - started:.1f} s, {CITIZENS} citizens' double clicks "
        f"{clicked - prepared:.1f} s"
    )
