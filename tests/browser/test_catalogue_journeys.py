"""A citizen finds an offer in the public catalogue: filters by weekday and transport,
opens an offer, checks it in bokmål and nynorsk. Zero axe violations on every page."""

import contextlib
import datetime
import json
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


def test_the_offer_page_carries_its_json_ld_without_a_csp_violation(page, catalogue, origin_guard):
    """Issue 18, point 11: the schema.org data block is read by a real browser under the
    portal's static CSP; no violation is reported (the page fixture also fails on any
    CSP message in the console) and the block parses."""
    from catalogue.models import Event, Offer

    offer = Offer.objects.get(slug="solsikken-dagsenter-demens")
    now = datetime.datetime.now(datetime.UTC)
    Event.objects.create(
        offer=offer,
        title="Julekonsert",
        starts_at=now + datetime.timedelta(days=9),
        ends_at=now + datetime.timedelta(days=9, hours=2),
    )
    page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.cspViolations.push(e.violatedDirective));"
    )
    page.goto(f"/tilbud/{offer.slug}/")
    expect(page.locator("h1")).to_have_text(offer.title)
    text = page.locator('script[type="application/ld+json"]').text_content()
    data = json.loads(text)
    assert [node["@type"] for node in data["@graph"]] == ["GovernmentService", "Event"]
    assert page.evaluate("window.cspViolations") == []
    assert origin_guard.csp_errors == []
    # The same policy does stop an inline script, and both checks above would see it.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.inlineRan = true'; document.head.append(s); }"
    )
    assert page.evaluate("window.inlineRan") is None
    assert page.evaluate("window.cspViolations") == ["script-src-elem"]
    expect(page.locator("h1")).to_have_text(offer.title)  # lets the console message arrive
    assert origin_guard.csp_errors
    origin_guard.csp_errors.clear()  # the control's refusal was expected
