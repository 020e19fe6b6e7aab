"""A query plan (``query.Plan``) as SQL: which offers match and how they rank.

What runs: ``apply`` ranks the plan in Python over the in-memory index of the published
offers (``ranking``) and hands the database only the ids it found, by rank, as two
cheap conditions (one parameter each: a PostgreSQL array, a JSON array for SQLite):
the matches (``pk IN (...)``) and ``search_rank`` (``CASE WHEN pk IN (...) THEN rank``
per rank). The ids are computed when the query is compiled, so a caller that only
needs them in order (``catalogue.selectors.search_page``) never builds the SQL.

``apply_sql`` is the earlier engine, the whole plan as full-text conditions, kept as
the reference the Python ranking is tested against (tests/catalogue/
test_search_ranking.py): the same offers, in the same order.

An offer matches when any concept matches. Its rank adds up, for each concept it
matches, the concept's weight times

* COVERAGE (10): so an offer matching more of the query always ranks higher;
* the weights of the fields the concept occurs in: title (A) 2.0, summary, target
  group or category (B) 1.5, unit or place (C) 1.2, description (D) 1.0; an offer that
  is about the thing names it in several;
* OWN_TITLE (1.0) when the very words typed (not a synonym) are in the title.

* PostgreSQL: ``search_vector @@ tsquery`` (GIN index) with weight-restricted
  tsqueries (``dagsent:*A``) for the rank; ``simple`` configuration, as the index holds
  folded words.
* SQLite: FTS5 ``MATCH`` on ``catalogue_offer_search`` with column filters
  (``{a} : ...``), each as a ``pk IN (SELECT rowid ...)`` set.
"""

import json
from collections.abc import Callable

from django.db import connection
from django.db.models import Case, Expression, F, FloatField, Func, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from catalogue.search import ranking
from catalogue.search.query import Concept, Pattern, Plan

_FTS_SELECT = "SELECT rowid FROM catalogue_offer_search WHERE catalogue_offer_search MATCH %s"
COVERAGE = ranking.COVERAGE
OWN_TITLE = ranking.OWN_TITLE
# (PostgreSQL weight, FTS5 column, score)
FIELDS = tuple(zip(("A", "B", "C", "D"), ("a", "b", "c", "d"), ranking.SCORES, strict=True))


# PostgreSQL


def _ts_form(form: str, weight: str) -> str:
    if form.endswith("*"):
        return f"{form[:-1]}:*{weight}"
    return f"{form}:{weight}" if weight else form


def _ts_pattern(pattern: Pattern, weight: str, anywhere: bool = False) -> str:
    words = ["(" + " | ".join(_ts_form(f, weight) for f in forms) + ")" for forms in pattern]
    return "(" + (" & " if anywhere else " <-> ").join(words) + ")"


def ts_concept(concept: Concept, weight: str = "", own: bool = False) -> str:
    patterns = concept.patterns[: concept.own] if own else concept.patterns
    return (
        "("
        + " | ".join(_ts_pattern(p, weight, i < concept.own) for i, p in enumerate(patterns))
        + ")"
    )


def _postgres_match(text: str) -> Q:
    from django.contrib.postgres.search import SearchQuery

    return Q(search_vector=SearchQuery(text, search_type="raw", config="simple"))


# SQLite FTS5


def _fts_form(form: str) -> str:
    return f'"{form[:-1]}"*' if form.endswith("*") else f'"{form}"'


def _fts_pattern(pattern: Pattern, anywhere: bool = False) -> str:
    if len(pattern) == 1:
        return "(" + " OR ".join(_fts_form(f) for f in pattern[0]) + ")"
    if anywhere:  # the words typed: each somewhere in the field
        return "(" + " AND ".join(_fts_pattern((forms,)) for forms in pattern) + ")"
    # A phrase: each word by its first form ("fysisk" + "aktivit"*).
    return "(" + " + ".join(_fts_form(forms[0]) for forms in pattern) + ")"


