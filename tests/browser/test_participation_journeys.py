"""A relative signs up her father for a full session, with transport and a diet: he is
put on the waiting list with his position; the confirmed participant cancels through
the link in her e-mail, and the father gets the place, as Mine påmeldinger shows.
Zero axe violations on every page visited."""

import re

import pytest
from playwright.sync_api import expect

from catalogue.models import Offer
from catalogue.participation import services
from portal.roles import Role
from tests.browser.axe import assert_accessible
from tests.catalogue.factories import OfferFactory, SessionFactory
from tests.factories import make_user

pytestmark = [pytest.mark.browser]


@pytest.fixture
def full_session(transactional_db):
    offer = OfferFactory(
        title="Minnekoret",
        slug="minnekoret",
        participation=Offer.Participation.SIGNUP,
        transport_offered=True,
    )
    session = SessionFactory(offer=offer, places=1, offers_transport=True, offers_meal=True)
    pending = services.sign_up(
        session,
        services.SignUpData(name="Berit Plass", phone="+4791111111", email="berit@example.no"),
    )
    taken = services.confirm_email(pending)
    return {
        "offer": offer,
        "session": session,
        "berit_link": f"/mine-pameldinger/lenke/{taken.token}/",
    }


def test_a_relative_signs_up_her_father_who_gets_the_place_when_it_frees_up(
    page, log_in, full_session
):
    relative = make_user(Role.CITIZEN, email="dina@example.no", full_name="Dina Datter")
    log_in(relative)

    page.goto("/tilbud/minnekoret/")
    sessions = page.locator(".offer__sessions")
    expect(sessions).to_contain_text("Fullt – sett deg på venteliste")
    assert_accessible(page)
    with page.expect_navigation():
        sessions.get_by_role("link", name=re.compile("Meld deg på")).click()

    expect(page.locator("h1")).to_have_text("Påmelding til «Minnekoret»")
    assert_accessible(page)
    page.get_by_label("En jeg hjelper, for eksempel en forelder").check()
    page.get_by_label("Navnet til den som skal delta").fill("Per Datter")
    page.get_by_label("Telefonnummer").fill("912 34 567")
    page.get_by_label("Trenger transport").check()
    page.get_by_label("Hentes på adresse").fill("Elvegata 3")
    page.get_by_label("Rullator").check()
    page.get_by_label("Vil ha måltid").check()
    page.get_by_label("Kosthold og allergier").fill("Glutenfritt")
    with page.expect_navigation():
        page.get_by_role("button", name="Meld på").click()

    expect(page.locator(".site-messages")).to_contain_text(
        "Det var fullt. Per Datter står på ventelisten, plass 1."
    )
    facts = page.locator(".participation-facts")
    expect(facts).to_contain_text("På venteliste, plass 1")
    expect(facts).to_contain_text("Hentes på Elvegata 3 (rullator)")
    expect(facts).to_contain_text("Glutenfritt")
    assert_accessible(page)

    page.goto("/mine-pameldinger/")
    expect(page.locator(".participation-list")).to_contain_text("På venteliste, plass 1")
    assert_accessible(page)

    # Berit, who has the place, cancels through the link in her e-mail.
    page.goto(full_session["berit_link"])
    expect(page.locator(".participation-facts")).to_contain_text("Berit Plass")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Meld av")).click()
    expect(page.locator(".site-messages")).to_contain_text("Du er meldt av.")

    # The father has the place now.
    page.goto("/mine-pameldinger/")
    entry = page.locator(".participation-list li").filter(has_text="Per Datter")
    expect(entry).to_contain_text("Påmeldt")
    expect(entry).to_contain_text("Du kan melde av her til")
    expect(entry.get_by_role("link", name=re.compile("Legg i kalenderen"))).to_be_visible()
    assert_accessible(page)
