"""Splitting Norwegian compounds into the words they are made of.

"demensdagsenter" is "demens" + "dagsenter", "fritidsaktiviteter" is "fritid" + s +
"aktiviteter", "bassengtrening" is "basseng" + "trening". A split is a sequence of
known words (``known``: the dictionaries, the lexicon and, for queries, the
catalogue's own words), each at least MIN_PART letters, joined directly or by the
linking letters "s" or "e"; the last part may carry an ending. Of all splits the one
with the fewest parts wins, then the one with the fewest parts that are not
``preferred`` (the dictionaries' compound parts: "dag|senter", not "dags|enter"), then
the one whose shortest part is longest. A split needs at least one preferred part
("korridor" is no "korr" + "idor").
"""

from collections.abc import Callable
from functools import cache

MIN_PART = 3
MAX_PARTS = 4
LINKS = ("s", "e")
ENDINGS = ("ene", "ane", "ar", "er", "en", "et", "a", "e")


def split(
    word: str,
    known: Callable[[str], bool],
    preferred: Callable[[str], bool] = lambda part: True,
) -> tuple[str, ...]:
    """The parts of ``word`` (two or more), or ``()`` when it is no known compound."""
    if len(word) < 2 * MIN_PART:
        return ()

    def whole(rest: str) -> str | None:
        if len(rest) >= MIN_PART and known(rest):
            return rest
        for ending in ENDINGS:
            base = rest[: -len(ending)]
            if rest.endswith(ending) and len(base) >= MIN_PART and known(base):
                return base
        return None

    @cache
    def best(start: int, depth: int) -> tuple[tuple[str, ...], int] | None:
        """(parts, linking letters used) of the best split of word[start:]."""
        found: list[tuple[tuple[str, ...], int]] = []
        if depth > 0 and (last := whole(word[start:])):
            found.append(((last,), 0))
        if depth + 1 < MAX_PARTS:
            for end in range(start + MIN_PART, len(word) - MIN_PART + 1):
                part = word[start:end]
                if not known(part):
                    continue
                for following in (end, end + 1):
                    if following > end and word[end] not in LINKS:
                        continue
                    tail = best(following, depth + 1)
                    if tail:
                        found.append(((part, *tail[0]), tail[1] + following - end))
        if not found:
            return None
        return min(
            found,
            key=lambda f: (
                len(f[0]),
                sum(not preferred(part) for part in f[0]),
                -min(map(len, f[0])),
            ),
        )

    result = best(0, 0)
    if not result or not any(preferred(part) for part in result[0]):
        return ()
    parts = list(result[0])
    # A linking "s" read as the start of the next part: "besøk|svenn" → "besøk|venn".
    for i in range(1, len(parts)):
        part = parts[i]
        if part.startswith("s") and len(part) > 4 and preferred(part[1:]):
            parts[i] = part[1:]
    return tuple(parts)
