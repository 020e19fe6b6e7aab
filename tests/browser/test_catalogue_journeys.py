"""A citizen finds an offer in the public catalogue: filters by weekday and transport,
opens an offer, checks it in bokmål and nynorsk. Zero axe violations on every page."""

import contextlib
import re

import pytest
from playwright.sync_api import expect

from catalogue.demo import seed_catalogue
from tests.browser.axe import assert_accessible, assert_accessible_in_languages, switch_language

pytestmark = [pytest.mark.browser]


@pytest.fixture
def catalogue(transactional_db):
    seed_catalogue()


def test_a_citizen_filters_by_tuesday_and_transport_and_opens_an_offer(page, catalogue):
    page.goto("/tilbud/")
    expect(page.locator("h1")).to_have_text("Finn et tilbud")
    assert_accessible(page)

    filters = page.locator("form[role=search]")
    filters.get_by_label("tirsdag").check()
    filters.get_by_label("Transport tilbys").check()
    filters.get_by_label("Gratis").check()
    with page.expect_navigation():
        filters.get_by_role("button", name="Vis tilbud").click()

    assert (
        re.search(r"dag=tirsdag", page.url) and "transport=1" in page.url and "gratis=1" in page.url
    )
    expect(page.locator("#result-heading")).to_contain_text("tilbud")
    results = page.locator(".catalogue__list")
    expect(results.get_by_role("link", name=re.compile("Tirsdagstreffet"))).to_be_visible()
    expect(results.get_by_role("link", name=re.compile("Mannsforum"))).to_be_visible()
    expect(results.get_by_role("link", name=re.compile("Trim for seniorer"))).to_have_count(0)
    assert_accessible(page)

    # Each active filter can be removed on its own.
    chips = page.locator(".catalogue__chips a")
    expect(chips).to_have_count(3)
    with page.expect_navigation():
        page.locator(".catalogue__chips").get_by_role("link", name=re.compile("Gratis")).click()
    assert "gratis" not in page.url and "transport=1" in page.url
    expect(page.locator(".catalogue__chips a")).to_have_count(2)

    with page.expect_navigation():
        page.locator(".catalogue__list").get_by_role(
            "link", name=re.compile("Tirsdagstreffet")
        ).click()
    assert page.url.endswith("/tilbud/tirsdagstreffet/")
    expect(page.locator("h1")).to_have_text("Tirsdagstreffet – sosialt treff med skyss")
    expect(page.get_by_role("heading", name="Slik deltar du")).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("11.00–14.00"))).to_be_visible()
    assert_accessible(page)

    switch_language(page, "nn")
    expect(page.locator("h1")).to_have_text("Tysdagstreffet – sosialt treff med skyss")
    assert_accessible(page)


def test_a_citizen_searches_with_an_inflected_word(page, catalogue):
    page.goto("/tilbud/")
    page.get_by_role("searchbox", name="Søk").fill("dagsentrene")
    with page.expect_navigation():
        page.locator("form[role=search]").get_by_role("button", name="Vis tilbud").click()
    expect(
        page.locator(".catalogue__list").get_by_role("link", name=re.compile("Solsikken"))
    ).to_be_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/tilbud/",
        "/tilbud/?dag=tirsdag&transport=1&kategori=finnes-ikke",
        "/tilbud/solsikken-dagsenter-demens/",
        "/tilbud/stottekontakt/",
    ],
)
def test_catalogue_pages_pass_axe_in_bokmal_and_nynorsk(page, catalogue, path):
    assert_accessible_in_languages(page, path)


def test_a_busy_pdf_tells_the_visitor_to_try_again_and_passes_axe(page, catalogue):
    """Every render slot taken: the brochure is refused at once with a page of its own."""
    from portal.documents.pdf import MAX_CONCURRENT_RENDERS, render_slot

    with contextlib.ExitStack() as slots:
        for _slot in range(MAX_CONCURRENT_RENDERS):
            slots.enter_context(render_slot())
        response = page.goto("/tilbud/pdf/?dag=tirsdag")
        assert response.status == 503 and int(response.headers["retry-after"]) > 0
        expect(page.locator("h1")).to_have_text("PDF-en er ikke klar ennå")
        assert_accessible_in_languages(page)
