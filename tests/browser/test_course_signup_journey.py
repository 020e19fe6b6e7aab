"""A daughter signs up her father for a whole course, in nynorsk: a missing name is
pointed out next to the field and what she typed is kept; then one submit gives him a
place on every session, and Mine påmeldingar shows the course as one entry. Zero axe
violations on every page visited."""

import datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from catalogue.models import Offer
from catalogue.participation import services
from catalogue.participation.models import SignUp
from portal.roles import Role
from tests.browser.axe import assert_accessible, switch_language
from tests.catalogue.factories import OfferFactory
from tests.catalogue.participation.courses import next_tuesday_evening
from tests.factories import make_user

pytestmark = [pytest.mark.browser]


def nn(text: str) -> str:
    with translation.override("nn"):
        return gettext(text)


@pytest.fixture
def course(transactional_db):
    offer = OfferFactory(
        title="Nettbrettkurs", slug="nettbrettkurs", participation=Offer.Participation.SIGNUP
    )
    return services.create_series(
        offer,
        next_tuesday_evening(),
        3,
        duration=datetime.timedelta(hours=2),
        places=2,
        whole_course=True,
    )


def test_a_daughter_signs_up_her_father_for_a_whole_course_in_nynorsk(page, log_in, course):
    daughter = make_user(Role.CITIZEN, email="dina@example.no", full_name="Dina Datter")
    log_in(daughter)
    page.goto("/tilbud/nettbrettkurs/pamelding/")
    switch_language(page, "nn")
    expect(page.locator("main")).to_contain_text(
        nn(
            "Kurset tas som en helhet: du melder deg på alle gangene på én gang, og får "
            "plass på hele kurset eller står på ventelisten til hele kurset."
        )
    )
    assert_accessible(page)

    # For someone she helps, without his name: the error is next to the field.
    page.locator("#id_for_whom_1").check()
    page.locator("#id_name").fill("")
    page.locator("#id_phone").fill("912 34 567")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    error = page.locator("#div_id_name")
    expect(error).to_contain_text(nn("Skriv navnet til den som skal delta"))
    assert page.locator("#id_name").get_attribute("aria-describedby")
    expect(page.locator("#id_phone")).to_have_value("912 34 567")
    expect(page.locator("#id_for_whom_1")).to_be_checked()
    assert_accessible(page)
    assert not SignUp.objects.exists()

    page.locator("#id_name").fill("Per Datter")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    signups = SignUp.objects.filter(name="Per Datter")
    assert signups.count() == 3
    assert {signup.status for signup in signups} == {SignUp.Status.CONFIRMED}
    assert len({signup.course for signup in signups}) == 1
    assert_accessible(page)

    page.goto("/mine-pameldinger/")
    entries = page.locator(".participation-list > li")
    expect(entries).to_have_count(1)
    expect(entries.first).to_contain_text("Nettbrettkurs")
    expect(entries.first).to_contain_text(nn("Påmeldingen gjelder hele kurset."))
    assert_accessible(page)
