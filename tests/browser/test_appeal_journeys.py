"""An appeal in Chromium, in bokmål and nynorsk: the caseworker upholds the decision and
forwards the appeal with the complete case file (read back from the downloaded PDF: the
decision letter itself, the document list, the reassessment), records
Statsforvalteren's outcome (quashed) and is led to a new decision; the citizen is told,
and sees the forwarding and then the outcome on their page. axe on each page."""

import io
import re

import pytest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect
from pypdf import PdfReader

from referrals.applications import services
from referrals.cases.models import Application, Decision
from referrals.casework.models import AppealForwarding
from tests.browser.axe import assert_accessible, switch_language
from tests.referrals.casework.factories import decide, take

pytestmark = [pytest.mark.browser]

REASSESSMENT = "Ny vurdering: to dagar dekkjer behovet."
COMMENTS = "Kommunen står ved vedtaket."
OUTCOME_NOTE = "Kommunen må greie ut behovet for transport."


def _pdf_text(path) -> str:
    with open(path, "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    return " ".join("\n".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_an_appeal_is_forwarded_with_its_case_file_and_the_outcome_reaches_the_citizen(
    page, log_in, setting, language
):
    def t(text: str) -> str:
        with translation.override(language):
            return gettext(text)

    case = take(setting["case"], setting["caseworker"])
    decision = decide(case, setting["caseworker"], outcome="refused")
    services.file_appeal(
        application=Application.objects.get(pk=case.pk),
        user=setting["citizen"],
        reasons="Eg treng tilbodet tre dagar i veka.",
    )

    # The caseworker upholds and forwards.
    log_in(setting["caseworker"])
    page.goto(f"/saksbehandling/{case.reference}/")
    switch_language(page, language)
    expect(
        page.get_by_role("heading", name=t("Registrer Statsforvalterens avgjørelse"))
    ).to_have_count(0)
    page.get_by_label(t("Kommunens nye vurdering av saken")).fill(REASSESSMENT)
    page.get_by_label(t("Kommunens merknader til klagen")).fill(COMMENTS)
    with page.expect_navigation():
        page.get_by_role("button", name=t("Send til Statsforvalteren")).click()
    expect(page.locator(".ds-alert, [role=status]").first).to_contain_text(
        t("Vedtaket er opprettholdt, og klagen er sendt til Statsforvalteren.")
    )
    # The forwarding form is gone; the outcome form is offered.
    expect(page.get_by_role("button", name=t("Send til Statsforvalteren"))).to_have_count(0)
    expect(
        page.get_by_role("heading", name=t("Registrer Statsforvalterens avgjørelse"))
    ).to_be_visible()
    assert_accessible(page)

    # The case file, read back: the overview, the document list and the letter itself.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=t("Saksdokumenter sendt til Statsforvalteren (PDF)")).click()
    text = _pdf_text(download_info.value.path())
    forwarding = AppealForwarding.objects.get(appeal__application=case)
    with decision.letter.open("rb") as file:
        letter_text = " ".join(
            "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(file.read())).pages).split()
        )
    for part in (
        case.reference,
        "Eg treng tilbodet tre dagar i veka.",
        REASSESSMENT,
        COMMENTS,
        "Dokumentliste",  # the case file is written in bokmål for Statsforvalteren
        "Klagen kom inn i tide.",
        "Vedtaksbrevet det klages på: Avslått",
        letter_text[:150],  # the frozen decision letter itself
    ):
        assert part in text, part

    # Statsforvalteren quashes the decision; the caseworker records it.
    page.get_by_label(t("Vedtaket er opphevet og sendt tilbake")).check()
    page.get_by_label(t("Dato for Statsforvalterens avgjørelse")).fill(
        timezone.localdate().isoformat()
    )
    page.get_by_label(t("Hva Statsforvalteren kom fram til")).fill(OUTCOME_NOTE)
    with page.expect_navigation():
        page.get_by_role("button", name=t("Registrer avgjørelsen")).click()
    expect(page.locator("#new-decision-needed")).to_contain_text(
        t("Statsforvalteren har opphevet vedtaket")
    )
    expect(page.get_by_role("link", name=t("Fatt nytt vedtak"))).to_be_visible()
    assert_accessible(page)
    forwarding.refresh_from_db()
    assert forwarding.outcome == "quashed" and forwarding.outcome_note == OUTCOME_NOTE
    assert Decision.objects.get(pk=decision.pk).appeal_outcome == "quashed"

    # The citizen sees the outcome and the quashed decision marked.
    page.context.clear_cookies()
    log_in(setting["citizen"])
    page.goto(f"/mine-soknader/{case.reference}/")
    switch_language(page, language)
    expect(page.locator("#status-heading")).to_contain_text(t("Ny behandling etter klagen"))
    expect(page.get_by_role("heading", name=t("Statsforvalterens avgjørelse"))).to_be_visible()
    expect(page.get_by_text(OUTCOME_NOTE)).to_be_visible()
    with translation.override(language):
        mark = gettext("Opphevet av Statsforvalteren %(date)s") % {
            "date": formats.date_format(timezone.localdate(), "DATE_FORMAT")
        }
    expect(page.locator("#decision-heading ~ ul")).to_contain_text(re.sub(r"\s+", " ", mark))
    assert_accessible(page)
