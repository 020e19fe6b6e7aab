"""The lexicon: groups of words and phrases citizens use for the same thing ("trim,
trening, mosjon, fysisk aktivitet"), across bokmål, nynorsk and English.

Two sources, read together: the curated starting lexicon shipped with the code
(``data/lexicon.txt``, reviewed like code) and the groups staff add in the admin
(``catalogue.models.SearchSynonym``), which take effect at once: saving one starts a
new generation of the catalogue's page cache, and the lexicon is re-read under it.
"""

import functools
from dataclasses import dataclass, field
from pathlib import Path

from catalogue.search.text import stem, words


def key(word: str) -> str:
    """How lexicon words are compared: by stem, a doubled last consonant made single
    ("trimmen" → "trimm" → "trim", like "trim")."""
    base = stem(word)
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiouy":
        base = base[:-1]
    return base


SHIPPED = Path(__file__).parent / "data" / "lexicon.txt"

Member = tuple[str, ...]  # the folded words of a word or phrase


def parse(text: str) -> list[tuple[Member, ...]]:
    """Groups from lines of comma-separated words and phrases (``#`` starts a comment)."""
    groups = []
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        members = tuple(dict.fromkeys(tuple(words(part)) for part in line.split(",")))
        members = tuple(member for member in members if member)
        if len(members) > 1:
            groups.append(members)
    return groups


@dataclass
class Lexicon:
    groups: list[tuple[Member, ...]]
    # stem of a member's first word → (member, group numbers)
    _by_first: dict[str, list[tuple[Member, int]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for number, group in enumerate(self.groups):
            for member in group:
                self._by_first.setdefault(key(member[0]), []).append((member, number))

    def words(self) -> set[str]:
        return {word for group in self.groups for member in group for word in member}

    def match(self, tokens: list[str], start: int) -> tuple[int, list[tuple[Member, ...]]]:
        """The longest member beginning at ``tokens[start]`` (compared by ``key``): how
        many tokens it takes and the groups it belongs to; ``(0, [])`` when none."""
        best, groups = 0, []
        for member, number in self._by_first.get(key(tokens[start]), ()):
            size = len(member)
            window = tokens[start : start + size]
            if len(window) != size or [key(w) for w in window] != [key(w) for w in member]:
                continue
            if size > best:
                best, groups = size, [self.groups[number]]
            elif size == best and self.groups[number] not in groups:
                groups.append(self.groups[number])
        return best, groups


@functools.cache
def shipped() -> tuple[tuple[Member, ...], ...]:
    return tuple(parse(SHIPPED.read_text(encoding="utf-8")))


_current: tuple[str, Lexicon] | None = None


def current() -> Lexicon:
    """The shipped lexicon and the staff's groups, re-read when the catalogue's page
    cache starts a new generation (any save in the catalogue, a lexicon entry
    included)."""
    global _current
    from catalogue import page_cache
    from catalogue.models import SearchSynonym

    generation = page_cache.current_generation()
    if _current is None or _current[0] != generation:
        staff = parse("\n".join(SearchSynonym.objects.values_list("terms", flat=True)))
        _current = (generation, Lexicon([*shipped(), *staff]))
    return _current[1]
