"""The demo catalogue's nynorsk and English texts say as much as the bokmål: the same
paragraphs, list items and criteria (the parts of «for deg som …, … eller …, og …»),
so a translation cannot quietly drop who an offer is for."""

import re

import pytest

from catalogue.demo import OFFERS
from referrals.demo import SERVICE_TYPES
from tests.i18n.leaks import leaks

# What splits a text into criteria: commas and the words that join list items.
SEPARATORS = re.compile(r",|\b(?:og|eller|and|or)\b")
LIST_ITEM = re.compile(r"^\s*[-•*]\s", re.MULTILINE)
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def structure(text: str) -> dict[str, int]:
    paragraphs = [part for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    return {
        "paragraphs": len(paragraphs),
        "list items": len(LIST_ITEM.findall(text)),
        "criteria": 1 + len(SEPARATORS.findall(text)),
        "sentences": len(SENTENCE_END.findall(text.strip())),
    }


TRANSLATIONS = [
    pytest.param(offer, language, field, id=f"{offer.slug}-{field}-{language}")
    for offer in OFFERS
    for language in ("nn", "en")
    for field in getattr(offer, language)
]


# The service types' descriptions (the legal texts follow the law's own wording).
SERVICE_TYPE_TRANSLATIONS = [
    pytest.param(service_type, language, id=f"{service_type['slug']}-{language}")
    for service_type in SERVICE_TYPES
    for language in ("nn", "en")
]


@pytest.mark.parametrize(("service_type", "language"), SERVICE_TYPE_TRANSLATIONS)
def test_a_service_types_description_says_as_much_in_every_language(service_type, language):
    bokmal, translated = service_type["description"], service_type[f"description_{language}"]
    assert structure(translated) == structure(bokmal), f"nb: {bokmal}\n{language}: {translated}"
    assert not leaks(translated, language), translated


def test_the_demo_catalogue_has_translations_to_compare():
    assert len(TRANSLATIONS) >= 40
    assert any(field == "suits" for _offer, _language, field in (p.values for p in TRANSLATIONS))


@pytest.mark.parametrize(("offer", "language", "field"), TRANSLATIONS)
def test_a_translation_keeps_the_structure_of_the_bokmal_text(offer, language, field):
    bokmal = getattr(offer, field)
    translated = getattr(offer, language)[field]
    assert structure(translated) == structure(bokmal), (
        f"{offer.slug}.{field} in {language} does not match the bokmål text:\n"
        f"  nb: {bokmal}\n  {language}: {translated}"
    )


def test_who_the_dementia_day_centre_suits_reads_the_same_in_nynorsk():
    offer = next(offer for offer in OFFERS if offer.slug == "solsikken-dagsenter-demens")
    assert "eller" in offer.suits and "eller" in offer.nn["suits"]


# Each text of the demo catalogue in its own language: bokmål without nynorsk or English
# words, nynorsk without bokmål or English words, English without Norwegian words.
TEXTS = [
    pytest.param(language, field, text, id=f"{offer.slug}-{field}-{language}")
    for offer in OFFERS
    for language, texts in [
        ("nb", {field: getattr(offer, field) for field in {**offer.nn, **offer.en}}),
        ("nn", offer.nn),
        ("en", offer.en),
    ]
    for field, text in texts.items()
]


def test_the_demo_catalogue_has_texts_in_every_language():
    assert {language for language, _field, _text in (p.values for p in TEXTS)} == {
        "nb",
        "nn",
        "en",
    }


@pytest.mark.parametrize(("language", "field", "text"), TEXTS)
def test_a_demo_text_has_no_words_of_another_language(language, field, text):
    assert not leaks(text, language), text
