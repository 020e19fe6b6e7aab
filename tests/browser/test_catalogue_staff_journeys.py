"""Journeys in Chromium: a unit leader edits and publishes an offer and a citizen sees
the change; a citizen downloads an offer's PDF, keeps a shortlist and reports an error.
Zero axe violations on every page, in bokmål and nynorsk."""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from catalogue.models import ErrorReport, Offer, OfferChange
from catalogue.search_stats import SearchStat
from portal.roles import Role
from tests.browser.axe import assert_accessible, assert_accessible_in_languages
from tests.catalogue.factories import (
    CategoryFactory,
    OfferFactory,
    SearchStatFactory,
    UnitFactory,
)
from tests.portal.users import user_with_password

pytestmark = [pytest.mark.browser]


@pytest.fixture
def unit(transactional_db):
    return UnitFactory(name="Solsiden dagsenter")


@pytest.fixture
def leader(unit):
    user = user_with_password(
        Role.UNIT_LEADER, email="leder@eksempel.no", full_name="Lene Leder", is_staff=True
    )
    user.units.add(unit)
    return user


@pytest.fixture
def draft(unit):
    return OfferFactory(
        unit=unit,
        title="Formiddagstreff",
        slug="formiddagstreff",
        summary="Et treff med kaffe og prat.",
        draft=True,
        categories=[CategoryFactory(slug="sosial", name="Sosialt")],
    )


