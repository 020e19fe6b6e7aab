"""Feedback in Chromium (issue 16): a participant opens the one-time link, answers with
the keyboard and sees the thanks; the unit leader sees the result and the offer page
shows the half-year line. Zero axe violations, in bokmål and nynorsk."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from catalogue.feedback import services
from catalogue.feedback.models import FeedbackAnswer, Occasion
from portal.roles import Role
from tests.browser.axe import assert_accessible, assert_accessible_in_languages, switch_language
from tests.catalogue.factories import OfferFactory, UnitFactory
from tests.portal.users import user_with_password

pytestmark = [pytest.mark.browser]


@pytest.fixture
def offer(transactional_db):
    return OfferFactory(
        unit=UnitFactory(name="Solsiden dagsenter"), title="Formiddagstreff", slug="treff"
    )


@pytest.fixture
def leader(offer):
    user = user_with_password(
        Role.UNIT_LEADER, email="leder@eksempel.no", full_name="Lene Leder", is_staff=True
    )
    user.units.add(offer.unit)
    return user


def _choose_with_keyboard(page, first_radio: str, steps_right: int) -> None:
    """Focus lands on the group's first option; Space picks it, each arrow the next."""
    page.locator(first_radio).focus()
    page.keyboard.press("Space")
    for _ in range(steps_right):
        page.keyboard.press("ArrowRight")


def test_a_participant_gives_feedback_and_the_unit_sees_it(page, offer, leader, log_in):
    month = timezone.localdate().replace(day=1)
    for _ in range(4):
        FeedbackAnswer.objects.create(
            offer=offer, enjoyed=4, took_part=4, recommend=4, answered_on=month
        )
    path = "/" + services.invite(offer, Occasion.SESSION).split("/", 3)[3]

    page.goto(path)
    switch_language(page, "nn")
    expect(page.locator("h1")).to_have_text("Kva synest du om «Formiddagstreff»?")
    assert_accessible(page)
    switch_language(page, "nb")
    expect(page.locator("h1")).to_have_text("Hva synes du om «Formiddagstreff»?")
    # The smileys decorate; each option is named by its words.
    expect(page.get_by_role("group", name="Hadde du det bra hos oss?")).to_be_visible()
    expect(page.get_by_role("radio", name="Svært bra", exact=True)).to_have_count(3)

    # Sent without answers: the messages stand by the questions, the text is kept.
    page.get_by_label("Vil du si noe mer? (valgfritt)").fill("Hyggelige folk")
    with page.expect_navigation():
        page.get_by_role("button", name="Send svaret").click()
    expect(page.locator(".ds-validation-message")).to_have_count(3)
    expect(page.get_by_label("Vil du si noe mer? (valgfritt)")).to_have_value("Hyggelige folk")
    assert_accessible(page)

    _choose_with_keyboard(page, "#id_enjoyed_0", 4)  # 5: Svært bra
    page.keyboard.press("Tab")  # to the next group's first option
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # 4: Bra
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    for _ in range(4):
        page.keyboard.press("ArrowRight")  # 5
    expect(page.locator("#id_took_part_3")).to_be_checked()
    page.keyboard.press("Tab")  # the free text, still holding what was typed
    page.keyboard.press("End")
    page.keyboard.type(" og god kaffe")
    page.keyboard.press("Tab")  # the button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Takk for svaret")
    assert_accessible_in_languages(page)
    answer = FeedbackAnswer.objects.exclude(free_text="").get()
    assert (answer.enjoyed, answer.took_part, answer.recommend) == (5, 4, 5)
    assert answer.free_text == "Hyggelige folk og god kaffe"

    # The link is used up.
    page.goto(path)
    expect(page.locator("h1")).to_have_text("Lenken kan ikke brukes lenger")
    assert_accessible(page)

    # The offer page: (4 × 12 + 14) / 15 = 4.1 from 5 participants.
    page.goto("/tilbud/treff/")
    expect(page.locator("[data-feedback-summary]")).to_have_text(
        "4,1 av 5 fra 5 deltakere siste halvår"
    )
    switch_language(page, "nn")
    expect(page.locator("[data-feedback-summary]")).to_have_text(
        "4,1 av 5 frå 5 deltakarar siste halvår"
    )
    switch_language(page, "nb")

    log_in(leader)
    page.goto("/tilbud/forvalt/treff/")
    with page.expect_navigation():
        page.get_by_role("link", name="Tilbakemeldinger").click()
    expect(page.locator("h1")).to_have_text("Tilbakemeldinger om «Formiddagstreff»")
    expect(page.locator("main")).to_contain_text("5 svar siste halvår")
    expect(page.locator("main")).to_contain_text("Snitt: 4,2 av 5")  # (4 × 4 + 5) / 5
    expect(page.locator("main")).to_contain_text("Hyggelige folk og god kaffe")
    assert_accessible_in_languages(page)
