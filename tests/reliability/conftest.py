"""Fixtures for the reliability tests: PostgreSQL's connection budget, the database task
queue, a mail server that can be switched off. The tools (threads released together,
logged-in clients, the task worker) are in tests/reliability/helpers.py.

Tests that need real concurrent transactions are marked ``postgres`` (skipped on SQLite,
which serialises writers and has no row locks); they use ``transactional_db`` so every
thread sees what the others committed."""

import pytest

from tests.reliability.helpers import DATABASE_TASKS, free_connections
from tests.reliability.mail import BACKEND as SWITCHABLE_MAIL_BACKEND
from tests.reliability.mail import MAIL_SERVER


@pytest.fixture
def connection_budget(transactional_db):
    """``connection_budget(n)`` skips the test, saying why, when PostgreSQL cannot give
    it ``n`` more connections now (other test runs share the server)."""

    def require(needed: int, *, spare: int = 10) -> None:
        available = free_connections()
        if available < needed + spare:
            pytest.skip(
                f"needs {needed} concurrent PostgreSQL connections (+{spare} spare) but only "
                f"{available} are free (SHOW max_connections minus those in use)"
            )

    return require


@pytest.fixture
def mail_server(settings):
    """The switchable mail server as the default mailer; up unless a test switches it off."""
    settings.MAILERS = {"default": {"BACKEND": SWITCHABLE_MAIL_BACKEND}}
    MAIL_SERVER.down = False
    MAIL_SERVER.attempts = 0
    yield MAIL_SERVER
    MAIL_SERVER.down = False


@pytest.fixture
def database_tasks(settings):
    """Tasks go to django-tasks-db (as in production) instead of running immediately."""
    settings.TASKS = DATABASE_TASKS
