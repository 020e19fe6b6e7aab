"""Querysets whose SQL is compiled once per process, for fixed queries on every request.

The approach of ``portal.permissions`` and ``catalogue.participation.selectors``: the
ORM writes the query's SQL once, with stand-ins (placeholders) for the values that
change between requests, and each request runs that SQL with its own values in their
places. Compiling a query with several joined tables cost more CPU than running it.
``compile_once`` also keeps what the ORM needs to turn the rows into model instances
with their ``select_related`` relations and annotations, so ``run`` returns the same
objects the queryset would (its own fields converted as the queryset would convert
them, the relations cached, the annotations set).

A queryset compiled this way must compile to the same SQL at any time for the same
values: no ``now()`` or other value read while it is built, except the placeholders.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import DEFAULT_FETCH_MODE, get_related_populators


@dataclass(frozen=True)
class CompiledQuery:
    sql: str
    params: tuple[Any, ...]
    # Where each placeholder's value goes among the parameters.
    slots: Mapping[str, tuple[int, ...]]
    select: Any
    klass_info: Any
    annotation_col_map: Mapping[str, int]
    col_count: int


def compile_once(queryset: QuerySet[Any], placeholders: Mapping[str, object]) -> CompiledQuery:
    """The SQL of ``queryset``, built with ``placeholders`` (name → a stand-in value no
    real value equals, each used at least once), and what ``run`` needs to read its rows.
    Call it from a function cached per process (``functools.cache``)."""
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    slots = {
        name: tuple(
            at
            for at, param in enumerate(params)
            if type(param) is type(stand_in) and param == stand_in
        )
        for name, stand_in in placeholders.items()
    }
    if not all(slots.values()):
        raise ValueError(f"A placeholder is missing from the compiled query: {slots}")
    return CompiledQuery(
        sql=sql,
        params=tuple(params),
        slots=slots,
        select=compiler.select,
        klass_info=compiler.klass_info,
        annotation_col_map=dict(compiler.annotation_col_map or {}),
        col_count=compiler.col_count,
    )


def rows(
    queryset: QuerySet[Any, Any], compiled: CompiledQuery, values: Mapping[str, object]
) -> list[list[Any]]:
    """The rows of ``compiled`` with ``values`` in the placeholders' places, each value
    converted as the queryset would convert it (in the order of its select)."""
    params = list(compiled.params)
    for name, positions in compiled.slots.items():
        for at in positions:
            params[at] = values[name]
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        results = cursor.fetchall()
    compiler = queryset.query.get_compiler(using=queryset.db)
    columns = [column[0] for column in compiled.select[: compiled.col_count]]
    converters = compiler.get_converters(columns)
    if not converters:
        return [list(row) for row in results]
    return list(compiler.apply_converters(results, converters))


def run[M: Model](
    queryset: QuerySet[M], compiled: CompiledQuery, values: Mapping[str, object]
) -> list[M]:
    """The rows of ``compiled`` with ``values`` in the placeholders' places, as the model
    instances ``queryset`` (the one compiled, or one like it) would give."""
    db = queryset.db
    klass_info, select = compiled.klass_info, compiled.select
    model = klass_info["model"]
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    init_list = [column[0].target.attname for column in select[start:end]]
    populators = get_related_populators(klass_info, select, db, DEFAULT_FETCH_MODE)
    found: list[M] = []
    for row in rows(queryset, compiled, values):
        obj = model.from_db(db, init_list, row[start:end], fetch_mode=DEFAULT_FETCH_MODE)
        for populator in populators:
            populator.populate(row, obj)
        for name, position in compiled.annotation_col_map.items():
            setattr(obj, name, row[position])
        found.append(obj)
    return found
