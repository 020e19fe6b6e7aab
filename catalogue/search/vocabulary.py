"""The catalogue's own words: every folded word (and compound part) in the published
offers' search index, with the number of offers it occurs in, and the lexicon's words.

The query side uses it to tell a known word from an unknown one, to split a compound
the dictionaries do not know, and to correct a misspelling ("demnes" → "demens",
"stirkking" → "strikking") with the most common word within one or two edits
(optimal string alignment: a swap of two letters is one edit). Built once per process
for each version of the catalogue (``page_cache.list_version``), from the words the
in-memory index read (``ranking.current``): no query of its own.
"""

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from catalogue.search.text import MIN_STEM


def max_edits(word: str) -> int:
    """How far a correction may be from what was typed: none below MIN_STEM letters,
    one edit up to six letters, two from seven."""
    if len(word) < MIN_STEM:
        return 0
    return 1 if len(word) <= 6 else 2


@dataclass
class Vocabulary:
    counts: dict[str, int]
    _sorted: list[str] = field(default_factory=list)
    _by_length: dict[int, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._sorted = sorted(self.counts)
        for word in self._sorted:
            self._by_length.setdefault(len(word), []).append(word)

    def __contains__(self, word: object) -> bool:
        return word in self.counts

    def has_prefix(self, prefix: str) -> bool:
        i = bisect_left(self._sorted, prefix)
        return i < len(self._sorted) and self._sorted[i].startswith(prefix)

    def correct(self, word: str, limit: int | None = None) -> str | None:
        """The most common known word within ``max_edits`` of ``word`` (or ``limit``),
        or else the most common one *beginning* within that many edits of it
        ("hukomelsesteam" → "hukommelsesteamet"); None when there is none."""
        limit = max_edits(word) if limit is None else min(limit, max_edits(word))
        if not limit:
            return None
        choices = [
            candidate
            for size in range(len(word) - limit, len(word) + limit + 1)
            for candidate in self._by_length.get(size, ())
        ]
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=20)
        if not found and len(word) >= 8:
            longer = [
                candidate
                for size in range(len(word) + 1, len(word) + 8)
                for candidate in self._by_length.get(size, ())
            ]
            heads = [candidate[: len(word)] for candidate in longer]
            hits = process.extract(word, heads, scorer=OSA.distance, score_cutoff=limit, limit=20)
            found = [(longer[index], distance, index) for _, distance, index in hits]
        if not found:
            return None
        best = min(found, key=lambda hit: (hit[1], -self.counts[hit[0]], hit[0]))
        return str(best[0])


def build(documents: list[str], extra: set[str]) -> Vocabulary:
    counts: Counter[str] = Counter()
    for document in documents:
        counts.update(set(document.split()))
    for word in extra:
        counts[word] += 0
    return Vocabulary(dict(counts))


_current: tuple[object, Vocabulary] | None = None


def current() -> Vocabulary:
    global _current
    from catalogue.search import lexicon, ranking

    index = ranking.current()
    if _current is None or _current[0] is not index:
        counts = dict(index.counts)
        for word in lexicon.current().words():
            counts.setdefault(word, 0)
        _current = (index, Vocabulary(counts))
    return _current[1]
