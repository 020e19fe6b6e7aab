"""Per ends the access of his daughter Kari, who applied for him, in Chromium; then Kari
sees what is left to her. axe on every page (bokmål and nynorsk)."""

import pytest
from playwright.sync_api import expect

from portal.roles import Role
from referrals.applications import services
from referrals.demo import seed_service_types
from tests.browser.axe import assert_accessible_in_languages, switch_language
from tests.factories import make_user
from tests.referrals.helpers import make_submitted, national_id, upload

pytestmark = [pytest.mark.browser]


def test_the_person_ends_the_access_of_the_relative_who_applied(page, log_in, transactional_db):
    father_id = national_id()
    kari = make_user(Role.CITIZEN, email="kari@example.no", full_name="Kari Nordmann")
    per = make_user(
        Role.CITIZEN, email="per@example.no", full_name="Per Nordmann", national_id=father_id
    )
    caseworker = make_user(Role.CASEWORKER, email="sb@example.no", full_name="Siri Saksbehandler")
    case = make_submitted(
        applicant=kari,
        service_type=seed_service_types()[0],
        on_behalf=True,
        relation="relative",
        basis="consent",
        applicant_may_receive_copies=True,
        person_name="Per Nordmann",
        person_national_id=father_id,
    )
    services.send_message_to_applicant(
        application=case, sender=caseworker, body="Hvordan går det med hukommelsen?"
    )
    services.reply_to_municipality(
        application=case, user=kari, body="Jeg kan komme på møte.", files=[upload()]
    )
    detail = f"/mine-soknader/{case.reference}/"

    log_in(per)
    page.goto(detail)
    expect(page.get_by_role("heading", name="Den som søkte for deg")).to_be_visible()
    assert_accessible_in_languages(page)
    switch_language(page, "nb")
    with page.expect_navigation():
        page.get_by_role("link", name="Avslutt tilgangen til Kari Nordmann").click()
    assert_accessible_in_languages(page)
    switch_language(page, "nb")
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, avslutt tilgangen").click()
    expect(page.get_by_text("Tilgangen til Kari Nordmann er avsluttet.")).to_be_visible()
    expect(page.get_by_text("Personen saken gjelder avsluttet søkerens tilgang")).to_be_visible()
    assert_accessible_in_languages(page)

    page.context.clear_cookies()
    log_in(kari)
    page.goto(detail)
    expect(page.get_by_role("heading", name="Tilgangen din til saken er avsluttet")).to_be_visible()
    expect(page.get_by_text("Jeg kan komme på møte.")).to_be_visible()
    expect(page.get_by_text("Hvordan går det med hukommelsen?")).to_have_count(0)
    assert_accessible_in_languages(page)
    switch_language(page, "nb")
    assert_accessible_in_languages(page, "/mine-soknader/")
