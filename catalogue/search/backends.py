"""A query plan (``query.Plan``) as SQL: which offers match and how they rank.

An offer matches when any concept matches. Its rank is the sum over the concepts of
the concept's weight times where it matched best: the words typed in a title or
category 2.0, a synonym there (A) 1.6, in a summary, target group, unit or place (B)
1.3, elsewhere 1.0. So an offer matching more
of the query ranks higher, and among those the one matching in its title first.

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
OWN_TITLE_SCORE = 2.0
FIELD_SCORES = (("A", "a", 1.6), ("B", "b", 1.3))
ANYWHERE_SCORE = 1.0


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


def fts_concept(concept: Concept, columns: str = "a b c", own: bool = False) -> str:
    patterns = concept.patterns[: concept.own] if own else concept.patterns
    alternatives = " OR ".join(_fts_pattern(p, i < concept.own) for i, p in enumerate(patterns))
    return "{" + columns + "} : (" + alternatives + ")"


def _fts_match(expression: str) -> Q:
    return Q(
        # The expression is a parameter, built only from folded words ([a-z0-9]).
        pk__in=RawSQL(_FTS_SELECT, [expression])  # noqa: S611
    )


def apply(queryset: QuerySet, plan: Plan) -> QuerySet:
    postgres = connection.vendor == "postgresql"
    rank: Expression = Value(0.0, output_field=FloatField())
    for concept in plan.concepts:
        own_title = (
            _postgres_match(ts_concept(concept, "A", own=True))
            if postgres
            else _fts_match(fts_concept(concept, "a", own=True))
        )
        whens = [When(own_title, then=Value(OWN_TITLE_SCORE * concept.weight))]
        for ts_weight, column, score in FIELD_SCORES:
            condition = (
                _postgres_match(ts_concept(concept, ts_weight))
                if postgres
                else _fts_match(fts_concept(concept, column))
            )
            whens.append(When(condition, then=Value(score * concept.weight)))
        anywhere = (
            _postgres_match(ts_concept(concept)) if postgres else _fts_match(fts_concept(concept))
        )
        whens.append(When(anywhere, then=Value(ANYWHERE_SCORE * concept.weight)))
        rank = rank + Case(*whens, default=Value(0.0), output_field=FloatField())
    if postgres:
        condition = _postgres_match(" | ".join(ts_concept(c) for c in plan.concepts))
    else:
        condition = _fts_match(" OR ".join(fts_concept(c) for c in plan.concepts))
    return queryset.filter(condition).annotate(search_rank=rank)
