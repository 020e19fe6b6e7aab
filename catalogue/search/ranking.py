"""Matching and ranking a plan in Python, over an in-memory index of the published
offers (one per process and version of the catalogue), instead of asking the database
to evaluate a dozen full-text conditions on every matching row.

The index is read from what the search index already stores for every offer,
``Offer.search_terms`` (the folded words of fields A-D, one line each: the very text
the PostgreSQL vector and the SQLite FTS5 table are built from), in one query per
version of the catalogue (``page_cache.list_version``), ordered as a list sorted by
title is (``title``, ``pk``, in the database's collation). For every word and field it
keeps the offers (their places in that order) as an integer bitmap, so that "offers
with a word beginning with *dagsent* in the title" is a few bitwise ORs, and a concept,
a rank class or the whole query a few ANDs.

The semantics are those of ``backends`` (kept for reference, and for the rank as SQL):

* a single word matches a field when one of its forms does (``dagsent*`` a prefix, the
  others exact);
* the words typed together (a concept's own patterns) match a field when each of them
  occurs in it, and the concept is *covered* when each occurs somewhere;
* a phrase of the lexicon ("fysisk aktivitet") matches a field when its words follow
  each other there, any of their forms (FTS5 took only the first form of each word in a
  phrase, PostgreSQL all: all are taken here).

Rank, summed over the concepts: COVERAGE, OWN_TITLE, then the four fields' scores, each
times the concept's weight, rounded to six decimals at every step, as PostgreSQL summed
them (in ``numeric``: 13.95 is 13.95 however it was reached, so ties fall to the title).
Offers are grouped by rank ("classes": bitmaps with a rank), never ranked one by one.
"""

import re
import threading
import time
from bisect import bisect_left
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import Any, overload

from catalogue.search.query import Concept, Pattern, Plan

COVERAGE = 10.0
OWN_TITLE = 1.0
# Field A (titles), B (summary, suits, categories), C (unit, places), D (descriptions).
SCORES = (2.0, 1.5, 1.2, 1.0)
NFIELDS = 4
# A bitmap of a word in a field is kept once made when that many offers have it.
DENSE = 64
MAX_CACHED_PHRASES = 2048
# The offers other filters keep (Index.kept): this many sets of filters, this long.
MAX_KEPT = 256
KEPT_SECONDS = 60.0

Fields = tuple[int, int, int, int]

# The set bits of every byte, for listing the offers of a bitmap.
_BYTE_BITS = tuple(tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256))


_clock = time.monotonic  # tests move it on


def places(bitmap: int) -> list[int]:
    """The set bits of ``bitmap``, ascending."""
    found: list[int] = []
    if not bitmap:
        return found
    data = bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")
    for index, byte in enumerate(data):
        if byte:
            base = index * 8
            found.extend([base + bit for bit in _BYTE_BITS[byte]])
    return found


