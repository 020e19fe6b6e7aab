"""Tools for the reliability tests: real threads released together, logged-in clients
and sessions, PostgreSQL's free connections, and the database task queue's worker."""

import threading
from unittest import mock

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client

from tests.referrals.helpers import MODEL_BACKEND

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_together(functions, *, timeout: float = 120):
    """Run each function in its own thread; each gets a ``start`` callable to call when
    it is ready (e.g. has opened the form), which waits until every thread is ready.
    Returns ``(results, errors)``, both indexed like ``functions`` (``None`` where the
    function raised, respectively returned). Every thread closes its connection."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)
    errors = [None] * len(functions)

    def start():
        barrier.wait(timeout=timeout)

    def run(index, function):
        try:
            results[index] = function(start)
        except Exception as error:  # noqa: BLE001 - collected and asserted by the caller
            errors[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, function), daemon=True)
        for index, function in enumerate(functions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish in time"
    return results, errors


def run_at_once(functions, *, timeout: float = 120):
    """``run_together`` for functions without a preparation: all start at once."""

    def released(function):
        def run(start):
            start()
            return function()

        return run

    return run_together([released(function) for function in functions], timeout=timeout)


def free_connections() -> int:
    """How many more connections PostgreSQL accepts right now (the suite connects as a
    superuser, who may also use the reserved ones)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        maximum = int(cursor.fetchone()[0])
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
        )
        in_use = cursor.fetchone()[0]
    return maximum - in_use


def logged_in(user) -> Client:
    """A browser of its own, logged in as ``user`` (one per thread: clients keep state)."""
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def session_cookie(user) -> str:
    """A logged-in session for ``user``, stored as a log-in would store it (quick: no
    log-in form, no request), for a browser outside this process. Returns the cookie's
    value. A server that reads it must use this process's SECRET_KEY."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = MODEL_BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def run_worker() -> None:
    """What ``manage.py db_worker --batch`` does: run every task that is due, then stop.
    The package's Worker is used directly so the test process keeps its signal handlers."""
    from django_tasks_db.management.commands import db_worker

    worker = db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"reliability-{threading.get_ident()}",
        excluded_queue_names=[],
    )
    if not connection.in_atomic_block:
        worker.run()
        return
    # Inside a test's transaction: the worker's check for stale connections between
    # tasks would close the test's own connection (it is not in autocommit mode).
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()
