"""A query plan (``query.Plan``) as SQL: which offers match and how they rank.

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

from django.db import connection
from django.db.models import Case, Expression, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from catalogue.search.query import Concept, Pattern, Plan

_FTS_SELECT = "SELECT rowid FROM catalogue_offer_search WHERE catalogue_offer_search MATCH %s"
COVERAGE = 10.0
OWN_TITLE = 1.0
# (PostgreSQL weight, FTS5 column, score)
FIELDS = (("A", "a", 2.0), ("B", "b", 1.5), ("C", "c", 1.2), ("D", "d", 1.0))


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


def apply(queryset: QuerySet, plan: Plan) -> QuerySet:
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
