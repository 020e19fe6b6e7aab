"""Granting into a full offer in Chromium, in bokmål and nynorsk: the decision form warns
next to the days, the caseworker ticks that they mean it, the letter (in the person's
language) says which day waits, and the citizen's page shows the same."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from referrals.cases.models import Application, Decision
from tests.browser.axe import assert_accessible, switch_language
from tests.referrals.casework.factories import decide, make_case, take

pytestmark = [pytest.mark.browser]

WORDS = {
    "nb": {
        "granted": "Innvilget",
        "reasons": "Begrunnelse",
        "offer": "Tilbud",
        "tuesday": "tirsdag",
        "submit": "Fatt vedtak og send brev",
        "full": "har ingen ledig plass fra .* på tirsdag",
        "anyway": "Innvilg også dager uten ledig plass",
        "decided": "Vedtak fattet",
        "waiting_letter": "Tirsdag: venteliste, nummer 1 i køen",
        "place_letter": "Torsdag: plass fra",
        "places": "Dagene du har plass, og fra når",
        "waiting": "Dine plasser på venteliste",
    },
    "nn": {
        "granted": "Innvilga",
        "reasons": "Grunngiving",
        "offer": "Tilbod",
        "tuesday": "tysdag",
        "submit": "Gjer vedtak og send brev",
        "full": "har ingen ledig plass frå .* på tysdag",
        "anyway": "Innvilg òg dagar utan ledig plass",
        "decided": "Vedtak gjort",
        "waiting_letter": "Tysdag: venteliste, nummer 1 i køen",
        "place_letter": "Torsdag: plass frå",
        "places": "Dagane du har plass, og frå når",
        "waiting": "Plassane dine på venteliste",
    },
}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_granting_a_full_day_warns_and_the_letter_shows_the_waiting_list(
    page, log_in, setting, language
):
    words = WORDS[language]
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
    Application.objects.filter(pk=setting["case"].pk).update(person_language=language)
    case = take(Application.objects.get(pk=setting["case"].pk), setting["caseworker"])

    log_in(setting["caseworker"])
    page.goto(f"/saksbehandling/{case.reference}/vedtak/")
    if language != "nb":
        switch_language(page, language)
    page.get_by_label(words["granted"], exact=True).check()
    page.get_by_label("Faktiske forhold").fill("Kari bor alene og ønsker selskap på dagtid.")
    page.get_by_label(words["reasons"]).fill("Dagaktivitet gir fellesskap og mestring.")
    page.get_by_label(words["offer"], exact=True).select_option(value=str(offer.pk))
    page.get_by_label(words["tuesday"]).check()
    page.get_by_label("torsdag").check()
    page.get_by_label("Startdato").fill("2026-12-01")
    page.get_by_label("Dato for ny vurdering").fill("2027-06-01")
    with page.expect_navigation():
        page.get_by_role("button", name=words["submit"]).click()

    expect(page.get_by_text(re.compile(words["full"]))).not_to_have_count(0)
    assert_accessible(page)
    assert not Decision.objects.filter(application=case).exists()

    page.get_by_label(words["anyway"]).check()
    with page.expect_navigation():
        page.get_by_role("button", name=words["submit"]).click()
    expect(page.locator("#status-heading")).to_contain_text(words["decided"])

    decision = Decision.objects.get(application=case)
    with decision.letter.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert words["waiting_letter"] in text
    assert words["place_letter"] in text

    # The citizen's page shows the same: Thursday with a place, Tuesday waiting as no. 1.
    page.context.clear_cookies()  # log out (the language cookie goes too)
    log_in(setting["citizen"])
    page.goto(f"/mine-soknader/{case.reference}/")
    if language != "nb":
        switch_language(page, language)
    places = page.locator("table", has=page.locator("caption", has_text=words["places"]))
    expect(places).to_contain_text("torsdag")
    waiting = page.locator("table", has=page.locator("caption", has_text=words["waiting"]))
    expect(waiting).to_contain_text(words["tuesday"])
    expect(waiting).to_contain_text("Nr. 1")
    assert_accessible(page)
