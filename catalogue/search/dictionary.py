"""The Norwegian dictionaries (bokmål and nynorsk) the search splits compounds with.

Debian's ``hunspell-no`` package (installed by ``make``; ``scripts/system-deps``) holds
both written standards as Hunspell word lists. Only the stems are read. Those carrying
the list's compound flag (``COMPOUNDFLAG`` in the ``.aff`` file) are *parts*, preferred
in a split; the other stems of four letters or more are *words*, accepted in a split
but less liked (three-letter words would split "fritid" into "fri" + ...). Words are
folded (``text.fold``) like everything else in the search.

Without the package the search still works: compounds are then split only against the
catalogue's own words and the lexicon (``vocabulary``). ``settings.SEARCH_DICTIONARIES``
lists the ``.dic`` files; tests may point it elsewhere.
"""

import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from catalogue.search.text import fold

logger = logging.getLogger(__name__)

DEFAULT_FILES = ("/usr/share/hunspell/nb_NO.dic", "/usr/share/hunspell/nn_NO.dic")
MIN_PART = 3
_LOWER_WORD = re.compile(r"^[a-zæøåéèêóòôü]+$")


@dataclass(frozen=True)
class Dictionary:
    parts: frozenset[str]  # folded stems flagged as parts of compounds
    words: frozenset[str]  # the other stems of four letters or more

    def __contains__(self, word: object) -> bool:
        return word in self.parts or word in self.words


def _aff_settings(aff: Path) -> tuple[str, str]:
    """(encoding, compound flag) of a Hunspell ``.aff`` file."""
    encoding, flag = "utf-8", ""
    with aff.open("rb") as handle:
        for raw in handle:
            line = raw.decode("latin-1").split()
            if len(line) >= 2 and line[0] == "SET":
                encoding = line[1]
            elif len(line) >= 2 and line[0] == "COMPOUNDFLAG":
                flag = line[1]
    return encoding, flag


def read(paths: tuple[str, ...]) -> Dictionary:
    parts: set[str] = set()
    words: set[str] = set()
    for name in paths:
        path = Path(name)
        if not path.exists():
            continue
        encoding, compound_flag = _aff_settings(path.with_suffix(".aff"))
        with path.open(encoding=encoding, errors="replace") as handle:
            next(handle, None)  # the word count
            for line in handle:
                stem, _, flags = line.rstrip().partition("/")
                if len(stem) < MIN_PART or not _LOWER_WORD.match(stem):
                    continue  # names, abbreviations, hyphenated words
                folded = stem if stem.isascii() else fold(stem)
                if compound_flag in flags.partition(" ")[0]:
                    parts.add(folded)
                elif len(stem) > MIN_PART:
                    words.add(folded)
    return Dictionary(frozenset(parts), frozenset(words - parts))


@functools.cache
def load() -> Dictionary:
    """The dictionaries of ``settings.SEARCH_DICTIONARIES``, read once per process."""
    paths = tuple(getattr(settings, "SEARCH_DICTIONARIES", DEFAULT_FILES))
    dictionary = read(paths)
    if not dictionary.parts:
        logger.warning("No Norwegian dictionary found in %s; compounds are split less well", paths)
    return dictionary
