"""The empty database after a committing test, restored from a copy instead of rebuilt.

After each test that commits (browser journeys, several processes, concurrency), the
test runner empties every table with ``flush`` and then sends ``post_migrate``, as if
the database had just been migrated: Django creates every content type and permission
again and the portal its role groups (``portal.roles.sync_role_groups``). That costs
about 0.8 s of CPU per test, more than most journeys' own database work.

What ``post_migrate`` leaves in an empty database is the same every time. The first
flush in a process sends the signal for real and keeps a copy of every row it left;
each later flush puts that copy back with plain INSERTs (a few milliseconds). The
content types keep the ids the first flush gave them, so Django's content-type cache
stays right.
"""

from collections.abc import Callable
from typing import Any

from django.core.management.commands import flush as flush_command
from django.db import connections, transaction

Rows = list[tuple[Any, ...]]
Snapshot = list[tuple[str, list[str], Rows]]

_snapshots: dict[str, Snapshot] = {}


def _take(alias: str) -> Snapshot:
    connection = connections[alias]
    quote = connection.ops.quote_name
    snapshot: Snapshot = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - Django's own table names
            rows = cursor.fetchall()
            if rows:
                columns = [column[0] for column in cursor.description]
                snapshot.append((table, columns, rows))
    return snapshot


def _restore(alias: str, snapshot: Snapshot) -> None:
    connection = connections[alias]
    quote = connection.ops.quote_name
    # One transaction: the foreign keys Django creates are checked at its end.
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        for table, columns, rows in snapshot:
            names = ", ".join(quote(column) for column in columns)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})",  # noqa: S608
                rows,
            )


def install() -> Callable[[], None]:
    """Replace the flush command's ``post_migrate``; returns the function that undoes it."""
    real = flush_command.emit_post_migrate_signal

    def emit_post_migrate_signal(verbosity: int, interactive: bool, db: str, **kwargs: Any) -> None:
        snapshot = _snapshots.get(db)
        if snapshot is None:
            real(verbosity, interactive, db, **kwargs)
            _snapshots[db] = _take(db)
        else:
            _restore(db, snapshot)

    flush_command.emit_post_migrate_signal = emit_post_migrate_signal  # type: ignore[assignment]

    def uninstall() -> None:
        flush_command.emit_post_migrate_signal = real

    return uninstall
