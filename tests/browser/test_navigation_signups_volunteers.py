"""The menu and footer in Chromium on a 375 px phone: a signed-in citizen who is also a
helper finds "Mine påmeldinger" in the menu, "Bli frivillig" in the footer and their
helper page from there, in bokmål, nynorsk and English, without horizontal scrolling and with no
axe violations."""

import pytest
from playwright.sync_api import expect

from portal.roles import Role
from tests.browser.axe import assert_accessible, switch_language
from tests.browser.helpers import PHONE_VIEWPORT
from tests.factories import make_user
from tests.referrals.volunteers.factories import HelperProfileFactory

pytestmark = [pytest.mark.browser]


def _fits(page) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page.url}: scrollWidth {widths[0]} > clientWidth {widths[1]}"
    header = page.locator("header.site-header")
    assert header.evaluate("e => e.scrollWidth <= e.clientWidth + 1")


def test_the_menu_and_footer_fit_a_phone_for_a_signed_in_helper(page, log_in, transactional_db):
    citizen = make_user(Role.CITIZEN, email="hege@example.no", full_name="Hege Hjelper")
    citizen.save()
    HelperProfileFactory(user=citizen, name="Hege Hjelper", email="hege@example.no")
    page.set_viewport_size(PHONE_VIEWPORT)
    log_in(citizen)
    page.goto("/")
    nav = page.locator("nav.site-nav")
    expect(nav.get_by_role("link", name="Mine påmeldinger")).to_be_visible()
    footer = page.locator("footer.site-footer")
    expect(footer.get_by_role("link", name="Bli frivillig")).to_be_visible()
    _fits(page)
    assert_accessible(page)
    for language, signups, volunteer in (
        ("nn", None, None),
        ("en", "My sign-ups", "Become a volunteer"),
    ):
        switch_language(page, language)
        _fits(page)
        assert_accessible(page)
        if signups:
            expect(nav.get_by_role("link", name=signups)).to_be_visible()
            expect(footer.get_by_role("link", name=volunteer)).to_be_visible()
    with page.expect_navigation():
        footer.get_by_role("link", name="Become a volunteer").click()
    assert page.url.endswith("/frivillig/")
    _fits(page)
    # The helper's own page is one click on from there.
    expect(page.locator("main").get_by_role("link", name="My helper page")).to_be_visible()
