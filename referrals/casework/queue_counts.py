"""Cached counts for the caseworkers' queue: the cases per status over a user's whole
scope, and the number of cases matching the filters (the paginator's total).

Counting tens of thousands of applications on every queue visit is most of the
queue's cost, and the figures change only when an application is submitted, changes
status, is (re)assigned or gets a preliminary reply (which moves its due date). Each of
these writes a timeline event (``services.submit_application``,
``case_services.change_status``, ``casework.assign_case``, the message
``casework.send_preliminary_reply`` sends), so the newest event's id is a version
that moves whenever a count may have changed. It is read from the database on every
visit (one index lookup), which keeps the counts exact across app servers even with a
per-process cache. The cache entries are keyed by that version and by the SQL of the
counted queryset (so every scope and every filter combination, including the day the
date filters are relative to, has its own entry), and expire after ``COUNTS_TTL``
seconds in any case, which bounds how long a change that writes no event (an edit in
the admin, two transactions committing out of order) can go unseen. The queue's rows
are always read fresh (see ``views_casework.QueuePaginator``); only the figures can lag.
"""

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, QuerySet

from referrals.cases.models import Application, ApplicationEvent

COUNTS_TTL = 60
KEY_PREFIX = "casework:queue"


def data_version() -> int:
    """Moves whenever an application's status or caseworker may have changed. Plain SQL
    (names from the model): the ORM's aggregate cost ten times more CPU to build than
    the index lookup takes, on every queue visit."""
    quote = connection.ops.quote_name
    primary_key = ApplicationEvent._meta.pk.column
    assert primary_key is not None  # noqa: S101 - a concrete model's key has a column
    table, column = quote(ApplicationEvent._meta.db_table), quote(primary_key)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX({column}) FROM {table}")  # noqa: S608 - no input
        row = cursor.fetchone()
    return int(row[0] or 0) if row else 0


def _key(kind: str, queryset: QuerySet[Application, object], version: int) -> str | None:
    """None for a queryset that matches nothing whatever the data (``none()``)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{kind}:{version}:{digest}"


def status_counts(scope: QuerySet[Application], *, version: int) -> dict[str, int]:
    """Applications per status in ``scope``, from one grouped query at most."""
    grouped = scope.order_by().values("status").annotate(n=Count("*")).values_list("status", "n")
    key = _key("status", grouped, version)
    if key is None:
        return {}
    counts: dict[str, int] | None = cache.get(key)
    if counts is None:
        counts = dict(grouped)
        cache.set(key, counts, COUNTS_TTL)
    return counts


def count(queryset: QuerySet[Application], *, version: int) -> int:
    """``queryset.count()``, cached."""
    counted = queryset.order_by()
    key = _key("count", counted, version)
    if key is None:
        return 0
    total: int | None = cache.get(key)
    if total is None:
        total = counted.count()
        cache.set(key, total, COUNTS_TTL)
    return total
