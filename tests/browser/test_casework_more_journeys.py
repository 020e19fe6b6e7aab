"""More casework in Chromium: four-eyes approval (sent back with a comment, corrected,
approved by a colleague; nobody approves their own), consulting a unit leader,
correcting an issued decision (the citizen sees both letters, the old one marked
replaced), ending a place from a later day, and the administrators' access log. axe on
every page visited; the main pages in bokmål and nynorsk."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from portal.roles import Role
from referrals.capacity import selectors as capacity_selectors
from referrals.cases.models import Consultation, Decision
from referrals.casework.models import DecisionProposal
from tests.browser.axe import assert_accessible, assert_accessible_in_languages, switch_language
from tests.catalogue.factories import UnitFactory
from tests.factories import make_user
from tests.referrals.casework.factories import (
    decide,
    make_case,
    make_caseworker,
    make_unit_leader,
    take,
)

pytestmark = [pytest.mark.browser]


def _switch_user(page, log_in, user):
    page.context.clear_cookies()
    return log_in(user)


def _status_message(page):
    return page.locator(".ds-alert, [role=status]").first


def _press(locator, key="Enter"):
    """Activate a control from the keyboard: focus it, then press the key."""
    locator.focus()
    expect(locator).to_be_focused()
    locator.press(key)


def _tab_to(page, locator):
    """Press Tab once: the focus must land on ``locator`` (the form's tab order)."""
    page.keyboard.press("Tab")
    expect(locator).to_be_focused()


def _pdf_text(path) -> str:
    with open(path, "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    return " ".join("\n".join(page.extract_text() for page in reader.pages).split())


def test_four_eyes_a_colleague_returns_then_approves_and_the_drafter_cannot(page, log_in, setting):
    day_activity = setting["day_activity"]
    day_activity.requires_second_approval = True
    day_activity.save(update_fields=["requires_second_approval"])
    drafter = setting["caseworker"]
    reviewer = make_caseworker(
        service_type=day_activity,
        district=setting["north"],
        email="kare@example.no",
        full_name="Kåre Kollega",
        approver=True,
    )
    case = take(setting["case"], drafter)

    # Siri writes the decision; the page says it needs a second approval.
    log_in(drafter)
    page.goto(f"/saksbehandling/{case.reference}/vedtak/")
    expect(page.get_by_text("må godkjennes av en annen saksbehandler")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Innvilget", exact=True).check()
    page.get_by_label("Faktiske forhold").fill("Kari bor alene og ønsker selskap på dagtid.")
    page.get_by_label("Begrunnelse").fill("Dagaktivitet gir fellesskap.")
    page.get_by_label("Tilbud", exact=True).select_option(label="Solsiden dagsenter")
    page.get_by_label("tirsdag").check()
    page.get_by_label("Tidsrom").fill("09.00–15.00")
    page.get_by_label("Startdato").fill(f"{timezone.localdate() + timedelta(days=7):%Y-%m-%d}")
    page.get_by_label("Dato for ny vurdering").fill(
        f"{timezone.localdate() + timedelta(days=180):%Y-%m-%d}"
    )
    with page.expect_navigation():
        _press(page.get_by_role("button", name="Send vedtaket til godkjenning"))
    expect(page.locator("#proposal")).to_contain_text("Vedtak som venter på godkjenning")
    # She cannot approve her own decision: no button, and the page says why.
    expect(page.locator("#proposal")).to_contain_text("Ingen kan godkjenne sitt eget vedtak.")
    expect(page.get_by_role("button", name="Godkjenn og send brevet")).to_have_count(0)
    expect(page.get_by_role("button", name="Send tilbake til saksbehandleren")).to_have_count(0)
    assert_accessible(page)
    assert not Decision.objects.filter(application=case).exists()

    # Kåre reviews it and sends it back with a comment.
    _switch_user(page, log_in, reviewer)
    page.goto(f"/saksbehandling/{case.reference}/")
    proposal = page.locator("#proposal")
    expect(proposal).to_contain_text("Skrevet av Siri Saksbehandler")
    expect(proposal).to_contain_text("Dagaktivitet gir fellesskap.")
    assert_accessible_in_languages(page)
    # Sending back without a comment is refused with an error linked to the field.
    with page.expect_navigation():
        page.get_by_role("button", name="Send tilbake til saksbehandleren").click()
    expect(page.get_by_text("Skriv hva som må rettes.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Hva må rettes?").fill("Begrunnelsen må nevne avlastning for datteren.")
    send_back = page.get_by_role("button", name="Send tilbake til saksbehandleren")
    _tab_to(page, send_back)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(_status_message(page)).to_contain_text("Vedtaket er sendt tilbake til saksbehandleren.")
    assert_accessible(page)

    # Siri sees the comment, corrects the reasons and sends it again.
    _switch_user(page, log_in, drafter)
    page.goto(f"/saksbehandling/{case.reference}/")
    expect(page.locator("#timeline-heading ~ ol")).to_contain_text(
        "Begrunnelsen må nevne avlastning for datteren."
    )
    with page.expect_navigation():
        _press(page.get_by_role("link", name="Fatt vedtak"))
    expect(page.get_by_text("Vedtaket ble sendt tilbake av Kåre Kollega")).to_be_visible()
    expect(page.get_by_text("Begrunnelsen må nevne avlastning for datteren.")).to_be_visible()
    expect(page.get_by_label("Faktiske forhold")).to_have_value(
        "Kari bor alene og ønsker selskap på dagtid."
    )
    assert_accessible_in_languages(page)
    page.get_by_label("Begrunnelse").fill("Dagaktivitet gir fellesskap og avlastning for datteren.")
    with page.expect_navigation():
        _press(page.get_by_role("button", name="Send vedtaket til godkjenning"))
    expect(page.get_by_role("button", name="Godkjenn og send brevet")).to_have_count(0)

    # Kåre (the approver role) approves in nynorsk, from the keyboard; he sees the whole
    # proposal first; the letter is issued and downloads.
    _switch_user(page, log_in, reviewer)
    page.goto(f"/saksbehandling/{case.reference}/")
    switch_language(page, "nn")
    proposal = page.locator("#proposal")
    expect(proposal).to_contain_text("avlastning for datteren")
    expect(proposal).to_contain_text("09.00–15.00")
    expect(proposal).to_contain_text("Solsiden dagsenter")
    with page.expect_navigation():
        _press(page.get_by_role("button", name="Godkjenn og send brevet"))
    expect(_status_message(page)).to_contain_text("Vedtaket er godkjent.")
    expect(page.locator("#status-heading")).to_contain_text("Vedtak gjort")
    expect(page.locator("#proposal")).to_have_count(0)
    assert_accessible(page)
    switch_language(page, "nb")
    decision = Decision.objects.get(application=case)
    assert decision.decided_by == drafter and decision.approved_by == reviewer
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Vedtaksbrev (PDF)").click()
    text = _pdf_text(download_info.value.path())
    assert "Utfall: Innvilget" in text
    # The letter names both: the caseworker who wrote it and the approver.
    assert "skrevet av saksbehandler Siri Saksbehandler og godkjent av" in text
    assert "Kåre Kollega" in text
    assert "Dagaktivitet gir fellesskap og avlastning for datteren." in text
    assert DecisionProposal.objects.get(application=case).status == "approved"


def test_a_caseworker_consults_a_unit_leader_who_answers(page, log_in, setting):
    moon = UnitFactory(name="Månen", slug="maanen", email="maane@example.no")
    leader = make_unit_leader(unit=moon, email="mona@example.no", full_name="Mona Leder")
    case = take(setting["case"], setting["caseworker"])
    question = "Har Månen plass til en med lett demens på onsdager?"

    log_in(setting["caseworker"])
    page.goto(f"/saksbehandling/{case.reference}/")
    # The form is folded away; open it from the keyboard.
    _press(page.get_by_text("Drøft saken med en annen enhet", exact=True))
    page.get_by_label(re.compile(r"^Enhet\b")).select_option(label="Månen")
    page.get_by_label("Hva vil du drøfte?").fill(question)
    _tab_to(page, page.get_by_role("button", name="Send til enhetslederne"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(_status_message(page)).to_contain_text("Drøftingen er sendt til enhetslederne.")
    expect(page.locator(f"#drofting-{Consultation.objects.get().pk}")).to_contain_text(
        "Ikke besvart ennå."
    )
    assert_accessible(page)

    # The unit leader finds the case in the queue and answers.
    _switch_user(page, log_in, leader)
    page.goto("/saksbehandling/")
    with page.expect_navigation():
        page.get_by_role("link", name=case.reference).click()
    expect(page.get_by_text(question)).to_be_visible()
    assert_accessible_in_languages(page)
    # An empty answer is refused, accessibly.
    with page.expect_navigation():
        page.get_by_role("button", name="Send svaret").click()
    expect(page.get_by_text("Skriv svaret.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Svar\b")).fill("Ja, fra mars. Ring meg gjerne.")
    # The unit says whether it has a free place (then its offers can be granted).
    _tab_to(page, page.get_by_label("Enheten har ledig plass til søkeren"))
    page.keyboard.press("Space")
    _tab_to(page, page.get_by_role("button", name="Send svaret"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(_status_message(page)).to_contain_text("Svaret er lagret på saken.")
    assert_accessible(page)

    # The caseworker sees the answer on the case and in its timeline.
    _switch_user(page, log_in, setting["caseworker"])
    page.goto(f"/saksbehandling/{case.reference}/")
    expect(page.locator("#consultations-heading ~ ul")).to_contain_text("Enheten har ledig plass")
    expect(page.locator("#consultations-heading ~ ul")).to_contain_text(
        "Ja, fra mars. Ring meg gjerne."
    )
    expect(page.locator("#timeline-heading ~ ol")).to_contain_text("Svar på drøfting fra Månen")
    assert_accessible_in_languages(page)


def test_a_caseworker_corrects_a_decision_and_the_citizen_sees_both_letters(page, log_in, setting):
    case = take(setting["case"], setting["caseworker"])
    old = decide(case, setting["caseworker"], offer=setting["offer"], hours="09.00–15.00")

    log_in(setting["caseworker"])
    page.goto(f"/saksbehandling/{case.reference}/")
    with page.expect_navigation():
        _press(page.get_by_role("link", name="Rett vedtak"))
    expect(page.locator("h1")).to_contain_text("Rett vedtak for Kari Nordmann")
    expect(page.get_by_label("Tidsrom")).to_have_value("09.00–15.00")
    assert_accessible_in_languages(page)
    # Without a reason the correction is refused.
    page.get_by_label("Tidsrom").fill("10.00–14.00")
    with page.expect_navigation():
        page.get_by_role("button", name="Rett vedtaket og send nytt brev").click()
    expect(page.get_by_text("Skriv hva som er rettet og hvorfor.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Hva er rettet, og hvorfor?").fill(
        "Tidsrommet var feil. Senteret er åpent 10–14."
    )
    with page.expect_navigation():
        _press(page.get_by_role("button", name="Rett vedtaket og send nytt brev"))
    expect(_status_message(page)).to_contain_text("Vedtaket er rettet.")
    expect(page.get_by_role("link", name="Vedtaksbrev (PDF)")).to_have_count(2)
    assert_accessible(page)
    old.refresh_from_db()
    new = Decision.objects.get(replaces=old)
    assert old.replaced_at is not None

    # The citizen sees both letters; the old one is marked as replaced.
    _switch_user(page, log_in, setting["citizen"])
    page.goto(f"/mine-soknader/{case.reference}/")
    decisions = page.locator("#decision-heading ~ ul > li")
    expect(decisions).to_have_count(2)
    old_date = timezone.localdate(old.replaced_at)
    replaced = decisions.filter(has_text="Erstattet av vedtak av")
    expect(replaced).to_have_count(1)
    expect(replaced).to_contain_text(f"Erstattet av vedtak av {old_date.day}.")
    expect(replaced.get_by_role("link", name="Les vedtaksbrevet (PDF)")).to_have_attribute(
        "href", re.compile(rf"/vedtak/{old.pk}/")
    )
    current = decisions.filter(has_not_text="Erstattet av vedtak av")
    with page.expect_download() as download_info:
        current.get_by_role("link", name="Les vedtaksbrevet (PDF)").click()
    text = _pdf_text(download_info.value.path())
    assert "Dette vedtaket retter og erstatter vedtaket av" in text
    assert "Tidsrommet var feil. Senteret er åpent 10–14." in text
    assert "10.00–14.00" in text
    assert new.letter_sha256 != old.letter_sha256
    assert_accessible_in_languages(page)


def test_a_unit_leader_ends_a_place_from_a_later_day(page, log_in, setting):
    offer = setting["offer"]
    offer.capacity_per_day = 1
    offer.save(update_fields=["capacity_per_day"])
    case = take(setting["case"], setting["caseworker"])
    decide(case, setting["caseworker"], offer=offer, weekdays=[2], start_date=None)
    leader = make_unit_leader(unit=offer.unit, email="leder@example.no", full_name="Lars Leder")
    today = timezone.localdate()
    monday = capacity_selectors.week_start(today)
    end = monday + timedelta(weeks=2, days=2)  # Wednesday in two weeks

    log_in(leader)
    page.goto("/saksbehandling/kapasitet/")
    allocated = page.get_by_role("table", name="Hvem som har plass ved Solsiden dagsenter")
    row = allocated.get_by_role("row").filter(has_text=case.reference)
    row.get_by_label("Plassen er ledig fra og med").fill(end.isoformat())
    _press(row.get_by_label("Jeg bekrefter at plassen skal avsluttes"), " ")
    expect(row.get_by_label("Jeg bekrefter at plassen skal avsluttes")).to_be_checked()
    _tab_to(page, row.get_by_role("button", name="Avslutt plassen til Kari Nordmann"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(_status_message(page)).to_contain_text(
        f"Plassen avsluttes og er ledig fra og med {end:%d.%m.%Y}."
    )

    # Still allocated, marked with the day it becomes free …
    row = page.get_by_role("table", name="Hvem som har plass ved Solsiden dagsenter").get_by_role(
        "row"
    )
    row = row.filter(has_text=case.reference)
    expect(row).to_contain_text(f"Ledig fra og med {end.day}.{end.month}.{end.year}")
    # … and counted as taken on Wednesdays until then, free from then on.
    weeks = page.get_by_role(
        "table", name="Tildelte og ledige plasser per ukedag ved Solsiden dagsenter"
    )
    for week in range(capacity_selectors.WEEKS):
        wednesday = monday + timedelta(weeks=week, days=2)
        week_monday = monday + timedelta(weeks=week)
        week_row = weeks.get_by_role("row").filter(
            has_text=f"({week_monday.day}.{week_monday.month}.–"
        )
        cell = week_row.get_by_role("cell").nth(2)
        expected = "1 av 1 tildelt" if wednesday < end else "0 av 1 tildelt"
        expect(cell).to_contain_text(expected)
    assert_accessible_in_languages(page)


def test_an_administrator_reads_the_access_log_for_a_case(page, log_in, setting):
    case = setting["case"]
    other = make_case(
        applicant=setting["citizen"],
        service_type=case.service_type,
        district=case.district,
        person_name="Per Annen",
    )
    admin = make_user(Role.ADMINISTRATOR, email="admin@example.no", full_name="Ada Admin")
    admin.save()

    # The caseworker opens both cases.
    log_in(setting["caseworker"])
    for reference in (case.reference, other.reference):
        page.goto(f"/saksbehandling/{reference}/")
        expect(page.locator("h1")).to_contain_text(reference)

    _switch_user(page, log_in, admin)
    page.goto("/saksbehandling/tilgangslogg/")
    expect(page.locator("h1")).to_have_text("Tilgangslogg")
    assert_accessible_in_languages(page)
    page.get_by_label("Søk på referanse eller navn").fill(case.reference)
    with page.expect_navigation():
        page.get_by_label("Søk på referanse eller navn").press("Enter")
    table = page.get_by_role("table", name=re.compile("Tilgangslogg, nyeste først"))
    rows = table.locator("tbody tr")
    expect(rows.first).to_be_visible()
    # The caseworker's reading of the case: user, role, action, reference, person.
    viewed = rows.filter(has_text="Siri Saksbehandler").filter(
        has=page.get_by_role("cell", name="Lest", exact=True)
    )
    expect(viewed.first).to_contain_text("Saksbehandler")
    expect(viewed.first).to_contain_text(case.reference)
    expect(viewed.first).to_contain_text("Kari Nordmann")
    expect(viewed.first).to_contain_text("Tillatt")
    expect(table).not_to_contain_text(other.reference)
    expect(table).not_to_contain_text("Per Annen")
    for index in range(rows.count()):
        expect(rows.nth(index)).to_contain_text(case.reference)
    assert_accessible_in_languages(page)
