"""Applying for a service in Chromium: for oneself, for a father with dementia with a
power of attorney, a validation-error round trip, and withdrawing; axe on every page
(bokmål and nynorsk)."""

import re

import pytest
from playwright.sync_api import expect

from portal.roles import Role
from referrals.cases import services as case_services
from referrals.cases.models import Application
from referrals.demo import seed_service_types
from tests.browser.axe import assert_accessible, assert_accessible_in_languages, switch_language
from tests.catalogue.factories import OfferFactory
from tests.factories import make_user
from tests.referrals.helpers import (
    make_draft,
    make_submitted,
    national_id,
    pdf_bytes,
    record_decision,
)

pytestmark = [pytest.mark.browser]


@pytest.fixture
def kari(transactional_db):
    seed_service_types()
    user = make_user(Role.CITIZEN, email="kari@example.no", full_name="Kari Nordmann")
    user.save()  # tests.factories.make_user leaves the password unsaved
    return user


def next_step(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre og gå videre").click()


def test_a_citizen_applies_for_themselves(page, log_in, kari):
    # Not logged in yet: the start page says what is needed and how to log in.
    page.goto("/soknad/?service=dagaktivitet")
    expect(page.locator("h1")).to_have_text("Søk om Dagaktivitetstilbud")
    assert_accessible_in_languages(page)
    switch_language(page, "nb")
    log_in(kari)
    page.goto("/soknad/")
    assert_accessible(page)
    page.get_by_label("Dagaktivitetstilbud", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Start søknaden").click()

    expect(page.locator("h1")).to_have_text("Hvem søker")
    assert_accessible(page)
    page.get_by_label("Meg selv").check()
    next_step(page)

    expect(page.locator("h1")).to_have_text("Om deg")
    expect(page.get_by_label("Fullt navn")).to_have_value("Kari Nordmann")
    page.get_by_label("Fødselsnummer eller D-nummer").fill(national_id())
    page.get_by_label(re.compile(r"^Adresse")).fill("Storgata 1")
    page.get_by_label(re.compile(r"^Postnummer")).fill("0155")
    page.get_by_label(re.compile(r"^Poststed")).fill("Oslo")
    page.get_by_label("Norsk bokmål").check()
    assert_accessible(page)
    next_step(page)

    expect(page.locator("h1")).to_have_text("Behov og ønsker")
    page.get_by_label("Selskap og noen å snakke med").check()
    page.get_by_label("Beskriv behovet").fill("Jeg er mye alene på dagtid.")
    page.get_by_role("group", name="Trenger du transport?").get_by_label("Nei").check()
    page.get_by_label("Tirsdag").check()
    page.get_by_label("Hvilke interesser har du?").fill("Turer og musikk")
    assert_accessible(page)
    next_step(page)

    expect(page.locator("h1")).to_have_text("Ønskede tilbud")
    assert_accessible(page)
    next_step(page)
    expect(page.locator("h1")).to_have_text("Vedlegg")
    assert_accessible(page)
    next_step(page)

    expect(page.locator("h1")).to_have_text("Se over og send")
    expect(page.locator("main")).to_contain_text("Jeg er mye alene på dagtid.")
    assert_accessible(page)
    page.get_by_label(re.compile("Jeg bekrefter at opplysningene er riktige")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send søknaden").click()

    expect(page.locator("h1")).to_have_text("Søknaden er sendt")
    reference = Application.objects.get().reference
    expect(page.locator(".reference")).to_have_text(reference)
    assert reference in page.url
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Last ned kvittering")).click()
    assert download.value.suggested_filename == f"soknad-{reference}.pdf"

    page.goto("/mine-soknader/")
    expect(page.locator("main")).to_contain_text(reference)
    assert_accessible_in_languages(page)


def test_a_daughter_applies_for_her_father_with_dementia_with_a_power_of_attorney(
    page, log_in, kari, tmp_path
):
    service = seed_service_types()[1]
    OfferFactory(
        title="Minnehagen dagsenter",
        slug="minnehagen",
        participation="application",
        service_type=service,
        cost="egenandel",
    )
    document = tmp_path / "fullmakt.pdf"
    document.write_bytes(pdf_bytes())

    log_in(kari)
    page.goto("/soknad/?service=dagaktivitet-demens&offer=minnehagen")
    expect(
        page.get_by_label("Dagaktivitetstilbud for hjemmeboende personer med demens")
    ).to_be_checked()
    expect(page.locator("main")).to_contain_text("Minnehagen dagsenter")
    with page.expect_navigation():
        page.get_by_role("button", name="Start søknaden").click()

    page.get_by_label("En annen person").check()
    next_step(page)
    page.get_by_label("Fullmektig (har fullmakt)").check()
    page.get_by_label("Jeg har fullmakt").check()
    next_step(page)
    expect(page.locator("h1")).to_have_text("Fullmakten")
    page.get_by_label("Hva gir fullmakten deg rett til?").fill(
        "Søke om og ta imot helse- og omsorgstjenester"
    )
    page.get_by_label("Last opp fullmakten").set_input_files(str(document))
    next_step(page)

    page.get_by_label("Fullt navn").fill("Per Nordmann")
    page.get_by_label("Fødselsnummer eller D-nummer").fill(national_id())
    page.get_by_label(re.compile(r"^Adresse")).fill("Storgata 1")
    page.get_by_label(re.compile(r"^Postnummer")).fill("0155")
    page.get_by_label(re.compile(r"^Poststed")).fill("Oslo")
    page.get_by_label("Norsk nynorsk").check()
    next_step(page)

    expect(page.locator("h1")).to_have_text("Dine kontaktopplysninger")
    expect(page.get_by_label("Din e-post")).to_have_value("kari@example.no")
    page.get_by_label("Din telefon").fill("99 88 77 66")
    page.get_by_label(re.compile(r"^Adresse")).fill("Kirkeveien 2")
    page.get_by_label(re.compile(r"^Postnummer")).fill("5003")
    page.get_by_label(re.compile(r"^Poststed")).fill("Bergen")
    page.get_by_label(re.compile("kopi av brev")).check()
    assert_accessible(page)
    next_step(page)

    page.get_by_label("Selskap og noen å snakke med").check()
    page.get_by_label("Avlastning for pårørende").check()
    page.get_by_label("Beskriv behovet").fill("Far er alene hjemme mens jeg er på jobb.")
    page.get_by_role("group", name="Trenger Per Nordmann transport?").get_by_label("Ja").check()
    page.get_by_label("Hvordan påvirker hukommelsen hverdagen?").fill("Demens, diagnose i 2025.")
    next_step(page)

    expect(page.get_by_label(re.compile("Minnehagen dagsenter"))).to_be_checked()
    next_step(page)
    expect(page.locator("main")).to_contain_text("fullmakt.pdf")
    next_step(page)

    main = page.locator("main")
    expect(main).to_contain_text("Fullmektig (har fullmakt)")
    expect(main).to_contain_text("Minnehagen dagsenter")
    expect(main).to_contain_text("fullmakt.pdf")
    page.get_by_label(re.compile("Jeg bekrefter")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send søknaden").click()
    expect(page.locator("h1")).to_have_text("Søknaden er sendt")
    application = Application.objects.get()
    assert application.on_behalf and application.attachments.get().kind == "power_of_attorney"
    assert_accessible_in_languages(page)


def test_a_validation_error_round_trip_keeps_the_data(page, log_in, kari):
    log_in(kari)
    page.goto("/soknad/?service=stottekontakt")
    with page.expect_navigation():
        page.get_by_role("button", name="Start søknaden").click()
    page.get_by_label("Meg selv").check()
    next_step(page)

    page.get_by_label("Fullt navn").fill("Kari Nordmann")
    page.get_by_label("Fødselsnummer eller D-nummer").fill("15075012346")
    page.get_by_label(re.compile(r"^Adresse")).fill("Storgata 1")
    page.get_by_label(re.compile(r"^Postnummer")).fill("0155")
    page.get_by_label(re.compile(r"^Poststed")).fill("Oslo")
    page.get_by_label("Telefon").fill("41 22 33 44")
    page.get_by_label("Norsk bokmål").check()
    next_step(page)

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_contain_text("stemmer ikke")
    expect(page.get_by_label("Telefon")).to_have_value("41 22 33 44")
    expect(page.get_by_label("Norsk bokmål")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Fødselsnummer eller D-nummer").fill(national_id())
    next_step(page)
    expect(page.locator("h1")).to_have_text("Behov og ønsker")
    assert Application.objects.get().person_phone == "+4741223344"

    # The same round trip in nynorsk: the error page passes axe there too.
    switch_language(page, "nn")
    with page.expect_navigation():
        page.locator(".back-link a").click()
    page.locator("input[name=person_name]").fill("")
    with page.expect_navigation():
        page.locator("button[value=next]").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.locator("input[name=person_phone]")).to_have_value("412 23 344")
    assert_accessible(page)


def test_a_citizen_withdraws_an_application(page, log_in, kari):
    application = make_submitted(applicant=kari, service_type=seed_service_types()[0])
    log_in(kari)
    page.goto(f"/mine-soknader/{application.reference}/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Trekk søknaden tilbake").click()
    assert_accessible_in_languages(page)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    expect(page.locator(".status-card .ds-tag")).to_have_text(re.compile("Trukket|Trekt"))
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert_accessible_in_languages(page)


def test_every_application_page_passes_axe_in_bokmal_and_nynorsk(page, log_in, kari):
    from referrals.applications import services

    service_types = seed_service_types()
    caseworker = make_user(Role.CASEWORKER, email="sb@example.no", full_name="Siri Saksbehandler")
    draft = make_draft(
        applicant=kari,
        service_type=service_types[2],
        on_behalf=True,
        relation="relative",
        basis="consent",
    )
    decided = make_submitted(applicant=kari, service_type=service_types[0])
    case_services.change_status(application=decided, status="assessment", actor=caseworker)
    services.send_message_to_applicant(
        application=decided, sender=caseworker, body="Har du en uttalelse fra lege?"
    )
    record_decision(
        application=decided, outcome="granted", actor=caseworker, letter_pdf=b"%PDF-1.4"
    )
    log_in(kari)
    steps = [
        "tjeneste",
        "hvem",
        "grunnlag",
        "personen",
        "kontakt",
        "behov",
        "tilbud",
        "vedlegg",
        "oppsummering",
        "slett",
    ]
    paths = [f"/soknad/{draft.public_id}/{step}/" for step in steps]
    paths += [
        f"/mine-soknader/{decided.reference}/",
        f"/mine-soknader/{decided.reference}/klage/",
        "/mine-soknader/",
        "/soknad/",
    ]
    for path in paths:
        assert_accessible_in_languages(page, path)
        switch_language(page, "nb")


@pytest.mark.urls("tests.referrals.urls")
def test_a_new_citizen_registers_confirms_the_address_and_lands_in_the_application(
    page, transactional_db
):
    from django.core import mail

    seed_service_types()
    page.goto("/soknad/?service=dagaktivitet")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Lag en konto")).click()
    assert_accessible(page)
    page.get_by_label("Fullt navn").fill("Nora Ny")
    page.get_by_label("E-postadresse").fill("nora@example.no")
    page.locator("input[name=password1]").fill("lang-og-trygg-passfrase-9")
    page.get_by_label("Gjenta passordet").fill("lang-og-trygg-passfrase-9")
    with page.expect_navigation():
        page.get_by_role("button", name="Lag konto").click()
    expect(page.locator("h1")).to_have_text("Sjekk e-posten din")
    assert_accessible(page)

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto("/" + link.split("/", 3)[3])
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Bekreft og logg inn").click()
    expect(page.get_by_label("Dagaktivitetstilbud", exact=True)).to_be_checked()
    expect(page.locator("h1")).to_have_text("Søk om en tjeneste")
