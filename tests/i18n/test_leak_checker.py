"""The language-leak checker itself (tests/i18n/leaks.py): what it counts as a word."""

from tests.i18n.leaks import leaks


def page(text: str) -> str:
    return f"<!doctype html><html lang='en'><head><title>T</title></head><body><p>{text}</p></body></html>"


def test_a_norwegian_word_on_an_english_page_is_a_leak():
    assert leaks(page("Salt: et hus"), "en")


def test_a_masked_value_is_not_a_word():
    # The admin shows a password's random salt masked: "eT" is not the word "et".
    assert not leaks(page("algorithm: md5 salt: eT********************** hash: 1a2b3c****"), "en")


def test_addresses_are_not_words():
    assert not leaks(page("https://eksempel.kommune.no/tilbud/ og@eksempel.no"), "en")
