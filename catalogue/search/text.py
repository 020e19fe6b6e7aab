"""Words, the same on both sides of the search: folding, tokens, light stems and the
words a question is made of but a search is not.

Everything is *folded* before it is compared: lower case, accents dropped, and the
Norwegian letters spelled the way people type them without a Norwegian keyboard
(æ → ae, ø → o, å → a, "aa" → a): "Støttekontakt" and "stottekontakt", "pårørende",
"parorende" and "paarorende" are the same words. The index holds folded words too, so
a query never has to guess the spelling.
"""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12

_FOLD = str.maketrans(
    {
        "æ": "ae",
        "ø": "o",
        "å": "a",
        "ä": "ae",
        "ö": "o",
        "ü": "u",
        "é": "e",
        "è": "e",
        "ê": "e",
        "ó": "o",
        "ò": "o",
        "ô": "o",
        "á": "a",
        "à": "a",
        "í": "i",
        "ç": "c",
        "ñ": "n",
    }
)
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """``text`` lower-cased and folded to the letters a-z and digits (see module)."""
    text = unicodedata.normalize("NFC", text or "").lower().translate(_FOLD)
    text = text.replace("aa", "a")
    # Any other accent: decompose and drop the combining marks.
    if not text.isascii():
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    return text


def words(text: str) -> list[str]:
    """The folded words of ``text`` in order (duplicates kept)."""
    return _WORD.findall(fold(text))


# Words that carry no meaning in a search for an offer, in bokmål, nynorsk and English,
# and the filler of questions people type as they would ask them ("noe å gjøre for
# pappa som har demens", "jeg er ensom og vil treffe folk"). Folded.
_STOPWORDS = [
    "og",
    "i",
    "pa",
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
    "a",
    "at",
    "om",
    "fra",
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
    "ogsa",
    "ogso",
    "bare",
    "berre",
    "han",
    "hun",
    "ho",
    "hen",
    "min",
    "mi",
    "mitt",
    "mine",
    "din",
    "di",
    "ditt",
    "dine",
    "sin",
    "si",
    "sitt",
    "sine",
    "var",
    "vart",
    "vare",
    "hans",
    "hennar",
    "hennes",
    "deira",
    "deres",
    "sitt",
    "seg",
    "dere",
    "dykk",
    "hva",
    "kva",
    "hvem",
    "kven",
    "hvor",
    "kvar",
    "hvordan",
    "korleis",
    "nar",
    "hvilke",
    "kva",
    "slags",
    "noen",
    "nokon",
    "nokre",
    "noen",
    "ting",
    "sted",
    "stad",
    "finnes",
    "fins",
    "finst",
    "finne",
    "finn",
    "gjore",
    "gjere",
    "ha",
    "hatt",
    "vaere",
    "vere",
    "blitt",
    "bli",
    "trenger",
    "treng",
    "onsker",
    "onskjer",
    "onske",
    "gjerne",
    "ville",
    "kunne",
    "kunna",
    "sa",
    "sann",
    "slik",
    "slikt",
    "her",
    "der",
    "da",
    "no",
    "nokon",
    "mye",
    "mykje",
    "litt",
    "meir",
    "mer",
    "pappa",
    "mamma",
    "far",
    "mor",
    "faren",
    "mora",
    "moren",
    "farfar",
    "morfar",
    "farmor",
    "mormor",
    "bestefar",
    "bestemor",
    "sonn",
    "dotter",
    "datter",
    "the",
    "a",
    "an",
    "and",
    "of",
    "in",
    "on",
    "to",
    "with",
    "at",
    "by",
    "is",
    "are",
    "be",
    "been",
    "am",
    "my",
    "me",
    "i",
    "we",
    "our",
    "you",
    "your",
    "he",
    "she",
    "his",
    "her",
    "they",
    "them",
    "their",
    "something",
    "some",
    "somewhere",
    "where",
    "what",
    "who",
    "how",
    "which",
    "there",
    "here",
    "want",
    "wants",
    "need",
    "needs",
    "looking",
    "look",
    "find",
    "please",
    "can",
    "could",
    "would",
    "like",
    "for",
    "from",
]
STOPWORDS = frozenset(_STOPWORDS)


# Inflectional and derivational endings (longest first), bokmål and nynorsk.
SUFFIXES = sorted(
    {
        "hetene",
        "hetens",
        "heten",
        "heter",
        "het",
        "ingane",
        "ingar",
        "ingen",
        "ingene",
        "inga",
        "endes",
        "ende",
        "ande",
        "enes",
        "ene",
        "ane",
        "ens",
        "ets",
        "ers",
        "ing",
        "ar",
        "en",
        "et",
        "er",
        "as",
        "es",
        "a",
        "e",
        "s",
    },
    key=len,
    reverse=True,
)
MIN_STEM = 4
# Stems at least this long match every word they begin ("dagsent" → dagsenteret,
# dagsentrene); shorter words match only their own inflected forms ("kor" → koret,
# never "korleis").
PREFIX_STEM = 5
SHORT_WORD_ENDINGS = ("", "en", "et", "a", "er", "ar", "ene", "ane", "e", "s")


def stem(word: str) -> str:
    """A light stem of a folded word: without its ending, so that it begins every
    inflected form ("dagsenteret", "dagsentrene" → "dagsent"; "turgruppa" →
    "turgrupp"). Never shorter than MIN_STEM letters ("demens" → "demen", not "dem")."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
            break
    # "-senter"/"-sentr-", "-teater"/"-teatr-": the plural drops the e.
    if word.endswith("tr") and len(word) > MIN_STEM:
        word = word[:-1]
    elif word.endswith("ter") and len(word) - 2 >= MIN_STEM:
        word = word[:-2]
    return word


def forms(word: str) -> tuple[str, ...]:
    """How a folded query word is looked up: ``("dagsent*",)``, a stem that begins
    every form, or for short words their inflected forms exactly (``kor``, ``koret``
    ...). A trailing ``*`` marks a prefix."""
    base = stem(word)
    short = word
    for suffix in ("ene", "ane", "en", "et", "er", "ar", "a"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            short = word[: -len(suffix)]
            break
    if len(base) >= PREFIX_STEM and (base != word or len(short) >= PREFIX_STEM):
        return (base + "*",)
    found = [word, *(short + ending for ending in SHORT_WORD_ENDINGS)]
    if len(base) >= PREFIX_STEM:  # "koret": the forms of "kor", and "koret…"
        found[0] = base + "*"
    else:
        found += [word + ending for ending in SHORT_WORD_ENDINGS if ending not in ("", "s")]
    return tuple(dict.fromkeys(found))
