"""Free-text search in the catalogue that copes with Norwegian.

Norwegian glues words together ("dagsenter", "fritidsaktiviteter") and inflects them
("dagsenteret", "dagsentrene", nynorsk "turgruppa"). Two backends, chosen by
``settings.USING_POSTGRES``:

* PostgreSQL: full-text search in the ``norwegian`` configuration over a stored,
  weighted ``Offer.search_vector`` (title A > summary B > description C > unit D; kept
  current by a trigger, see migration 0004), queried with prefixes (``term:*``) of both
  the word and a light stem of it, OR the stems as substrings of the titles (compound
  tails; served by a pg_trgm GIN index). Ranked by ``ts_rank`` plus a bonus for a title
  match. When that finds nothing, trigram word similarity on the titles catches
  misspellings and missing accents.
* SQLite (development, tests): every word must occur, as a light stem, somewhere in the
  offer's texts (case-insensitive substring); ranked by where it occurred.
"""

import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import (
    Case,
    CharField,
    Expression,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

# Words that carry no meaning in a search for an offer (bokmål, nynorsk, English).
STOPWORDS = frozenset(
    [
        "og",
        "i",
        "på",
        "for",
        "med",
        "til",
        "av",
        "som",
        "en",
        "ei",
        "et",
        "den",
        "det",
        "de",
        "er",
        "å",
        "at",
        "om",
        "fra",
        "frå",
        "har",
        "jeg",
        "eg",
        "meg",
        "du",
        "deg",
        "vi",
        "oss",
        "dei",
        "dem",
        "kan",
        "vil",
        "skal",
        "man",
        "noe",
        "noko",
        "alle",
        "eller",
        "ikke",
        "ikkje",
        "the",
        "a",
        "an",
        "and",
        "of",
        "for",
        "in",
        "on",
        "to",
        "with",
        "at",
        "by",
    ]
)

# Endings stripped to reach a stem that prefixes the other forms of the word (longest
# first). Definite and plural forms in bokmål and nynorsk, common derivations.
SUFFIXES = sorted(
    [
        "hetene",
        "hetens",
        "heten",
        "heter",
        "het",
        "endes",
        "ende",
        "ande",
        "edes",
        "ede",
        "enes",
        "ene",
        "ane",
        "ens",
        "ets",
        "ers",
        "ingane",
        "ingar",
        "ingen",
        "inga",
        "ninga",
        "ningen",
        "ning",
        "ing",
        "ene",
        "ane",
        "en",
        "et",
        "er",
        "ar",
        "as",
        "es",
        "a",
        "e",
        "s",
    ],
    key=len,
    reverse=True,
)
MIN_STEM = 4

_WORD = re.compile(r"[0-9a-zæøåäöüéèêóòôáà]+")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").lower()
    return (
        text.replace("é", "e")
        .replace("è", "e")
        .replace("ê", "e")
        .replace("ó", "o")
        .replace("ò", "o")
    )


def terms(query: str) -> list[str]:
    """The meaningful words of a query, lower-cased, at most MAX_TERMS."""
    words = _WORD.findall(normalise(query[:MAX_QUERY_LENGTH]))
    result = [w for w in words if w not in STOPWORDS and len(w) > 1]
    return list(dict.fromkeys(result))[:MAX_TERMS]


def stem(word: str) -> str:
    """A light Norwegian stem: the word without its inflectional ending, with
    "sentr-"/"teatr-" (dagsentrene) turned back into "sent-"/"teat-" so that it
    prefixes "dagsenter" as well."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
            break
    if word.endswith("tr") and len(word) > MIN_STEM:
        word = word[:-1]
    return word


def variants(word: str) -> list[str]:
    """Substrings that stand for the word in the SQLite fallback."""
    base = stem(word)
    found = [base]
    if base.endswith("e"):
        found.append(base[:-1] + "é")  # kafe → kafé
    return found


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Offers in ``queryset`` matching ``query``, annotated with ``search_rank``."""
    words = terms(query)
    if not words:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if settings.USING_POSTGRES:
        return _search_postgres(queryset, words)
    return _search_fallback(queryset, words)


def _title_document() -> Func:
    """All three titles, lower-cased: the expression the trigram GIN index is built on."""
    return Func(
        F("title"),
        F("title_nn"),
        F("title_en"),
        template="lower(%(expressions)s)",
        arg_joiner=" || ' ' || ",
        output_field=CharField(),
    )


def tsquery_text(words: list[str]) -> str:
    """A raw tsquery: every word must match, as a prefix of itself or of its stem."""
    parts = []
    for word in words:
        alternatives = dict.fromkeys([word, stem(word)])
        parts.append(
            "(" + " | ".join(f"{re.sub(r'[^0-9a-zæøå]', '', a)}:*" for a in alternatives if a) + ")"
        )
    return " & ".join(p for p in parts if p != "()")


def _search_postgres(queryset: QuerySet, words: list[str]) -> QuerySet:
    tsquery = SearchQuery(tsquery_text(words), search_type="raw", config="norwegian")
    queryset = queryset.alias(title_doc=_title_document())
    # Word parts inside compound titles ("trening" in "Bassengtrening"), which
    # full-text search cannot see; the trigram GIN index serves LIKE '%…%'.
    parts = [stem(word) for word in words if len(word) >= MIN_STEM]
    in_title = Q(*(Q(title_doc__contains=part) for part in parts)) if parts else None
    condition = Q(search_vector=tsquery) | in_title if in_title else Q(search_vector=tsquery)
    matched = queryset.filter(condition)
    if matched.exists():
        rank: Expression = SearchRank(F("search_vector"), tsquery, weights=[0.1, 0.3, 0.6, 1.0])
        if in_title is not None:
            rank = rank + Case(
                When(in_title, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
            )
        return matched.annotate(search_rank=rank)
    # Nothing found: perhaps a misspelling or an accent ("strikkekafe", "dagsentr").
    # Trigram word similarity on the titles; only now, as it is costly row by row.
    text = " ".join(words)
    return queryset.filter(title_doc__trigram_word_similar=text).annotate(
        search_rank=TrigramWordSimilarity(text, _title_document())
    )


TITLE_FIELDS = ("title", "title_nn", "title_en")
SUMMARY_FIELDS = ("summary", "summary_nn", "summary_en")
OTHER_FIELDS = (
    "description",
    "description_nn",
    "description_en",
    "suits",
    "suits_nn",
    "suits_en",
    "unit__name",
)


def _any(fields: tuple[str, ...], word: str) -> Q:
    condition = Q()
    for variant in variants(word):
        for field in fields:
            condition |= Q(**{f"{field}__icontains": variant})
    return condition


def _search_fallback(queryset: QuerySet, words: list[str]) -> QuerySet:
    score: Expression = Value(0)
    for word in words:
        in_title = _any(TITLE_FIELDS, word)
        in_summary = _any(SUMMARY_FIELDS, word)
        in_other = _any(OTHER_FIELDS, word)
        queryset = queryset.filter(in_title | in_summary | in_other)
        score = score + Case(
            When(in_title, then=Value(4)),
            When(in_summary, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return queryset.annotate(search_rank=score)
