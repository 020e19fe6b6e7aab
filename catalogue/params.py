"""The GET parameters of the cached public responses, canonicalised.

Every view whose response is cached (the list, the offer page, the API's lists, the
printed brochure) declares the parameters it reads, each with how its values are
canonicalised, and ``canonical()`` keeps exactly those, canonicalised and sorted by
name. The view builds its cache key from the result *and renders from it* (never from
``request.GET``), so:

- a parameter the view does not read (``?z=…``, ``?utm_source=…``) changes neither
  the key nor the response: no new entry, no new render;
- two spellings of the same request (``?b=2&a=1`` and ``?a=1&b=2``, ``?side=02`` and
  ``?side=2``) share one entry;
- nothing the response depends on can be missing from the key, because the response
  only ever sees what the key was built from.
"""

from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

Canonicaliser = Callable[[list[str]], list[str]]

# Values read of one repeatable parameter (catalogue.filters reads the same number).
MAX_VALUES = 50
# Longer digit strings are left as given (Python refuses int() of more than 4300
# digits; the views answer such values as they always have).
MAX_DIGITS = 100


def one(values: list[str]) -> list[str]:
    """A parameter read once: the last value given (``QueryDict.get``), trimmed; none
    when it is blank."""
    value = values[-1].strip() if values else ""
    return [value] if value else []


def text(limit: int) -> Canonicaliser:
    """Free text read once, of which the view uses the first ``limit`` characters."""

    def canonicalise(values: list[str]) -> list[str]:
        return [value[:limit].strip() for value in one(values)]

    return canonicalise


def many(values: list[str]) -> list[str]:
    """A repeatable parameter: the first MAX_VALUES values in their order, blanks left
    out."""
    return [value for value in values[:MAX_VALUES] if value.strip()]


def _whole(value: str) -> int | None:
    value = value.strip()
    if not value or len(value.lstrip("+-")) > MAX_DIGITS:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def page_number(values: list[str]) -> list[str]:
    """A page number for Django's ``Paginator.get_page``: 2 or more as digits; anything
    else (missing, 1, 0, negative, not a number) is the first page and left out."""
    number = _whole(one(values)[0]) if one(values) else None
    return [str(number)] if number is not None and number > 1 else []


def whole_number(maximum: int | None = None) -> Canonicaliser:
    """A whole number read once, written without sign or leading zeros and capped at
    ``maximum``. A value that is not a whole number is kept as given, so the view can
    answer that it is wrong (such answers are not cached)."""

    def canonicalise(values: list[str]) -> list[str]:
        given = one(values)
        if not given:
            return []
        number = _whole(given[0])
        if number is None:
            return given
        if maximum is not None:
            number = min(number, maximum)
        return [str(number)]

    return canonicalise


class CanonicalQuery(QueryDict):
    """The result of ``canonical()``: immutable, built and encoded cheaply (the page
    cache's hit path builds its key from it). ``copy()`` gives a mutable QueryDict of
    the same values, as for ``request.GET``."""

    _encoded: str | None = None

    def __init__(self, query_string=None, mutable=False, encoding=None, *, lists=None):
        if lists is None:  # QueryDict's own copy() and pickling
            super().__init__(query_string, mutable=mutable, encoding=encoding)
            return
        # Names and values are text already: nothing to parse or decode.
        MultiValueDict.__init__(self, lists)
        self._mutable = False

    def urlencode(self, safe: str | None = None) -> str:
        if safe is not None or self._mutable:  # a mutable copy may change
            return super().urlencode(safe)
        if self._encoded is None:
            # What QueryDict.urlencode() gives (quote_plus of UTF-8), in one call.
            self._encoded = urlencode(list(self.lists()), doseq=True)
        return self._encoded


def canonical(query: QueryDict, declared: Mapping[str, Canonicaliser]) -> CanonicalQuery:
    """The ``declared`` parameters of ``query``, each canonicalised, sorted by name;
    every other parameter left out. Immutable, like ``request.GET``."""
    lists = []
    # A parameter that is not given has no values whatever its canonicaliser.
    for name in sorted(name for name in declared if name in query):
        values = declared[name](query.getlist(name))
        if values:
            lists.append((name, values))
    return CanonicalQuery(lists=lists)


def path_with(path: str, params: QueryDict) -> str:
    """``path`` with the canonical query: the address a cached page gives as its own
    (the language switcher's and the shortlist button's ``next``)."""
    query = params.urlencode()
    return f"{path}?{query}" if query else path
