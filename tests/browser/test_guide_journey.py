"""The guide «Finn det som passer deg» in Chromium: one question per page, leading to
matching offers with the reasons, with zero axe violations in bokmål and nynorsk."""

import re

import pytest
from playwright.sync_api import expect

from catalogue.models import Weekday
from tests.browser.axe import assert_accessible, assert_accessible_in_languages, switch_language
from tests.catalogue.factories import (
    AccessibilityFeatureFactory,
    CategoryFactory,
    DistrictFactory,
    LocationFactory,
    OfferFactory,
    OpeningPeriodFactory,
)

pytestmark = [pytest.mark.browser]


@pytest.fixture
def catalogue(transactional_db):
    social = CategoryFactory(slug="sosial", name="Sosialt")
    physical = CategoryFactory(slug="fysisk", name="Fysisk aktivitet")
    step_free = AccessibilityFeatureFactory(slug="trinnfri-inngang", name="Trinnfri inngang")
    north = DistrictFactory(slug="nord", name="Nordbyen")
    DistrictFactory(slug="sor", name="Sørbyen")
    cafe = OfferFactory(
        title="Seniorkafé på Torget",
        summary="Kaffe, vafler og en prat.",
        categories=[social],
        transport_offered=True,
        locations=[LocationFactory(district=north, accessibility=[step_free])],
    )
    choir = OfferFactory(title="Sangkor", categories=[social], opening_periods=False)
    OpeningPeriodFactory(offer=choir, weekday=Weekday.THURSDAY)
    OfferFactory(title="Stavgang", categories=[physical], transport_offered=True)
    return {"cafe": cafe}


def next_page(page, name="Neste"):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_the_guide_leads_to_matching_offers_and_says_why(page, catalogue):
    page.goto("/tilbud/finn/")
    expect(page.locator("h1")).to_have_text("Finn det som passer deg")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Start").click()

    # 1: what you want. Going on without an answer explains what to do.
    expect(page.locator("h1")).to_have_text("Hva har du lyst på?")
    assert_accessible(page)
    next_page(page)
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Velg minst ett av alternativene")
    assert_accessible(page)
    page.get_by_label("Selskap og noen å prate med").check()
    next_page(page)

    # 2: days
    expect(page.locator("h1")).to_have_text("Hvilke dager passer for deg?")
    assert_accessible(page)
    page.get_by_label("tirsdag").check()
    next_page(page)

    # 3: transport
    expect(page.locator("h1")).to_have_text("Trenger du transport til og fra?")
    assert_accessible(page)
    page.get_by_label("Ja, jeg trenger transport").check()
    next_page(page)

    # 4: accessibility; the back link returns to the previous question with the answer kept.
    expect(page.locator("h1")).to_have_text("Trenger du noe tilrettelagt på stedet?")
    with page.expect_navigation():
        page.get_by_role("link", name="Tilbake").click()
    expect(page.get_by_label("Ja, jeg trenger transport")).to_be_checked()
    next_page(page)
    assert_accessible(page)
    page.get_by_label("Trinnfri inngang").check()
    next_page(page)

    # 5: district
    expect(page.locator("h1")).to_have_text("Hvor vil du at tilbudet skal være?")
    assert_accessible(page)
    page.get_by_label("Nordbyen").check()
    next_page(page, "Se forslagene")

    expect(page.locator("h1")).to_have_text("Forslag til deg")
    card = page.locator(".tools-card").filter(has_text="Seniorkafé på Torget")
    expect(card).to_be_visible()
    # One line says why it fits.
    expect(card.locator(".tools-why")).to_contain_text(
        "Sosialt, åpent tirsdag, transport tilbys, trinnfri inngang, i Nordbyen og gratis."
    )
    expect(page.locator("main")).not_to_contain_text("Stavgang")
    assert_accessible(page)

    # The suggestions open in the full catalogue with the same filters.
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Se treffene i katalogen")).click()
    assert "/tilbud/?" in page.url and "dag=tirsdag" in page.url and "transport=1" in page.url
    expect(page.locator("main")).to_contain_text("Seniorkafé på Torget")

    page.go_back()
    with page.expect_navigation():
        page.get_by_role("link", name="Seniorkafé på Torget").click()
    expect(page.locator("h1")).to_have_text("Seniorkafé på Torget")


@pytest.mark.parametrize(
    "path",
    [
        "/tilbud/finn/",
        "/tilbud/finn/hva/",
        "/tilbud/finn/hva/?svar=1",
        "/tilbud/finn/dager/?onske=selskap",
        "/tilbud/finn/transport/?onske=selskap",
        "/tilbud/finn/tilrettelegging/?onske=selskap&transport=ja",
        "/tilbud/finn/bydel/?onske=selskap&transport=ja",
        "/tilbud/finn/resultat/?onske=selskap&transport=ja&dag=tirsdag",
        "/tilbud/finn/resultat/?onske=selskap&transport=ja&dag=mandag",
    ],
)
def test_guide_pages_pass_axe_in_bokmal_and_nynorsk(page, catalogue, path):
    assert_accessible_in_languages(page, path)


@pytest.fixture
def full_and_by_application(transactional_db):
    """Three social offers open on Tuesdays: one with free places, one full (sign-up by
    phone) and one by application with free places."""
    social = CategoryFactory(slug="sosial", name="Sosialt")
    OfferFactory(title="Strikkekafé", categories=[social], places_available=4)
    OfferFactory(
        title="Bassengtrening",
        categories=[social],
        places_available=0,
        participation="signup",
        contact_phone="12 34 50 06",
    )
    OfferFactory(
        title="Solsikken dagsenter", categories=[social], places_available=2, by_application=True
    )


FULL_AND_APPLICATION = {
    # language: (full, waiting list advice, needs an application, apply link, why heading)
    "nb": ("Fullt", "venteliste", "Krever søknad", "Søk om plass", "Hvorfor det passer"),
    "nn": ("Fullt", "venteliste", "Krev søknad", "Søk om plass", "Kvifor det passar"),
}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_guide_marks_full_offers_and_applications_with_what_to_do(
    page, full_and_by_application, language
):
    page.goto("/tilbud/finn/resultat/?onske=selskap&dag=tirsdag")
    switch_language(page, language)
    full, waiting, applies, apply_link, why = FULL_AND_APPLICATION[language]
    cards = page.locator(".tools-card")
    # Free places first (by title), the full offer last.
    expect(cards.locator("h2")).to_have_text(
        ["Solsikken dagsenter", "Strikkekafé", "Bassengtrening"]
    )
    day_centre, first, pool = cards.nth(0), cards.nth(1), cards.nth(2)
    expect(first.locator(".ds-tag")).not_to_contain_text([full])
    expect(first.locator("[data-next-step]")).to_have_count(0)
    expect(first.locator(".tools-why")).to_contain_text(why)

    expect(pool.locator(".ds-tag")).to_have_text([full])
    expect(pool.locator("[data-next-step]")).to_contain_text(waiting)
    expect(pool.get_by_role("link", name=re.compile("12 34 50 06"))).to_have_attribute(
        "href", "tel:12345006"
    )

    expect(day_centre.locator(".ds-tag").filter(has_text=applies)).to_be_visible()
    link = day_centre.get_by_role("link", name=re.compile(apply_link))
    expect(link).to_have_attribute("href", re.compile(r"^/soknad/\?service="))
    assert_accessible(page)

    # "Søk om plass" leads to the application.
    with page.expect_navigation():
        link.click()
    assert "/soknad/" in page.url
