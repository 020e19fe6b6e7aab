"""What the list says when a search finds nothing: the nearest categories to what was
typed (by their names in every language, and by the lexicon's groups), so that a
citizen always has somewhere to go next."""

from typing import Any

from rapidfuzz import fuzz

from catalogue.search import lexicon
from catalogue.search.text import fold, words

MAX_CATEGORIES = 4
MIN_SCORE = 70


def _names(category: object) -> list[str]:
    return [fold(getattr(category, name, "") or "") for name in ("name", "name_nn", "name_en")]


def nearest_categories(query: str, categories: list[Any]) -> list[Any]:
    """Up to MAX_CATEGORIES of ``categories`` closest to ``query``; the largest ones
    (by ``offer_count`` when annotated) when nothing is close."""
    typed = [w for w in words(query) if len(w) > 2]
    related = set(typed)
    current = lexicon.current()
    for word in typed:
        for group in current.match([word], 0)[1]:
            related.update(" ".join(member) for member in group)
    scored = []
    for category in categories:
        names = [n for n in _names(category) if n]
        score = max(
            (fuzz.partial_ratio(term, name) for term in related for name in names if len(term) > 2),
            default=0,
        )
        if score >= MIN_SCORE:
            scored.append((score, category))
    if scored:
        scored.sort(key=lambda pair: -pair[0])
        return [category for _, category in scored[:MAX_CATEGORIES]]
    return sorted(categories, key=lambda c: -getattr(c, "offer_count", 0))[:MAX_CATEGORIES]
