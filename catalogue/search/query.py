"""Query understanding: from what a citizen typed to the *concepts* the search looks for.

1. Fold and split into words; drop stop words and the filler of questions ("noe å
   gjøre for pappa som har demens" → "demens").
2. Lexicon phrases and words first, longest match wins ("fysisk aktivitet", "day
   centre"): the concept is then the whole group ("trim", "trening", "mosjon", ...).
3. A word the catalogue knows (exactly, or one of its inflected forms) is looked up as
   it is; a long one also by its parts, with half the weight.
4. An unknown word is corrected when a known word is one edit away ("demnes" →
   "demens"), else split into known words ("demensdagsenter" → "demens",
   "dagsenter"), else corrected within two edits or by its beginning; a correction is
   offered as "did you mean".

The plan is the same on SQLite and PostgreSQL; ``backends`` turn it into SQL.
"""

from dataclasses import dataclass, field

from catalogue.search import compounds, dictionary
from catalogue.search.lexicon import Lexicon, Member
from catalogue.search.text import MAX_QUERY_LENGTH, MAX_WORDS, STOPWORDS, forms, words
from catalogue.search.vocabulary import Vocabulary

MAX_CONCEPTS = 8
PART_WEIGHT = 0.5
CORRECTION_WEIGHT = 0.9

# A pattern is a word or phrase to look for: per word, its forms ("dagsent*" is a
# prefix; "kor", "koret", ... exact).
Pattern = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Concept:
    text: str  # what it stands for, folded ("demens", "fysisk aktivitet")
    patterns: tuple[Pattern, ...]  # the words typed first, then their synonyms
    weight: float = 1.0
    own: int = 1  # how many of the patterns are the words typed (not synonyms)


@dataclass
class Plan:
    concepts: list[Concept] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    typed: list[str] = field(default_factory=list)  # the meaningful words, folded

    def __bool__(self) -> bool:
        return bool(self.concepts)

    @property
    def suggestion(self) -> str:
        """The query with its corrections, for "did you mean"; "" when none."""
        if not self.corrections:
            return ""
        return " ".join(self.corrections.get(word, word) for word in self.typed)


def _patterns_of(members: tuple[Member, ...]) -> tuple[Pattern, ...]:
    return tuple(dict.fromkeys(tuple(forms(word) for word in member) for member in members))


def _concept(word: str, lexicon: Lexicon, weight: float = 1.0) -> Concept:
    _, groups = lexicon.match([word], 0)
    members: tuple[Member, ...] = ((word,),)
    for group in groups:
        members += group
    return Concept(word, _patterns_of(members), weight)


def known(word: str, vocabulary: Vocabulary) -> bool:
    """Whether the catalogue has the word or one of its forms."""
    if word in vocabulary:
        return True
    return any(
        vocabulary.has_prefix(form[:-1]) if form.endswith("*") else form in vocabulary
        for form in forms(word)
    )


def understand(query: str, vocabulary: Vocabulary, lexicon: Lexicon) -> Plan:
    tokens = [
        word
        for word in words(query[:MAX_QUERY_LENGTH])[: MAX_WORDS * 2]
        if word not in STOPWORDS and len(word) > 1
    ][:MAX_WORDS]
    plan = Plan(typed=list(dict.fromkeys(tokens)))
    dictionary_words = dictionary.load()

    def in_catalogue(part: str) -> bool:
        """A word the catalogue or the lexicon has as it stands (no prefix)."""
        return part in vocabulary or bool(lexicon.match([part], 0)[0])

    def whole_word(part: str) -> bool:
        """... or one of the dictionaries has: for the parts of a known compound."""
        return in_catalogue(part) or part in dictionary_words

    i = 0
    while i < len(tokens):
        size, groups = lexicon.match(tokens, i)
        if size:
            members: tuple[Member, ...] = (tuple(tokens[i : i + size]),)
            for group in groups:
                members += group
            plan.concepts.append(Concept(" ".join(tokens[i : i + size]), _patterns_of(members)))
            i += size
            continue
        word = tokens[i]
        i += 1
        if word.isdigit() or len(word) <= 3 or known(word, vocabulary):
            plan.concepts.append(_concept(word, lexicon))
            if len(word) >= 9:
                parts = compounds.split(word, whole_word, whole_word)
                plan.concepts += [_concept(p, lexicon, PART_WEIGHT) for p in parts if len(p) > 3]
            continue
        # A misspelling one edit away first ("demnes"), then a compound of known words
        # ("demensdagsenter"), then a misspelling further away.
        correction = vocabulary.correct(word, limit=1)
        # Every part must be the catalogue's: "parkeringsplass" is no search for "plass".
        parts = () if correction else compounds.split(word, in_catalogue, in_catalogue)
        if parts:
            plan.concepts += [_concept(part, lexicon) for part in parts]
            continue
        correction = correction or vocabulary.correct(word)
        if correction:
            plan.corrections[word] = correction
            plan.concepts.append(_concept(correction, lexicon, CORRECTION_WEIGHT))
        else:
            plan.concepts.append(_concept(word, lexicon))
    unique = {concept.patterns: concept for concept in reversed(plan.concepts)}
    plan.concepts = [c for c in plan.concepts if unique.get(c.patterns) is c][:MAX_CONCEPTS]
    return plan
