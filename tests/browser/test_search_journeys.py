"""A citizen types what they mean into the catalogue's search box, in bokmål and in
nynorsk, misspelt, split or as a question, and gets the offers on the first page; a
search that finds nothing says what to do next. Zero axe violations."""

import re

import pytest
from playwright.sync_api import expect

from catalogue.demo import seed_catalogue
from tests.browser.axe import assert_accessible, switch_language

pytestmark = [pytest.mark.browser]

QUERIES = [
    # (typed, an offer title that must be on the first page)
    ("demnes", "Solsikken"),
    ("dagsenter demens", "Nordlys"),
    ("noe å gjøre for pappa som har demens", "Solsikken"),
    ("svømming", "Bassengtrening"),
    ("stirkking", "Strikkekafé"),
    ("stottekontakt", "Støttekontakt"),
]


@pytest.fixture
def catalogue(transactional_db):
    seed_catalogue()


def _search(page, text: str) -> None:
    box = page.locator("form[role=search] input[type=search]")
    box.fill(text)
    with page.expect_navigation():
        box.press("Enter")


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_citizen_finds_offers_with_the_words_they_use(page, catalogue, language):
    page.goto("/tilbud/")
    switch_language(page, language)
    for typed, title in QUERIES:
        _search(page, typed)
        results = page.locator(".catalogue__list")
        expect(results.get_by_role("link", name=re.compile(title))).to_have_count(1)
    # The last one was corrected: the page says so and offers the spelling.
    _search(page, "demnes")
    expect(page.locator(".catalogue__suggestion")).to_contain_text("demnes")
    assert_accessible(page)


def test_a_search_that_finds_nothing_says_what_to_do_next(page, catalogue):
    page.goto("/tilbud/")
    _search(page, "parkeringsplass")
    block = page.locator(".catalogue__no-results")
    expect(block).to_contain_text("Vi fant ingen tilbud for «parkeringsplass»")
    expect(block.get_by_role("link", name=re.compile("Svar på noen spørsmål"))).to_be_visible()
    assert_accessible(page)
    with page.expect_navigation():
        block.get_by_role("link").first.click()
    expect(page.locator("#result-heading")).not_to_have_text("0 tilbud")
