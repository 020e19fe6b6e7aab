"""A relative applies for respite (avlastning) in their own right, in Chromium: from the
catalogue's relief filter to the decision letter (pbrl. § 2-8, hol. § 3-6). The
caregiver is the applicant and the party; the person cared for is named once."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from catalogue.models import ServiceType
from portal.roles import Role
from referrals.cases.models import Application, Decision
from referrals.demo import seed_service_types
from tests.browser.axe import assert_accessible, assert_accessible_in_languages, switch_language
from tests.browser.helpers import open_details
from tests.factories import make_user
from tests.referrals.casework.factories import decide, make_caseworker, make_day_centre, take
from tests.referrals.helpers import national_id

pytestmark = [pytest.mark.browser]

CARED_FOR_NUMBER = national_id(start=600)
CAREGIVER_NUMBER = national_id(start=700)


@pytest.fixture
def respite_world(transactional_db):
    seed_service_types()
    respite = ServiceType.objects.get(slug="avlastning")
    _north, offer = make_day_centre(respite, counts_as_relief=True)
    citizen = make_user(Role.CITIZEN, email="kari@example.no", full_name="Kari Nordmann")
    citizen.save()
    caseworker = make_caseworker(
        service_type=respite, email="siri@example.no", full_name="Siri Saksbehandler"
    )
    return {"citizen": citizen, "caseworker": caseworker, "offer": offer}


def next_step(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre og gå videre").click()


def test_a_caregiver_applies_for_respite_and_gets_the_decision_letter(page, log_in, respite_world):
    log_in(respite_world["citizen"])
    # The catalogue: offers that relieve relatives, filtered.
    page.goto("/tilbud/")
    open_details(page.locator("details.catalogue__more > summary"))  # "Flere filtre"
    page.get_by_label("Gir avlastning for pårørende").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Vis tilbud").click()
    assert "avlastning=1" in page.url
    card = page.locator(".offer-card", has_text="Solsiden dagsenter")
    expect(card).to_contain_text("Avlastning for pårørende")
    with page.expect_navigation():
        card.get_by_role("link", name="Solsiden dagsenter").click()
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Søk om avlastning for pårørende")).click()
    expect(page.get_by_label("Avlastning for pårørende", exact=True)).to_be_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="Start søknaden").click()

    # Step 2: the person cared for, with consent.
    expect(page.locator("h1")).to_have_text("Den du gir omsorg til")
    expect(page.locator(".step-counter")).to_contain_text("Steg 2 av 7")
    assert_accessible(page)
    next_step(page)  # nothing filled in: the errors say what to do
    expect(page.locator("main")).to_contain_text("Skriv navnet til den du gir omsorg til.")
    page.get_by_label("Navnet til den du gir omsorg til").fill("Arne Hansen")
    page.get_by_label("Hva er du for personen?").fill("ektefelle")
    page.get_by_label("Fødselsår (valgfritt)").fill("1941")
    page.get_by_label("Fødselsnummer (valgfritt)").fill(CARED_FOR_NUMBER)
    page.get_by_label("Personen har samtykket til at jeg søker").check()
    next_step(page)
    assert CARED_FOR_NUMBER not in page.url

    # Step 3: the caregiver, the party, in the second person.
    expect(page.locator("h1")).to_have_text("Om deg")
    expect(page.get_by_label("Fullt navn")).to_have_value("Kari Nordmann")
    page.get_by_label("Fødselsnummer eller D-nummer").fill(CAREGIVER_NUMBER)
    page.get_by_label("Adresse").fill("Storgata 1")
    page.get_by_label("Postnummer").fill("1234")
    page.get_by_label("Poststed").fill("Eksempelby")
    page.get_by_role("group", name="Hvilket språk foretrekker du?").get_by_label(
        "Norsk bokmål"
    ).check()
    assert_accessible(page)
    next_step(page)

    # Step 4: the care burden.
    expect(page.locator("h1")).to_have_text("Omsorgsarbeidet ditt")
    assert_accessible_in_languages(page)  # bokmål and nynorsk
    switch_language(page, "nb")
    page.get_by_label("Hvor mange timer i uka bruker du på omsorgen?").fill("35")
    page.get_by_label("Hvor mange netter i måneden må du opp eller være våken?").fill("12")
    page.get_by_label("Mer enn tre år").check()
    page.get_by_label("Hva gjør du for personen?").fill(
        "Stell morgen og kveld, tilsyn hele dagen, følger til lege."
    )
    page.get_by_label("Hva ville gjort hverdagen lettere for deg?").fill("En fast dag fri i uka.")
    page.get_by_label("Tirsdag").check()
    next_step(page)

    expect(page.locator("h1")).to_have_text("Ønskede tilbud")
    page.get_by_label(re.compile("Solsiden dagsenter")).check()
    next_step(page)
    expect(page.locator("h1")).to_have_text("Vedlegg")
    next_step(page)

    expect(page.locator("h1")).to_have_text("Se over og send")
    main = page.locator("main")
    expect(main).to_contain_text("Arne Hansen")
    expect(main).to_contain_text("Stell morgen og kveld")
    expect(main).to_contain_text("Mer enn tre år")
    expect(main).not_to_contain_text(CARED_FOR_NUMBER)
    assert_accessible(page)
    page.get_by_label(re.compile("Jeg bekrefter at opplysningene er riktige")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send søknaden").click()
    expect(page.locator("h1")).to_have_text("Søknaden er sendt")
    case = Application.objects.get()
    assert case.on_behalf is False and case.person_name == "Kari Nordmann"

    # Mine søknader: the caregiver's own case, under their own cases.
    page.goto("/mine-soknader/")
    own = page.locator("section", has=page.get_by_role("heading", name="Dine egne saker"))
    expect(own).to_contain_text(case.reference)
    expect(own).to_contain_text("Arne Hansen")
    assert_accessible(page)

    # The caseworker sees the care burden, takes the case and grants respite.
    page.context.clear_cookies()
    log_in(respite_world["caseworker"])
    page.goto(f"/saksbehandling/{case.reference}/")
    expect(page.locator("main")).to_contain_text("Omsorgsarbeidet")
    expect(page.locator("main")).to_contain_text("Stell morgen og kveld, tilsyn hele dagen")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Ta saken").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Fatt vedtak").click()
    page.get_by_label("Innvilget", exact=True).check()
    page.get_by_label("Faktiske forhold").fill(
        "Kari gir omsorg til ektefellen 35 timer i uka og er oppe tolv netter i måneden."
    )
    page.get_by_label("Begrunnelse").fill("Omsorgsarbeidet er særlig tyngende.")
    page.get_by_label("Tilbud", exact=True).select_option(label="Solsiden dagsenter")
    page.get_by_label("tirsdag").check()
    page.get_by_label("Tidsrom").fill("08.00–16.00")
    page.get_by_label("Startdato").fill("2026-12-15")
    page.get_by_label("Dato for ny vurdering").fill("2027-06-15")
    with page.expect_navigation():
        page.get_by_role("button", name="Fatt vedtak og send brev").click()
    expect(page.locator("#status-heading")).to_contain_text("Vedtak fattet")

    # The citizen reads the letter: to her, naming the person cared for once.
    page.context.clear_cookies()
    log_in(respite_world["citizen"])
    page.goto(f"/mine-soknader/{case.reference}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Les vedtaksbrevet (PDF)").click()
    with open(download.value.path(), "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert Decision.objects.get(application=case).outcome == "granted"
    assert text.index("Kari Nordmann") < text.index("Vedtak om")
    assert "Storgata 1" in text
    assert "Du har søkt som pårørende med omsorgsarbeid for Arne Hansen." in text
    assert "§ 3-6 nr. 2" in text and "§ 2-8" in text
    assert CARED_FOR_NUMBER not in text


def test_a_caregiver_applies_in_nynorsk_and_gets_the_letter_in_nynorsk(page, log_in, respite_world):
    log_in(respite_world["citizen"])
    page.goto("/soknad/")
    switch_language(page, "nn")
    page.get_by_label("Avlasting for pårørande", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Start søknaden").click()

    expect(page.locator("h1")).to_have_text("Den du gir omsorg til")
    expect(page.locator("main")).to_contain_text(
        "Du søkjer sjølv, som pårørande med omsorgsarbeid."
    )
    page.get_by_label("Namnet til den du gir omsorg til").fill("Arne Hansen")
    page.get_by_label("Kva er du for personen?").fill("ektefelle")
    page.get_by_label("Personen kan ikkje samtykkje").check()
    page.get_by_label("Dersom personen ikkje kan samtykkje: kvifor?").fill("Langt komen demens.")
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre og gå vidare").click()

    expect(page.locator("h1")).to_have_text("Om deg")
    page.get_by_label("Fødselsnummer eller D-nummer").fill(CAREGIVER_NUMBER)
    page.get_by_label("Adresse").fill("Storgata 1")
    page.get_by_label("Postnummer").fill("1234")
    page.get_by_label("Poststad").fill("Eksempelby")
    page.get_by_role("group", name="Kva språk føretrekkjer du?").get_by_label(
        "Norsk nynorsk"
    ).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre og gå vidare").click()

    expect(page.locator("h1")).to_have_text("Omsorgsarbeidet ditt")
    page.get_by_label("Kor mange timar i veka bruker du på omsorga?").fill("40")
    page.get_by_label("Kor mange netter i månaden må du opp eller vere vaken?").fill("20")
    page.get_by_label("Eitt til tre år").check()
    page.get_by_label("Kva gjer du for personen?").fill("Tilsyn heile døgnet.")
    assert_accessible(page)
    for _step in range(3):  # the care work, the offers, the attachments
        with page.expect_navigation():
            page.get_by_role("button", name="Lagre og gå vidare").click()

    expect(page.locator("h1")).to_have_text("Sjå over og send")
    expect(page.locator("main")).to_contain_text("Eitt til tre år")
    expect(page.locator("main")).to_contain_text("Langt komen demens.")
    assert_accessible(page)
    page.get_by_label(re.compile("Eg stadfestar at opplysningane er rette")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send søknaden").click()
    expect(page.locator("h1")).to_have_text("Søknaden er send")

    case = Application.objects.get()
    caseworker = respite_world["caseworker"]
    decide(take(case, caseworker), caseworker, offer=respite_world["offer"])
    page.goto(f"/mine-soknader/{case.reference}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Les vedtaksbrevet (PDF)").click()
    with open(download.value.path(), "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert str(reader.trailer["/Root"]["/Lang"]) == "nn"
    assert "Du har søkt som pårørande med omsorgsarbeid for Arne Hansen." in text
    assert "Helse- og omsorgstenestelova § 3-6 nr. 2" in text
    assert "Retten din som pårørande" in text
