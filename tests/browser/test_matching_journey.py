"""Finding a støttekontakt in Chromium: the caseworker asks for one from the granted
decision ("Finn støttekontakt"), the coordinator sees the ready helper suggested (and
not the helper whose checklist is incomplete) and proposes; the helper accepts on their
page, the citizen on theirs, and the citizen's page then shows the helper's name. Every
page: axe, zero violations."""

import pytest
from playwright.sync_api import expect

from referrals.matching.models import Match
from tests.browser.axe import assert_accessible
from tests.referrals.casework.factories import make_caseworker
from tests.referrals.matching.factories import (
    make_asking_world,
    make_helper,
    make_world,
    stottekontakt_service,
)

pytestmark = [pytest.mark.browser]

DESCRIPTION = "En mann i 70-årene i Nord som liker fisking, 3 timer i uka."


def test_from_granted_decision_to_a_started_match(page, log_in, transactional_db):
    world = make_world()
    reference = world["application"].reference
    caseworker = make_caseworker(
        service_type=stottekontakt_service(), full_name="Siri Saksbehandler"
    )
    ready = make_helper(
        world["role"], name="Nils Klar", phone="+4798765432", district=world["district"]
    )
    make_helper(world["role"], ready=False, name="Ulla Uferdig", district=world["district"])

    # The caseworker: "Finn støttekontakt" on the case page.
    log_in(caseworker)
    page.goto(f"/saksbehandling/{reference}/")
    page.get_by_label("Enhet som koordinerer").select_option(label="Frivilligsentralen")
    page.get_by_label("Offentlig beskrivelse av oppdraget").fill(DESCRIPTION)
    with page.expect_navigation():
        page.get_by_role("button", name="Finn støttekontakt").click()
    expect(page.locator("#case-match-status")).to_contain_text("Venter på hjelper siden")
    assert_accessible(page)
    page.context.clear_cookies()

    # The coordinator: the request, the suggestions, a proposal.
    log_in(world["coordinator"])
    page.goto("/saksbehandling/frivillige/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name=DESCRIPTION[:30], exact=False).click()
    expect(page.get_by_role("heading", name="Nils Klar")).to_be_visible()
    expect(page.get_by_text("Ulla Uferdig")).to_have_count(0)
    expect(page.get_by_text("Bor i samme bydel")).to_be_visible()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Foreslå Nils Klar").click()
    expect(page.locator("#match-status")).to_contain_text("Foreslått")
    assert_accessible(page)
    page.context.clear_cookies()

    # The helper: the description only, then accepts.
    log_in(ready.user)
    page.goto("/frivillig/min-side/oppdrag/")
    expect(page.get_by_text(DESCRIPTION)).to_be_visible()
    expect(page.get_by_text("Per Person")).to_have_count(0)
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, jeg tar oppdraget").click()
    expect(page.get_by_text("Vi venter på svar fra personen").first).to_be_visible()
    page.context.clear_cookies()

    # The citizen: accepts on the application page and sees the helper.
    log_in(world["citizen"])
    page.goto(f"/mine-soknader/{reference}/")
    expect(page.locator("#citizen-match")).to_contain_text("mulig støttekontakt")
    expect(page.get_by_text("Nils Klar")).to_have_count(0)
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, takk").click()
    expect(page.locator("#citizen-match")).to_contain_text("Støttekontakten din er Nils Klar")
    assert_accessible(page)
    assert Match.objects.get().status == Match.Status.STARTED


def test_a_relative_asks_for_a_besoksvenn_and_the_coordinator_sees_it(
    page, log_in, transactional_db
):
    """A relative asks for a besøksvenn for her mother on /frivillig/be-om-hjelp/
    (reached from /frivillig/); the coordinator sees the new request with the mother's
    name and the need, writes the public description and publishes it. Every page:
    axe, zero violations."""
    world = make_asking_world()

    log_in(world["relative"])
    page.goto("/frivillig/")
    with page.expect_navigation():
        page.get_by_role("link", name="Be om en frivillig").click()
    assert_accessible(page)
    page.get_by_label("En jeg hjelper").check()
    page.get_by_label("Navnet til den som trenger hjelp").fill("Maja Mor")
    page.get_by_label("Telefon").fill("911 12 222")
    page.get_by_label("Besøksvenn (Frivilligsentralen)").check()
    page.get_by_label("Bydel").select_option(label="Nord")
    page.get_by_label("Sjakk").check()
    page.get_by_label("Fortell kort om behovet").fill("Mor bor alene og liker sjakk.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send forespørselen").click()
    expect(page.locator("#request-status")).to_contain_text("En koordinator ser på")
    assert_accessible(page)
    page.context.clear_cookies()

    log_in(world["coordinator"])
    page.goto("/saksbehandling/frivillige/")
    expect(page.get_by_text("Ny, trenger offentlig beskrivelse")).to_be_visible()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="ingen offentlig beskrivelse ennå", exact=False).click()
    expect(page.locator("#requester-person")).to_contain_text("Maja Mor")
    expect(page.get_by_text("Mor bor alene og liker sjakk.")).to_be_visible()
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("#describe-link").click()
    assert_accessible(page)
    page.get_by_label("Offentlig beskrivelse av oppdraget").fill("Besøksvenn i Nord, sjakk.")
    page.get_by_label("Vis på frivillig-siden").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#request-status")).to_contain_text("Åpen")
    expect(page.get_by_role("heading", name="Nils Nabo")).to_be_visible()
    assert_accessible(page)
