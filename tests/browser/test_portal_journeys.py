"""Journeys through the portal's own pages in Chromium, with axe checks on every page."""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible, assert_accessible_in_languages, switch_language
from tests.factories import DEFAULT_PASSWORD
from tests.portal.users import staff_with_password, user_with_password

pytestmark = [pytest.mark.browser]


def test_front_page_language_switch_and_accessibility_statement(page):
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Aktiviteter og dagsentre")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    assert_accessible(page)

    switch_language(page, "nn")
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    assert page.url.rstrip("/").endswith(page.url.split("/", 3)[2]) or page.url.endswith("/")
    assert_accessible(page)

    with page.expect_navigation():
        page.locator("footer").get_by_role("link", name=re.compile("Tilgjenge")).click()
    assert "/tilgjengelighet/" in page.url
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)

    switch_language(page, "nb")
    expect(page.locator("h1")).to_have_text("Tilgjengelighetserklæring")
    assert_accessible(page)


@pytest.mark.parametrize(
    "path", ["/", "/tilgjengelighet/", "/personvern/", "/konto/logg-inn/", "/konto/glemt-passord/"]
)
def test_public_pages_pass_axe_in_bokmal_and_nynorsk(page, path):
    assert_accessible_in_languages(page, path)


def test_wrong_password_shows_the_error_by_the_form_and_in_the_summary(page):
    user_with_password(email="kari@example.no")
    page.goto("/konto/logg-inn/")
    page.get_by_label("E-postadresse").fill("kari@example.no")
    page.get_by_label("Passord").fill("not-the-password")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Logg inn").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("Dette må rettes før du kan gå videre")
    expect(summary.get_by_role("link")).to_have_text(
        re.compile("E-postadressen eller passordet er feil")
    )
    # The script moves focus to the summary so it is read first.
    expect(summary).to_be_focused()
    # The same message sits at the form, and the typed e-mail address is kept.
    expect(page.locator("form .form-errors")).to_contain_text(
        "E-postadressen eller passordet er feil"
    )
    expect(page.get_by_label("E-postadresse")).to_have_value("kari@example.no")
    expect(page.get_by_label("Passord")).to_have_value("")
    expect(page).to_have_title(re.compile("^Feil: Logg inn"))
    # The summary's link takes the visitor to the field.
    summary.get_by_role("link").click()
    expect(page.get_by_label("E-postadresse")).to_be_focused()
    assert_accessible(page)


def test_staff_member_logs_in_and_out(page, log_in):
    staff = staff_with_password(email="sara@example.no")
    log_in(staff, DEFAULT_PASSWORD)
    header = page.locator("header")
    expect(header).to_contain_text("Logget inn som Sara")
    assert_accessible(page)

    with page.expect_navigation():
        header.get_by_role("button", name="Logg ut").click()
    expect(header.get_by_role("link", name="Logg inn")).to_be_visible()
    expect(header).not_to_contain_text("Logget inn som")


def test_skip_link_is_first_and_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator("a.ds-skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(skip).to_have_text("Hopp til hovedinnholdet")
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_focus_is_visible_on_header_links(page):
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()"
    )
    assert outline[0] != "none" or outline[2] != "none", outline


def test_pages_work_on_a_phone(browser, live_server, transactional_db):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 640}, locale="nb-NO"
    )
    try:
        page = context.new_page()
        for path in ["/", "/konto/logg-inn/", "/tilgjengelighet/"]:
            page.goto(path)
            # No horizontal scrolling at 320 CSS pixels (WCAG 1.4.10 reflow).
            width = page.evaluate("document.documentElement.scrollWidth")
            wide = page.evaluate(
                "[...document.querySelectorAll('body *')]"
                ".filter(e => e.getBoundingClientRect().right > 321)"
                ".map(e => e.tagName + '.' + e.className).slice(0, 5)"
            )
            assert width <= 320, f"{path} is {width}px wide: {wide}"
            assert_accessible(page)
    finally:
        context.close()


def test_no_page_requests_another_origin(page, origin_guard, live_origin):
    for path in ["/", "/tilgjengelighet/", "/personvern/", "/konto/logg-inn/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert origin_guard.requested, "the guard saw no requests"
    others = [url for url in origin_guard.requested if not url.startswith(live_origin)]
    assert others == []


def test_the_guard_blocks_other_origins(page, origin_guard):
    page.goto("/")
    # The CSP already stops scripts from calling out; the guard also stops navigations.
    with pytest.raises(PlaywrightError):
        page.goto("https://example.com/")
    assert origin_guard.blocked == ["https://example.com/"]
    origin_guard.blocked.clear()  # expected here; the fixture would fail the test otherwise


def test_print_layout_hides_navigation(page):
    page.goto("/")
    page.emulate_media(media="print")
    expect(page.locator(".language-switcher")).to_be_hidden()
    expect(page.locator("a.ds-skip-link")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()


def test_locked_out_page_after_five_failures_is_accessible(page):
    user_with_password(email="ola@example.no")
    for _attempt in range(5):
        page.goto("/konto/logg-inn/")
        page.get_by_label("E-postadresse").fill("ola@example.no")
        page.get_by_label("Passord").fill("wrong-password")
        with page.expect_navigation():
            page.locator("main").get_by_role("button", name="Logg inn").click()
    expect(page.locator("h1")).to_have_text("For mange mislykkede innloggingsforsøk")
    expect(page.get_by_role("link", name="Bytt passord")).to_be_visible()
    assert_accessible(page)
