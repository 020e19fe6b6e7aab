"""The queue in Chromium: sorting by a column (aria-sort follows), and finding a
person's cases by national identity number without the number reaching the address
bar; axe on each page (bokmål and nynorsk)."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible, assert_accessible_in_languages, switch_language

pytestmark = [pytest.mark.browser]


def test_a_caseworker_sorts_the_queue_and_finds_a_person_by_number(page, log_in, setting):
    case = setting["case"]
    number = case.person_national_id
    log_in(setting["caseworker"])

    page.goto("/saksbehandling/")
    header = page.locator("th", has_text="Gjelder")
    with page.expect_navigation():
        header.get_by_role("link").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    with page.expect_navigation():
        header.get_by_role("link").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert "sort=-navn" in page.url
    assert_accessible(page)

    # A number that is not valid: the error next to the field, what was typed kept.
    page.get_by_label("Fødselsnummer eller D-nummer").fill("12345")
    with page.expect_navigation():
        page.get_by_role("button", name="Finn saker").click()
    expect(page.get_by_text("må ha 11 sifre").first).to_be_visible()
    expect(page.get_by_label("Fødselsnummer eller D-nummer")).to_have_value("12345")
    assert_accessible_in_languages(page)
    switch_language(page, "nb")

    page.get_by_label("Fødselsnummer eller D-nummer").fill(number)
    with page.expect_navigation():
        page.get_by_role("button", name="Finn saker").click()
    expect(page.get_by_role("link", name=case.reference)).to_be_visible()
    assert number not in page.url
    assert page.url.endswith("/saksbehandling/finn-person/")
    assert_accessible(page)
