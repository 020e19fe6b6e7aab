"""The portal on more than one machine: two gunicorn app servers and several
`manage.py db_worker` processes against one PostgreSQL database, as separate processes.

- A visitor logs in on one app server and goes on on the other with the same cookie;
  the session also survives restarting an app server (and, with Redis, flushing Redis).
- An e-mail queued by a request on an app server is sent exactly once by the workers,
  and three workers at once run every one of many queued tasks exactly once.

PostgreSQL only: the workers claim tasks with SELECT ... FOR UPDATE SKIP LOCKED, and
SQLite is one file on one machine.
"""

import email
import secrets
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from portal.tasks import send_email
from tests.factories import DEFAULT_PASSWORD
from tests.multi_machine.processes import (
    AppServer,
    RedisServer,
    Visitor,
    database_url,
    db_worker,
    process_environment,
)
from tests.portal.users import user_with_password

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

LOGIN = "/konto/logg-inn/"
MY_APPLICATIONS = "/mine-soknader/"
SEPARATOR = "-" * 79


@pytest.fixture
def machine_env(tmp_path):
    """The environment every machine gets: the same database, secret key, task queue
    and (for the test) an outbox folder standing in for the mail server."""

    def make(**changes: str) -> dict[str, str]:
        return process_environment(
            DATABASE_URL=database_url(connection.settings_dict),
            SECRET_KEY=shared_secret,
            TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(tmp_path / "outbox"),
            MEDIA_ROOT=str(tmp_path / "media"),
            **changes,
        )

    shared_secret = secrets.token_urlsafe(50)
    return make


def outbox(tmp_path: Path) -> list[email.message.Message]:
    messages = []
    for path in sorted((tmp_path / "outbox").glob("*.log")):
        for chunk in path.read_text().split(f"\n{SEPARATOR}\n"):
            if chunk.strip():
                messages.append(email.message_from_string(chunk.lstrip("\n")))
    return messages


def assert_logged_in(visitor: Visitor, server: AppServer) -> None:
    status, headers, _body = visitor.get(server, MY_APPLICATIONS)
    assert status == 200, f"{server.name}: {status} {headers.get('Location')}"


def assert_logged_out(visitor: Visitor, server: AppServer) -> None:
    status, headers, _body = visitor.get(server, MY_APPLICATIONS)
    assert status == 302
    assert headers["Location"].startswith(LOGIN)


@pytest.mark.parametrize("cache", ["database", "redis"])
def test_a_session_started_on_one_server_continues_on_the_other(
    cache, machine_env, started, tmp_path
):
    changes = {}
    redis = None
    if cache == "redis":
        if not shutil.which("redis-server"):
            pytest.skip("redis-server is not installed")
        redis = started(RedisServer(tmp_path / "logs"))
        changes["REDIS_URL"] = redis.url
    env = machine_env(**changes)
    user_with_password(email="kari@example.no")
    first = started(AppServer("server-1", env, tmp_path / "logs"), wait=False)
    second = started(AppServer("server-2", env, tmp_path / "logs"), wait=False)
    first.wait_until_ready()
    second.wait_until_ready()
    visitor = Visitor()
    assert_logged_out(visitor, second)

    status, headers, _body = visitor.post_form(
        first, LOGIN, {"username": "kari@example.no", "password": DEFAULT_PASSWORD}
    )
    assert status == 302, "the log-in on server 1 failed"
    assert headers["Location"] == "/"
    assert "sessionid" in visitor.cookies
    assert_logged_in(visitor, second)

    if redis is None:
        # Nothing lives in an app server's memory: a restarted server knows the session.
        first.restart()
        assert_logged_in(visitor, first)
    else:
        import redis as redis_client

        cache_server = redis_client.Redis.from_url(redis.url)
        assert list(cache_server.scan_iter(match="*session*")), "no session cached"
        # "cached_db": when Redis loses its memory, the database still has the session.
        cache_server.flushall()
        assert_logged_in(visitor, first)

    # A POST with CSRF on server 2 (log out) ends the session on server 1 too.
    status, _headers, _body = visitor.post_form(
        second, "/konto/logg-ut/", {}, token_from=MY_APPLICATIONS
    )
    assert status == 302
    assert_logged_out(visitor, first)


def test_several_workers_run_every_queued_task_exactly_once(
    machine_env, started, tmp_path, settings
):
    env = machine_env()
    user_with_password(email="kari@example.no")
    logs = tmp_path / "logs"
    server = started(AppServer("server-1", env, logs), wait=False)
    # Three workers at once, as in production: each polls the queue until stopped.
    workers = [started(db_worker(f"worker-{n}", env, logs, "--interval", "0.2")) for n in range(3)]
    server.wait_until_ready()

    # A request on the app server queues an e-mail (password reset) and returns at once.
    status, _headers, _body = Visitor().post_form(
        server, "/konto/glemt-passord/", {"email": "kari@example.no"}
    )
    assert status == 302, "the password reset request failed"
    # Many more, queued by this process as another app server would.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    tasks = 40
    for number in range(tasks):
        send_email.enqueue(
            to=[f"mottaker{number}@example.no"], subject=f"Oppgave {number}", body="Hei."
        )
    total = tasks + 1

    deadline = time.monotonic() + 60
    while DBTaskResult.objects.exclude(status="SUCCESSFUL").exists() or (
        DBTaskResult.objects.count() < total
    ):
        for worker in workers:
            assert worker.running(), worker.output()[-3000:]
        assert time.monotonic() < deadline, "the workers did not finish the queue"
        time.sleep(0.2)
    time.sleep(0.5)  # a task run twice would show up in the outbox by now
    for worker in workers:
        worker.ask_to_stop()
    for worker in workers:
        worker.wait_until_stopped()

    results = list(DBTaskResult.objects.all())
    assert len(results) == total
    assert all(len(result.worker_ids) == 1 for result in results)
    messages = outbox(tmp_path)
    recipients = Counter(message["To"] for message in messages)
    assert len(messages) == total
    assert recipients["kari@example.no"] == 1
    assert all(recipients[f"mottaker{number}@example.no"] == 1 for number in range(tasks))
    shares = Counter(result.worker_ids[0] for result in results)
    print(f"tasks per worker: {sorted(shares.values(), reverse=True)}")
