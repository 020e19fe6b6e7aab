"""Free-text search in the catalogue that finds what citizens mean.

``search(queryset, query)`` is the one entry point (the public list, the brochure, the
open-data API); ``understand(query)`` tells what it made of the words (for "did you
mean" and the page that says nothing was found). The parts:

* ``text``: folding (æøå ↔ ae/o/aa, accents), words, stop words, light stems;
* ``dictionary``, ``compounds``: splitting compounds with the Norwegian dictionaries;
* ``lexicon``: words and phrases meaning the same (shipped, and staff's in the admin);
* ``vocabulary``: the catalogue's own words, for unknown words and misspellings;
* ``query``: the plan, the same on SQLite and PostgreSQL;
* ``index``: what is indexed for each offer, and keeping it current;
* ``ranking``: the plan matched and ranked in Python over an in-memory index of the
  published offers (per process and version of the catalogue);
* ``backends``: the ranked ids as SQL conditions (and the earlier full-text SQL, the
  reference the ranking is tested against).

See docs/search.md for how it was measured.
"""

from django.db.models import FloatField, QuerySet, Value

from catalogue.search import lexicon, ranking, vocabulary
from catalogue.search.query import Plan
from catalogue.search.query import understand as _understand
from catalogue.search.text import MAX_QUERY_LENGTH, fold, stem, words

__all__ = [
    "MAX_QUERY_LENGTH",
    "Plan",
    "fold",
    "ranked_ids",
    "search",
    "stem",
    "understand",
    "words",
]

MAX_PLANS = 512
# Plans made under one vocabulary and lexicon (held, so they are compared by identity).
_plans: tuple[object, object, dict[str, Plan]] = (None, None, {})


def understand(query: str) -> Plan:
    """The plan for ``query`` under the current vocabulary and lexicon (memoised)."""
    global _plans
    vocab, lex = vocabulary.current(), lexicon.current()
    if _plans[0] is not vocab or _plans[1] is not lex or len(_plans[2]) >= MAX_PLANS:
        _plans = (vocab, lex, {})
    plans = _plans[2]
    plan = plans.get(query)
    if plan is None:
        plan = plans[query] = _understand(query, vocab, lex)
    return plan


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Offers in ``queryset`` matching ``query``, annotated with ``search_rank``;
    ``queryset`` unchanged (rank 0) when the query holds no meaningful word."""
    from catalogue.search import backends

    plan = understand(query)
    if not plan:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    return backends.apply(queryset, plan)


def ranked_ids(query: str) -> ranking.Ranked | None:
    """The ids of the published offers matching ``query``, best first, then by title
    and pk (the order of ``search(...)`` sorted by rank), as a sequence that counts and
    slices without listing them all (``ranking.Ranked``: ``.keep(bitmap)`` narrows it);
    None when the query holds no meaningful word. From the in-memory index: no query
    once it is read."""
    plan = understand(query)
    if not plan:
        return None
    index = ranking.current()
    return ranking.Ranked(index, index.classes(plan))