def fts_concept(concept: Concept, columns: str = "a b c d", own: bool = False) -> str:
    patterns = concept.patterns[: concept.own] if own else concept.patterns
    alternatives = " OR ".join(_fts_pattern(p, i < concept.own) for i, p in enumerate(patterns))
    return "{" + columns + "} : (" + alternatives + ")"


def _fts_match(expression: str) -> Q:
    return Q(
        # The expression is a parameter, built only from folded words ([a-z0-9]).
        pk__in=RawSQL(_FTS_SELECT, [expression])  # noqa: S611
    )


def _match(concept: Concept, field: tuple[str, str] | None, own: bool = False) -> Q:
    """Where ``concept`` occurs: in one field (PostgreSQL weight, FTS5 column) or anywhere."""
    if connection.vendor == "postgresql":
        return _postgres_match(ts_concept(concept, field[0] if field else "", own=own))
    return _fts_match(fts_concept(concept, field[1] if field else "a b c d", own=own))


def _score(condition: Q, score: float) -> Case:
    return Case(When(condition, then=Value(score)), default=Value(0.0), output_field=FloatField())


def apply_sql(queryset: QuerySet, plan: Plan) -> QuerySet:
    """The plan as full-text SQL (the reference for ``apply``)."""
    rank: Expression = Value(0.0, output_field=FloatField())
    for concept in plan.concepts:
        w = concept.weight
        rank = rank + _score(_match(concept, None), COVERAGE * w)
        rank = rank + _score(_match(concept, ("A", "a"), own=True), OWN_TITLE * w)
        for ts_weight, column, score in FIELDS:
            rank = rank + _score(_match(concept, (ts_weight, column)), score * w)
    if connection.vendor == "postgresql":
        condition = _postgres_match(" | ".join(ts_concept(c) for c in plan.concepts))
    else:
        condition = _fts_match(" OR ".join(fts_concept(c) for c in plan.concepts))
    return queryset.filter(condition).annotate(search_rank=rank)


# The plan ranked in Python; the database gets ids.

Classes = list[tuple[float, list[int]]]


def _ids_sql(vendor: str, ids: list[int]) -> tuple[str, list[object]]:
    if vendor == "postgresql":
        return "SELECT unnest(%s::bigint[])", [ids]
    return "SELECT value FROM json_each(%s)", [json.dumps(ids)]


class _Ids(RawSQL):
    """``(SELECT <the ids>)``, the ids read when the query is compiled."""

    def __init__(self, ids: Callable[[], list[int]]) -> None:
        super().__init__("", ())
        self._ids = ids

    def as_sql(self, compiler, connection):
        sql, params = _ids_sql(connection.vendor, self._ids())
        return f"({sql})", params


class _Rank(Func):
    """``CASE WHEN pk IN (<ids>) THEN <rank> ... ELSE 0 END``, one branch per rank."""

    output_field = FloatField()

    def __init__(self, classes: Callable[[], Classes]) -> None:
        super().__init__(F("pk"))
        self._classes = classes

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, pk_params = compiler.compile(self.get_source_expressions()[0])
        branches, params = [], []
        for rank, ids in self._classes():
            sql, ids_params = _ids_sql(connection.vendor, ids)
            branches.append(f"WHEN {pk_sql} IN ({sql}) THEN %s")
            params += [*pk_params, *ids_params, rank]
        if not branches:  # no match: a constant, but one PostgreSQL accepts in ORDER BY
            return f"(CASE WHEN {pk_sql} IS NULL THEN %s ELSE %s END)", [*pk_params, 0.0, 0.0]
        return "(CASE " + " ".join(branches) + " ELSE %s END)", [*params, 0.0]


def apply(queryset: QuerySet, plan: Plan) -> QuerySet:
    index = ranking.current()
    found: list[Classes] = []

    def classes() -> Classes:
        if not found:
            ids = index.ids
            found.append(
                [
                    (rank, [ids[place] for place in ranking.places(members)])
                    for rank, members in index.classes(plan)
                ]
            )
        return found[0]

    def matching() -> list[int]:
        return [pk for _, ids in classes() for pk in ids]

    return queryset.filter(pk__in=_Ids(matching)).annotate(search_rank=_Rank(classes))
