"""Casework in Chromium: a caseworker takes a case from the queue, asks for more
information, the citizen replies, the caseworker grants and downloads the letter; the
citizen sees it and appeals; the caseworker upholds and forwards to Statsforvalteren.
A unit leader sees allocations and the waiting list. axe on every staff page (bokmål
and nynorsk)."""

import hashlib
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from referrals.applications import services
from referrals.cases.models import Appeal, Application, Decision
from referrals.casework.models import AppealForwarding, Assessment
from referrals.letters.rendering import COURTESY_NOTE
from tests.browser.axe import assert_accessible, assert_accessible_in_languages, switch_language
from tests.browser.helpers import open_details
from tests.referrals.casework.factories import decide, make_case, make_unit_leader, take

pytestmark = [pytest.mark.browser]


def test_a_caseworker_takes_a_case_asks_for_information_and_grants_it(page, log_in, setting):
    case = setting["case"]
    log_in(setting["caseworker"])

    page.goto("/saksbehandling/")
    expect(page.locator("h1")).to_have_text("Saksbehandling")
    assert_accessible_in_languages(page)
    switch_language(page, "nb")
    with page.expect_navigation():
        page.get_by_role("link", name=case.reference).click()

    expect(page.locator("h1")).to_contain_text(case.reference)
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Ta saken").click()
    expect(page.locator(".ds-alert, [role=status]").first).to_contain_text("Saken er tildelt deg.")

    page.get_by_label("Hvilke opplysninger trenger du?").fill("Hvilke dager passer best?")
    with page.expect_navigation():
        page.get_by_role("button", name="Send forespørsel").click()
    expect(page.locator("#status-heading")).to_contain_text("Venter på opplysninger fra søker")
    assert_accessible(page)

    # The citizen answers (through the citizen side's service).
    services.reply_to_municipality(
        application=Application.objects.get(pk=case.pk),
        user=setting["citizen"],
        body="Tirsdag og torsdag passer best.",
    )
    page.reload()
    expect(page.locator("#status-heading")).to_contain_text("Under behandling")
    expect(page.get_by_text("Tirsdag og torsdag passer best.")).to_be_visible()

    with page.expect_navigation():
        page.get_by_role("link", name="Fatt vedtak").click()
    assert_accessible_in_languages(page)
    switch_language(page, "nb")
    page.get_by_label("Innvilget", exact=True).check()
    page.get_by_label("Faktiske forhold").fill("Kari bor alene og ønsker selskap på dagtid.")
    page.get_by_label("Begrunnelse").fill("Dagaktivitet gir fellesskap og mestring.")
    page.get_by_label("Tilbud", exact=True).select_option(label="Solsiden dagsenter")
    page.get_by_label("tirsdag").check()
    page.get_by_label("torsdag").check()
    page.get_by_label("Tidsrom").fill("09.00–15.00")
    page.get_by_label("Startdato").fill("2026-12-01")
    page.get_by_label("Dato for ny vurdering").fill("2027-06-01")
    page.get_by_label("Transport inngår").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Fatt vedtak og send brev").click()

    expect(page.locator("#status-heading")).to_contain_text("Vedtak fattet")
    assert_accessible(page)
    decision = Decision.objects.get(application=case)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Vedtaksbrev (PDF)").click()
    path = download_info.value.path()
    with open(path, "rb") as file:
        assert hashlib.sha256(file.read()).hexdigest() == decision.letter_sha256

    # The citizen sees the letter and appeals.
    page.context.clear_cookies()
    log_in(setting["citizen"])
    page.goto(f"/mine-soknader/{case.reference}/")
    expect(page.get_by_role("link", name="Les vedtaksbrevet (PDF)")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Klag på vedtaket").click()
    page.get_by_label("Hvorfor klager du?").fill("Jeg trenger tre dager, ikke to.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send klagen").click()

    # The caseworker reconsiders, upholds the decision and forwards the case.
    page.context.clear_cookies()
    log_in(setting["caseworker"])
    page.goto(f"/saksbehandling/{case.reference}/")
    expect(page.locator("#status-heading")).to_contain_text("Klage mottatt")
    assert_accessible(page)
    page.get_by_label("Kommunens nye vurdering av saken").fill("Behovet er vurdert på nytt.")
    page.get_by_label("Kommunens merknader til klagen").fill("To dager dekker behovet.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send til Statsforvalteren").click()
    expect(
        page.get_by_role("link", name="Saksdokumenter sendt til Statsforvalteren (PDF)")
    ).to_be_visible()
    assert_accessible(page)


def _pdf_text(path) -> tuple[str, str]:
    with open(path, "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = " ".join("\n".join(page.extract_text() for page in reader.pages).split())
    return text, str(reader.trailer["/Root"]["/Lang"])


def _sha256(path) -> str:
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def test_after_a_decision_the_citizen_appeals_and_the_caseworker_upholds_and_forwards(
    page, log_in, setting
):
    # The decision is made through the services; the journey is what follows it.
    case = take(setting["case"], setting["caseworker"])
    decision = decide(case, setting["caseworker"], offer=setting["offer"], weekdays=[1, 3])

    # The citizen finds the letter on /mine-soknader/, reads it (and the English copy).
    log_in(setting["citizen"])
    page.goto("/mine-soknader/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name=case.reference).click()
    letter_link = page.get_by_role("link", name="Les vedtaksbrevet (PDF)")
    expect(letter_link).to_be_visible()
    assert_accessible_in_languages(page)
    with page.expect_download() as download_info:
        letter_link.click()
    assert _sha256(download_info.value.path()) == decision.letter_sha256
    with page.expect_download() as download_info:
        page.get_by_role("link", name="English courtesy copy (PDF)").click()
    text, lang = _pdf_text(download_info.value.path())
    assert lang == "en" and COURTESY_NOTE in text and "You have the right to appeal" in text

    # … and appeals online.
    with page.expect_navigation():
        page.get_by_role("link", name="Klag på vedtaket").click()
    assert_accessible(page)
    page.get_by_label("Hvorfor klager du?").fill("Jeg trenger tre dager, ikke to.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send klagen").click()
    expect(page.locator(".ds-alert, [role=status]").first).to_contain_text("Klagen er sendt.")
    assert_accessible(page)
    appeal = Appeal.objects.get(application=case)
    assert appeal.status == Appeal.Status.RECEIVED and not appeal.registered_on_paper

    # The caseworker re-assesses the case, upholds the decision and forwards it.
    page.context.clear_cookies()
    log_in(setting["caseworker"])
    page.goto(f"/saksbehandling/{case.reference}/")
    expect(page.locator("#status-heading")).to_contain_text("Klage mottatt")
    expect(page.get_by_text("Jeg trenger tre dager, ikke to.")).to_be_visible()
    assert_accessible_in_languages(page)
    open_details(page.locator("#assessment-heading ~ details summary"))
    page.get_by_label("Trenger noe hjelp").check()
    page.get_by_label("Om funksjonsnivået").fill("Klarer seg hjemme to dager i uken med tilsyn.")
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre kartleggingen").click()
    expect(page.locator(".ds-alert, [role=status]").first).to_contain_text(
        "Kartleggingen er lagret."
    )
    assessment = Assessment.objects.get(application=case)
    assert assessment.functional_level == "some_help"
    assert_accessible(page)

    page.get_by_label("Kommunens nye vurdering av saken").fill("Behovet er vurdert på nytt.")
    page.get_by_label("Kommunens merknader til klagen").fill("To dager dekker behovet.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send til Statsforvalteren").click()
    expect(page.locator(".ds-alert, [role=status]").first).to_contain_text(
        "Vedtaket er opprettholdt, og klagen er sendt til Statsforvalteren."
    )
    case_file_link = page.get_by_role(
        "link", name="Saksdokumenter sendt til Statsforvalteren (PDF)"
    )
    expect(case_file_link).to_be_visible()
    assert_accessible(page)
    forwarding = AppealForwarding.objects.get(appeal=appeal)
    with page.expect_download() as download_info:
        case_file_link.click()
    path = download_info.value.path()
    assert _sha256(path) == forwarding.case_file_sha256
    text, _lang = _pdf_text(path)
    assert case.reference in text
    assert "Jeg trenger tre dager, ikke to." in text  # the appeal
    assert "Klarer seg hjemme to dager i uken med tilsyn." in text  # the new assessment
    assert "To dager dekker behovet." in text  # the municipality's comments
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.FORWARDED
    # The decision and its letter stay as issued.
    decision.refresh_from_db()
    with decision.letter.open("rb") as file:
        assert hashlib.sha256(file.read()).hexdigest() == decision.letter_sha256


def test_a_unit_leader_sees_the_allocation_and_the_waiting_list(page, log_in, setting):
    # One place on Wednesdays: the first grant gets it, the second waits.
    offer = setting["offer"]
    offer.capacity_per_day = 1
    offer.save(update_fields=["capacity_per_day"])
    first = take(setting["case"], setting["caseworker"])
    decide(first, setting["caseworker"], offer=offer, weekdays=[2])
    second = make_case(
        applicant=setting["citizen"],
        service_type=first.service_type,
        district=first.district,
        offers=[offer],
        person_name="Per Venter",
    )
    take(second, setting["caseworker"])
    decide(second, setting["caseworker"], offer=offer, weekdays=[2])
    leader = make_unit_leader(unit=offer.unit, email="leder@example.no", full_name="Lars Leder")

    log_in(leader)
    page.goto("/saksbehandling/kapasitet/")
    expect(page.locator("h1")).to_have_text("Plasser og venteliste")
    expect(page.get_by_role("heading", name="Solsiden dagsenter")).to_be_visible()

    # The allocation: who has the Wednesday place, and Wednesday is full.
    allocated = page.get_by_role("table", name="Hvem som har plass ved Solsiden dagsenter")
    row = allocated.get_by_role("row").filter(has_text=first.reference)
    expect(row).to_contain_text("Kari Nordmann")
    expect(row).to_contain_text(re.compile("onsdag", re.IGNORECASE))
    expect(allocated).not_to_contain_text("Per Venter")
    weeks = page.get_by_role(
        "table", name="Tildelte og ledige plasser per ukedag ved Solsiden dagsenter"
    )
    # The place starts next week (the decision's start date), and is full from then on.
    expect(weeks.get_by_role("row").filter(has_text="Fullt").first).to_contain_text(
        "1 av 1 tildelt"
    )

    # The waiting list: the second person is first in line for Wednesdays.
    waiting = page.get_by_role("table", name=re.compile("Venteliste ved Solsiden dagsenter"))
    row = waiting.get_by_role("row").filter(has_text=second.reference)
    expect(row).to_contain_text("Per Venter")
    expect(row).to_contain_text(re.compile("onsdag", re.IGNORECASE))
    expect(row.get_by_role("cell").nth(1)).to_contain_text("1")
    expect(waiting).not_to_contain_text("Kari Nordmann")

    assert_accessible_in_languages(page)


def test_the_statistics_page_is_accessible(page, log_in, setting):
    decide(take(setting["case"], setting["caseworker"]), setting["caseworker"], outcome="refused")
    log_in(setting["caseworker"])
    page.goto("/saksbehandling/statistikk/")
    expect(page.locator("h1")).to_have_text("Statistikk")
    assert_accessible_in_languages(page)
