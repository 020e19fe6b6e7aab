"""The task log: a task that succeeds says nothing, one that fails is logged at ERROR."""

import logging

from django.tasks import task
from django.tasks.base import TaskResultStatus


@task
def succeeds() -> int:
    return 1


@task
def fails() -> None:
    raise RuntimeError("the mail server said no")


def _task_records(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name.startswith("django.tasks")]


def test_a_task_that_succeeds_is_not_logged(caplog):
    caplog.set_level(logging.INFO)

    result = succeeds.enqueue()

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert _task_records(caplog) == []


def test_a_task_that_fails_is_logged_at_error_with_its_traceback(caplog):
    caplog.set_level(logging.INFO)

    result = fails.enqueue()

    assert result.status == TaskResultStatus.FAILED
    records = _task_records(caplog)
    assert [record.levelno for record in records] == [logging.ERROR]
    assert records[0].exc_info is not None
    assert "RuntimeError" in caplog.text