def _bitmap(offsets: list[int], size: int) -> int:
    if len(offsets) < 16:
        value = 0
        for offset in offsets:
            value |= 1 << offset
        return value
    data = bytearray((size + 7) // 8)
    for offset in offsets:
        data[offset >> 3] |= 1 << (offset & 7)
    return int.from_bytes(data, "little")


def _phrase_regex(pattern: Pattern) -> re.Pattern[str]:
    """The words of ``pattern`` one after the other in a field's text (folded words
    separated by single spaces): each word any of its forms, a prefix ending anywhere."""

    def word(forms: tuple[str, ...]) -> str:
        return (
            "(?:"
            + "|".join(
                re.escape(form[:-1]) + "[a-z0-9]*" if form.endswith("*") else re.escape(form)
                for form in forms
            )
            + ")"
        )

    return re.compile("(?<![a-z0-9])" + " ".join(map(word, pattern)) + "(?![a-z0-9])")


class Index:
    """The published offers' words by field, as bitmaps over the offers in title order."""

    def __init__(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """``rows``: each offer's pk, ``search_terms`` and (optional) ``updated_at``."""
        self.ids: list[int] = []
        self.updated: dict[int, Any] = {}  # each offer's updated_at, when given
        self.fields: list[list[str]] = []  # each offer's four field texts (for phrases)
        self.counts: Counter[str] = Counter()  # in how many offers each word occurs
        postings: dict[str, tuple[list[int], list[int], list[int], list[int]]] = {}
        for place, (pk, terms, *updated) in enumerate(rows):
            texts = (terms or "").split("\n")[:NFIELDS]
            texts += [""] * (NFIELDS - len(texts))
            self.ids.append(pk)
            if updated:
                self.updated[pk] = updated[0]
            self.fields.append(texts)
            seen: set[str] = set()
            for number, text in enumerate(texts):
                words = set(text.split())
                seen |= words
                for word in words:
                    entry = postings.get(word)
                    if entry is None:
                        entry = postings[word] = ([], [], [], [])
                    entry[number].append(place)
            self.counts.update(seen)
        self.size = len(self.ids)
        self.position = {pk: place for place, pk in enumerate(self.ids)}
        self.all = (1 << self.size) - 1
        self._postings = postings
        self._sorted = sorted(postings)
        self._dense: dict[tuple[str, int], int] = {}
        self._phrases: dict[Pattern, tuple[Fields, int]] = {}
        self._kept: OrderedDict[Hashable, tuple[float, int]] = OrderedDict()
        self._lock = threading.Lock()

    # Words

    def terms(self, form: str) -> list[str]:
        """The indexed words a form stands for: itself, or every word it begins."""
        if not form.endswith("*"):
            return [form] if form in self._postings else []
        prefix = form[:-1]
        found = []
        for word in self._sorted[bisect_left(self._sorted, prefix) :]:
            if not word.startswith(prefix):
                break
            found.append(word)
        return found

    def bitmap(self, word: str, number: int) -> int:
        offsets = self._postings[word][number]
        if len(offsets) < DENSE:
            return _bitmap(offsets, self.size)
        value = self._dense.get((word, number))
        if value is None:
            value = self._dense[(word, number)] = _bitmap(offsets, self.size)
        return value

    def word(self, forms: tuple[str, ...]) -> Fields:
        """Where a word (any of its forms) occurs: one bitmap per field."""
        found = [0, 0, 0, 0]
        for form in forms:
            for term in self.terms(form):
                for number in range(NFIELDS):
                    found[number] |= self.bitmap(term, number)
        return (found[0], found[1], found[2], found[3])

    # Patterns

    def pattern(self, pattern: Pattern, together: bool) -> tuple[Fields, int]:
        """Where a pattern occurs, per field, and where it is *covered* (the whole
        document): ``together`` for the words typed (each somewhere in the field; each
        somewhere at all), else a phrase (adjacent, within one field)."""
        words = [self.word(forms) for forms in pattern]
        if len(words) == 1:
            fields = words[0]
            return fields, fields[0] | fields[1] | fields[2] | fields[3]
        if together:
            per_field = [self.all] * NFIELDS
            anywhere = self.all
            for found in words:
                for number in range(NFIELDS):
                    per_field[number] &= found[number]
                anywhere &= found[0] | found[1] | found[2] | found[3]
            return (per_field[0], per_field[1], per_field[2], per_field[3]), anywhere
        with self._lock:
            cached = self._phrases.get(pattern)
        if cached is None:
            cached = self._phrase(pattern, words)
            with self._lock:
                if len(self._phrases) >= MAX_CACHED_PHRASES:
                    self._phrases.clear()
                self._phrases[pattern] = cached
        return cached

    def _phrase(self, pattern: Pattern, words: list[Fields]) -> tuple[Fields, int]:
        per_field = [0, 0, 0, 0]
        found_in = _phrase_regex(pattern).search
        for number in range(NFIELDS):
            candidates = self.all
            for found in words:
                candidates &= found[number]
            for place in places(candidates):
                if found_in(self.fields[place][number]):
                    per_field[number] |= 1 << place
        fields = (per_field[0], per_field[1], per_field[2], per_field[3])
        return fields, fields[0] | fields[1] | fields[2] | fields[3]

    def concept(self, concept: Concept) -> tuple[Fields, int, int]:
        """Where a concept occurs per field, where it is covered, and where its own
        words (not a synonym) are in the title."""
        per_field = [0, 0, 0, 0]
        anywhere = own_title = 0
        for number, pattern in enumerate(concept.patterns):
            own = number < concept.own
            fields, covered = self.pattern(pattern, together=own)
            for field_number in range(NFIELDS):
                per_field[field_number] |= fields[field_number]
            anywhere |= covered
            if own:
                own_title |= fields[0]
        return (per_field[0], per_field[1], per_field[2], per_field[3]), anywhere, own_title

    # Plans

    def classes(self, plan: Plan) -> list[tuple[float, int]]:
        """The offers matching ``plan`` as (rank, bitmap) classes, best rank first."""
        classes: dict[float, int] = {}
        found = [self.concept(concept) for concept in plan.concepts]
        matching = 0
        for _, anywhere, _ in found:
            matching |= anywhere
        if not matching:
            return []
        classes = {0.0: matching}
        for concept, (fields, anywhere, own_title) in zip(plan.concepts, found, strict=True):
            weight = concept.weight
            scored = [(anywhere, COVERAGE * weight), (own_title, OWN_TITLE * weight)]
            scored += [(fields[n], SCORES[n] * weight) for n in range(NFIELDS)]
            for condition, score in scored:
                if not condition:
                    continue
                split: dict[float, int] = {}
                for rank, members in classes.items():
                    inside = members & condition
                    if inside:
                        key = round(rank + score, 6)
                        split[key] = split.get(key, 0) | inside
                    outside = members ^ inside
                    if outside:
                        split[rank] = split.get(rank, 0) | outside
                classes = split
        return sorted(classes.items(), key=lambda item: -item[0])

    def bitmap_of(self, pks: Iterable[int]) -> int:
        """The offers ``pks`` (those in the index) as a bitmap."""
        position = self.position
        return _bitmap([position[pk] for pk in pks if pk in position], self.size)

    def kept(self, key: Hashable, pks: Callable[[], Iterable[int]]) -> int:
        """The bitmap of the offers the filters ``key`` keep, ``pks()`` read once per
        ``KEPT_SECONDS`` for this index (a version of the catalogue). Searches with the
        same filters (a district, a weekday) asked the database for the same thousands
        of ids every time; the list page with those filters is cached as long."""
        now = _clock()
        with self._lock:
            entry = self._kept.get(key)
            if entry is not None and entry[0] > now:
                self._kept.move_to_end(key)
                return entry[1]
        bitmap = self.bitmap_of(pks())
        with self._lock:
            self._kept[key] = (now + KEPT_SECONDS, bitmap)
            self._kept.move_to_end(key)
            while len(self._kept) > MAX_KEPT:
                self._kept.popitem(last=False)
        return bitmap

    def ranked(self, plan: Plan) -> list[tuple[int, float]]:
        """The ids of the offers matching ``plan`` with their ranks, best first (then by
        title and pk, as the list sorts)."""
        ids = self.ids
        return [
            (ids[place], rank) for rank, members in self.classes(plan) for place in places(members)
        ]


class Ranked(Sequence[int]):
    """The ids of the offers of rank classes, best first: counted and sliced without
    listing them all (a page of a search that finds 9,000 offers reads 20)."""

    def __init__(self, index: Index, classes: list[tuple[float, int]]) -> None:
        self.source = index
        self.classes = [(rank, members) for rank, members in classes if members]
        self._length = sum(members.bit_count() for _, members in self.classes)

    def __len__(self) -> int:
        return self._length

    def keep(self, kept: int) -> "Ranked":
        """Only the offers of the bitmap ``kept`` (``Index.kept``, ``Index.bitmap_of``)."""
        return Ranked(self.source, [(rank, members & kept) for rank, members in self.classes])

    @overload
    def __getitem__(self, item: int) -> int: ...

    @overload
    def __getitem__(self, item: slice) -> list[int]: ...

    def __getitem__(self, item: int | slice) -> int | list[int]:
        if isinstance(item, int):
            found = self[item : item + 1] if item >= 0 else self[len(self) + item :][:1]
            if not found:
                raise IndexError(item)
            return found[0]
        start, stop, step = item.indices(self._length)
        if step != 1:
            return list(self)[item]
        ids, found, skipped = self.source.ids, [], 0
        for _, members in self.classes:
            if skipped >= stop:
                break
            count = members.bit_count()
            if skipped + count > start:
                chosen = places(members)[max(start - skipped, 0) : stop - skipped]
                found += [ids[place] for place in chosen]
            skipped += count
        return found

    def __iter__(self) -> Iterator[int]:
        ids = self.source.ids
        for _, members in self.classes:
            for place in places(members):
                yield ids[place]


_current: tuple[str, Index] | None = None
_building = threading.Lock()


def current() -> Index:
    """The index of the published offers under the current version of the catalogue."""
    global _current
    from catalogue import page_cache
    from catalogue.models import Offer

    version = page_cache.list_version()
    found = _current
    if found is None or found[0] != version:
        with _building:
            found = _current
            if found is None or found[0] != version:
                rows = Offer.objects.published().order_by("title", "pk")
                found = (
                    version,
                    Index(rows.values_list("pk", "search_terms", "updated_at").iterator(2000)),
                )
                _current = found
    return found[1]