def test_a_unit_leader_edits_previews_and_publishes_and_a_citizen_sees_it(
    page, browser, live_server, leader, draft, log_in
):
    log_in(leader)
    page.goto("/tilbud/forvalt/")
    expect(page.locator("h1")).to_have_text("Våre tilbud")
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Formiddagstreff").click()
    expect(page.locator("h1")).to_contain_text("Formiddagstreff")
    assert_accessible(page)

    page.get_by_label("Kort oppsummering (bokmål)").fill("Kaffe, vafler og god prat hver tirsdag.")
    page.get_by_label("Transport tilbys", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre endringene").click()
    expect(page.locator(".site-messages")).to_contain_text("Endringene er lagret")
    history = page.locator(".tools-history")
    expect(history).to_contain_text("Lene Leder")
    expect(history).to_contain_text("Kort oppsummering (bokmål)")
    expect(history).to_contain_text("Transport tilbys")

    with page.expect_navigation():
        page.get_by_role("link", name="Forhåndsvis").click()
    expect(page.locator(".tools-preview-banner")).to_contain_text(
        "Innbyggerne kan ikke se det ennå"
    )
    expect(page.locator("h1")).to_have_text("Formiddagstreff")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator(".tools-preview-banner").get_by_role("button", name="Publiser").click()
    expect(page.locator(".site-messages")).to_contain_text("publisert")
    assert Offer.objects.get(pk=draft.pk).status == Offer.Status.PUBLISHED
    assert OfferChange.objects.filter(action="catalogue.offer.published", user=leader).exists()

    # A citizen in a separate browser context (not logged in) sees the new text.
    citizen_context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    try:
        citizen = citizen_context.new_page()
        citizen.goto("/tilbud/formiddagstreff/")
        expect(citizen.locator("h1")).to_have_text("Formiddagstreff")
        expect(citizen.locator("main")).to_contain_text("Kaffe, vafler og god prat hver tirsdag.")
    finally:
        citizen_context.close()


def test_staff_pages_pass_axe_in_bokmal_and_nynorsk(page, leader, draft, log_in):
    ErrorReport.objects.create(offer=draft, message="Feil telefonnummer")
    log_in(leader)
    for path in (
        "/tilbud/forvalt/",
        "/tilbud/forvalt/ny/",
        "/tilbud/forvalt/trenger-gjennomgang/",
        "/tilbud/forvalt/feilmeldinger/",
        "/tilbud/forvalt/formiddagstreff/",
        "/tilbud/forvalt/formiddagstreff/forhandsvis/",
    ):
        assert_accessible_in_languages(page, path)


def test_a_unit_leader_sees_the_searches_that_found_nothing(
    page, browser, live_server, leader, draft, log_in
):
    citizen_context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    try:
        citizen = citizen_context.new_page()
        for _ in range(2):
            citizen.goto("/tilbud/")
            citizen.get_by_role("searchbox").fill("Paragliding")
            with citizen.expect_navigation():
                citizen.get_by_role("button", name="Vis tilbud").click()
            expect(citizen.locator("#result-heading")).to_contain_text("0 tilbud")
    finally:
        citizen_context.close()
    SearchStatFactory(query="dans", searches=8, clicks=1)  # seldom followed by a click

    log_in(leader)
    page.goto("/tilbud/forvalt/")
    with page.expect_navigation():
        page.get_by_role("link", name="Søkekvalitet").click()
    expect(page.locator("h1")).to_have_text("Søkekvalitet")
    zero = page.get_by_role("table", name="Søk uten treff", exact=False)
    expect(zero.locator("tbody tr")).to_have_count(1)
    expect(zero.locator("tbody tr")).to_contain_text("paragliding")
    expect(page.get_by_role("table", name="Søk med få klikk", exact=False)).to_contain_text("12 %")
    assert_accessible_in_languages(page)

    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Søk i katalogen.*paragliding")).click()
    expect(page.locator("#result-heading")).to_contain_text("0 tilbud")
    assert SearchStat.objects.get(query="paragliding").searches == 2  # the leader's try


def test_an_invalid_edit_shows_an_accessible_error_summary(page, leader, draft, log_in):
    log_in(leader)
    page.goto("/tilbud/forvalt/formiddagstreff/")
    page.get_by_label("Tittel (bokmål)").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre endringene").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("Skriv en tittel")
    assert_accessible(page)


def test_a_citizen_downloads_an_offers_pdf(page, unit):
    OfferFactory(
        unit=unit, title="Turgruppe ved fjorden", slug="turgruppe", contact_name="Per Hansen"
    )
    page.goto("/tilbud/turgruppe/")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned som PDF").click()
    download = download_info.value
    assert download.suggested_filename == "turgruppe.pdf"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Turgruppe ved fjorden" in text
    assert "Per Hansen" in text
    assert re.search(r"tirsdag\s+10\.00–14\.00", text, re.IGNORECASE)


def test_a_citizen_keeps_a_shortlist_and_downloads_it(page, unit):
    OfferFactory(unit=unit, title="Seniorkafé", slug="seniorkafe")
    OfferFactory(unit=unit, title="Sangkor", slug="sangkor")
    for slug in ("seniorkafe", "sangkor"):
        page.goto(f"/tilbud/{slug}/")
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile("Legg i huskelisten")).click()
        expect(page.get_by_role("button", name=re.compile("Fjern fra huskelisten"))).to_be_visible()
    assert_accessible(page)

    page.goto("/tilbud/huskeliste/")
    expect(page.locator(".tools-card")).to_have_count(2)
    assert_accessible_in_languages(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned huskelisten som PDF").click()
    text = "\n".join(p.extract_text() for p in PdfReader(download_info.value.path()).pages)
    assert "Seniorkafé" in text and "Sangkor" in text

    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Fjern fra huskelisten.*Sangkor")).click()
    expect(page.locator(".tools-card")).to_have_count(1)


def test_a_citizen_reports_an_error(page, unit):
    OfferFactory(unit=unit, title="Seniorkafé", slug="seniorkafe")
    page.goto("/tilbud/seniorkafe/")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("feil i denne oppføringen")).click()
    expect(page.locator("h1")).to_have_text("Meld feil i oppføringen")
    assert_accessible_in_languages(page)
    page.get_by_label("Hva er feil?").fill("Kafeen er flyttet til 2. etasje.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send meldingen").click()
    expect(page.locator("h1")).to_have_text("Takk for meldingen")
    assert_accessible(page)
    assert ErrorReport.objects.get().message == "Kafeen er flyttet til 2. etasje."
