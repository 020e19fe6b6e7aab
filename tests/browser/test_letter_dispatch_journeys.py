"""Paper dispatch in Chromium: a caseworker finds the decision letters that go by post
in the print queue, makes a batch, downloads its PDF (each letter behind an address
sheet for a window envelope, in the letter's language), marks it printed; the case page
and the citizen's page say the letter was posted. In bokmål and nynorsk, axe on every
page."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from referrals.cases.models import Application
from referrals.letters.models import LetterDispatch
from tests.browser.axe import assert_accessible, assert_accessible_in_languages, switch_language
from tests.referrals.casework.factories import decide, make_case, take

pytestmark = [pytest.mark.browser]


def _pdf_pages(path) -> list[str]:
    with open(path, "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_a_paper_batch_is_printed_and_marked_in_bokmal_and_nynorsk(page, log_in, setting):
    caseworker = setting["caseworker"]
    Application.objects.filter(pk=setting["case"].pk).update(
        person_address="Storgata 1", person_postcode="0155", person_place="Oslo"
    )
    bokmal = take(Application.objects.get(pk=setting["case"].pk), caseworker)
    nynorsk = take(
        make_case(
            applicant=setting["citizen"],
            service_type=setting["day_activity"],
            district=setting["north"],
            person_name="Nils Nynorsk",
            person_language="nn",
            person_address="Fjordvegen 3",
            person_postcode="6900",
            person_place="Florø",
        ),
        caseworker,
    )
    decide(bokmal, caseworker, outcome="refused")
    decide(nynorsk, caseworker, outcome="refused")
    assert set(LetterDispatch.objects.values_list("channel", "status")) == {("paper", "queued")}

    log_in(caseworker)
    page.goto("/saksbehandling/")
    page.get_by_role("link", name="Brev som skal sendes i posten").click()
    expect(page.locator("h1")).to_have_text("Brev som skal sendes i posten")
    queue = page.locator("#queue-caption")
    expect(queue).to_have_text("2 brev venter på utskrift.")
    expect(page.get_by_role("cell", name="Fjordvegen 3, 6900 Florø")).to_be_visible()
    assert_accessible_in_languages(page)

    # In nynorsk: the batch is made, downloaded and marked.
    switch_language(page, "nn")
    expect(page.locator("h1")).to_have_text("Brev som skal sendast i posten")
    with page.expect_navigation():
        page.get_by_role("button", name="Lag utskriftsbunke").click()
    expect(page.locator("h1")).to_contain_text("Utskriftsbunke")
    assert_accessible_in_languages(page, languages=("nn", "nb"))
    switch_language(page, "nn")
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned utskriftsbunken (PDF, 2 brev)").click()
    pages = _pdf_pages(download.value.path())
    sheets = [text for text in pages if "Vedlagt" in text]
    assert len(sheets) == 2
    assert any("Avsender" in s and "Kari Nordmann Storgata 1 0155 OSLO" in s for s in sheets)
    assert any("Avsendar" in s and "Nils Nynorsk Fjordvegen 3 6900 FLORØ" in s for s in sheets)
    assert len(pages) > 2  # each sheet is followed by its letter

    with page.expect_navigation():
        page.get_by_role("button", name="Merk som skriven ut").click()
    expect(page.locator(".ds-alert, [role=status]").first).to_contain_text(
        "2 brev er merkte som skrivne ut og sende i posten."
    )
    expect(page.get_by_text("Det er ingen brev i utskriftskøen.")).to_be_visible()
    assert_accessible(page)
    assert set(LetterDispatch.objects.values_list("status", flat=True)) == {"printed"}

    # The case page says how, when and by whom.
    switch_language(page, "nb")
    page.goto(f"/saksbehandling/{bokmal.reference}/")
    dispatches = page.locator("#dispatches-heading + .table-wrap")
    expect(dispatches).to_contain_text("Papir: sendes i posten")
    expect(dispatches).to_contain_text("Skrevet ut og lagt i posten")
    expect(dispatches).to_contain_text("merket av Siri Saksbehandler")
    assert_accessible_in_languages(page)

    # The citizen's page says the letter went by post, in both languages.
    page.context.clear_cookies()
    log_in(setting["citizen"])
    page.goto(f"/mine-soknader/{nynorsk.reference}/")
    expect(page.get_by_text("Vedtaket ble sendt i posten")).to_be_visible()
    switch_language(page, "nn")
    expect(page.get_by_text("Vedtaket vart sendt i posten")).to_be_visible()
    assert_accessible_in_languages(page, languages=("nn", "nb"))
