"""Issue 15 in Chromium: a self-application read in the second person (bokmål and
nynorsk), the "who applies" questions one page at a time, and the case pages of the
citizen and the caseworker on a 375 px screen without horizontal scrolling."""

import pytest
from playwright.sync_api import expect

from portal.roles import Role
from referrals.cases.access import log_access
from referrals.cases.models import AccessLogEntry
from tests.browser.axe import assert_accessible, switch_language
from tests.browser.helpers import PHONE_VIEWPORT
from tests.factories import make_user
from tests.referrals.helpers import make_draft

pytestmark = [pytest.mark.browser]


def next_step(page, label="Lagre og gå videre"):
    with page.expect_navigation():
        page.locator("button[value=next]").click()


def no_horizontal_scroll(page) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page.url}: scrollWidth {widths[0]} > clientWidth {widths[1]}"


# --- the wizard ---------------------------------------------------------------------------


def test_a_self_application_reads_in_the_second_person_in_bokmal_and_nynorsk(page, log_in, setting):
    citizen = setting["citizen"]
    draft = make_draft(
        applicant=citizen,
        service_type=setting["day_activity"],
        person_name="Kari Nordmann",
        person_address="Storgata 1",
        person_postcode="0155",
        person_place="Oslo",
    )
    log_in(citizen)
    page.goto(f"/soknad/{draft.public_id}/personen/")
    expect(page.locator("h1")).to_have_text("Om deg")
    expect(page.locator(".step-counter")).to_contain_text("Steg 3 av 7")
    expect(page.get_by_role("group", name="Hvilket språk foretrekker du?")).to_be_visible()
    next_step(page)
    expect(page.locator("h1")).to_have_text("Behov og ønsker")
    expect(page.locator(".step-counter")).to_contain_text("Steg 4 av 7")
    main = page.locator("main")
    expect(page.get_by_role("group", name="Hva ønsker du deg?")).to_be_visible()
    expect(page.get_by_role("group", name="Trenger du transport?")).to_be_visible()
    expect(main).not_to_contain_text("personen")
    assert_accessible(page)

    switch_language(page, "nn")
    expect(page.get_by_role("group", name="Kva ønskjer du deg?")).to_be_visible()
    expect(page.get_by_role("group", name="Treng du transport?")).to_be_visible()
    expect(page.locator(".step-counter")).to_contain_text("4")
    expect(main).not_to_contain_text("personen")
    page.goto(f"/soknad/{draft.public_id}/personen/")
    expect(page.locator("h1")).to_have_text("Om deg")
    expect(page.get_by_role("group", name="Kva språk føretrekkjer du?")).to_be_visible()
    assert_accessible(page)


def test_who_applies_is_asked_one_question_at_a_time(page, log_in, setting, tmp_path):
    citizen = setting["citizen"]
    draft = make_draft(applicant=citizen, service_type=setting["day_activity"], on_behalf=None)
    log_in(citizen)
    page.goto(f"/soknad/{draft.public_id}/hvem/")
    main = page.locator("main")
    expect(page.get_by_label("Meg selv")).to_be_visible()
    # Nothing about guardians or powers of attorney until it is needed.
    expect(main).not_to_contain_text("Verge")
    expect(main).not_to_contain_text("fullmakt")
    expect(page.locator("input[type=file]")).to_have_count(0)

    page.get_by_label("En annen person").check()
    next_step(page)
    expect(page.locator("h1")).to_have_text("Din rett til å søke for en annen")
    expect(page.locator("input[type=file], textarea, input[type=text]")).to_have_count(0)
    assert_accessible(page)

    # A contradiction is refused at the field.
    page.get_by_label("Verge", exact=True).check()
    page.get_by_label("Personen har samtykket til at jeg søker").check()
    next_step(page)
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Du har svart at du er verge.")
    expect(page.locator("#id_basis_error, [id$=basis_error]").first).to_contain_text(
        "Du har svart at du er verge."
    )
    assert_accessible(page)

    page.get_by_label("Jeg er oppnevnt verge").check()
    next_step(page)
    expect(page.locator("h1")).to_have_text("Vergemålet")
    # Only the upload: no scope of a power of attorney, no reason for missing consent.
    expect(page.locator("input[type=file]")).to_have_count(1)
    expect(page.locator("input[type=text], textarea")).to_have_count(0)
    expect(page.locator(".step-counter")).to_contain_text("Steg 4 av 10")
    document = tmp_path / "verge.pdf"
    from tests.referrals.helpers import pdf_bytes

    document.write_bytes(pdf_bytes())
    page.get_by_label("Last opp vergefullmakten").set_input_files(str(document))
    next_step(page)
    expect(page.locator("h1")).to_have_text("Personen søknaden gjelder")


# --- the case pages at 375 px -------------------------------------------------------------


@pytest.fixture
def seen_case(setting):
    """Kari's case, read and changed by staff, so the access history has rows."""
    case = setting["case"]
    for action in (AccessLogEntry.Action.VIEW, AccessLogEntry.Action.CHANGE) * 4:
        log_access(
            user=setting["caseworker"], action=action, object_type="application", application=case
        )
    return case


def test_the_citizens_case_page_fits_a_phone(page, log_in, setting, seen_case):
    page.set_viewport_size(PHONE_VIEWPORT)
    log_in(setting["citizen"])
    page.goto(f"/mine-soknader/{seen_case.reference}/")
    expect(page.locator("h1")).to_contain_text(seen_case.reference)
    expect(page.locator("main table").first).to_be_visible()
    no_horizontal_scroll(page)
    switch_language(page, "nn")
    no_horizontal_scroll(page)


def test_the_caseworkers_case_page_and_the_access_log_fit_a_phone(page, log_in, setting, seen_case):
    page.set_viewport_size(PHONE_VIEWPORT)
    log_in(setting["caseworker"])
    page.goto(f"/saksbehandling/{seen_case.reference}/")
    expect(page.locator("h1")).to_contain_text(seen_case.reference)
    no_horizontal_scroll(page)

    page.context.clear_cookies()
    admin = make_user(Role.ADMINISTRATOR, email="admin@example.no", full_name="Ada Administrator")
    log_in(admin)
    page.goto(f"/saksbehandling/tilgangslogg/?person={seen_case.reference}")
    expect(page.locator("main table")).to_be_visible()
    no_horizontal_scroll(page)
