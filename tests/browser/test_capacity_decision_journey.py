"""Granting into a full offer in Chromium: the decision form warns next to the days,
the caseworker ticks that they mean it, and the letter says which day waits."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from referrals.cases.models import Decision
from tests.browser.axe import assert_accessible
from tests.referrals.casework.factories import decide, make_case, take

pytestmark = [pytest.mark.browser]


def test_granting_a_full_day_warns_and_the_letter_shows_the_waiting_list(page, log_in, setting):
    offer = setting["offer"]
    offer.capacity_per_day = 1
    offer.save(update_fields=["capacity_per_day"])
    other = make_case(
        applicant=setting["citizen"],
        service_type=setting["day_activity"],
        district=setting["north"],
        offers=[offer],
        person_name="Per Plass",
    )
    decide(take(other, setting["caseworker"]), setting["caseworker"], offer=offer, weekdays=[1])
    case = take(setting["case"], setting["caseworker"])

    log_in(setting["caseworker"])
    page.goto(f"/saksbehandling/{case.reference}/vedtak/")
    page.get_by_label("Innvilget", exact=True).check()
    page.get_by_label("Faktiske forhold").fill("Kari bor alene og ønsker selskap på dagtid.")
    page.get_by_label("Begrunnelse").fill("Dagaktivitet gir fellesskap og mestring.")
    page.get_by_label("Tilbud", exact=True).select_option(value=str(offer.pk))
    page.get_by_label("tirsdag").check()
    page.get_by_label("torsdag").check()
    page.get_by_label("Startdato").fill("2026-12-01")
    page.get_by_label("Dato for ny vurdering").fill("2027-06-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Fatt vedtak og send brev").click()

    expect(
        page.get_by_text(re.compile("har ingen ledig plass fra .* på tirsdag"))
    ).not_to_have_count(0)
    assert_accessible(page)
    assert not Decision.objects.filter(application=case).exists()

    page.get_by_label("Innvilg også dager uten ledig plass").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Fatt vedtak og send brev").click()
    expect(page.locator("#status-heading")).to_contain_text("Vedtak fattet")

    decision = Decision.objects.get(application=case)
    with decision.letter.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Tirsdag: venteliste, nummer 1 i køen" in text
    assert "Torsdag: plass fra" in text
