"""A volunteer's journey in Chromium: sign up for a støttekontakt role, sign the
confidentiality pledge and download the formålsattest; the coordinator ticks the
checklist and records the police certificate (no upload); the helper's page then says
"Klar". axe finds nothing on any page visited."""

import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from portal.roles import Role
from referrals.volunteers.models import (
    ChecklistItem,
    HelperRoleEnrolment,
    PoliceCertificateCheck,
    RoleKind,
    VolunteerRole,
)
from tests.browser.axe import assert_accessible
from tests.catalogue.factories import UnitFactory
from tests.factories import make_user
from tests.referrals.casework.factories import make_unit_leader

pytestmark = [pytest.mark.browser]


@pytest.fixture
def volunteers(transactional_db):
    unit = UnitFactory(name="Frivilligsentralen", email="frivillig@eksempel.kommune.no")
    role = VolunteerRole.objects.create(
        unit=unit,
        kind=RoleKind.STOTTEKONTAKT,
        title="Støttekontakt for eldre",
        description="Lønnet oppdrag, noen timer i uka.",
    )
    ChecklistItem.objects.create(
        role=role, kind=ChecklistItem.Kind.CONVERSATION, label="Samtale med koordinator"
    )
    ChecklistItem.objects.create(
        role=role, kind=ChecklistItem.Kind.PLEDGE, label="Taushetserklæring", position=1
    )
    helper = make_user(Role.CITIZEN, email="hege@example.no", full_name="Hege Hjelper")
    helper.save()
    leader = make_unit_leader(unit=unit, email="koordinator@example.no", full_name="Kari K")
    leader.save()
    return {"role": role, "helper": helper, "leader": leader}


def test_a_volunteer_is_onboarded_until_ready(page, log_in, volunteers):
    role = volunteers["role"]
    log_in(volunteers["helper"])

    page.goto("/frivillig/")
    expect(page.locator("main")).to_contain_text("Støttekontakt for eldre")
    assert_accessible(page)

    page.locator("main").get_by_role("link", name="Meld interesse").click()
    assert_accessible(page)
    page.get_by_label(re.compile("^Støttekontakt for eldre")).check()
    page.get_by_label(re.compile("^Erfaring")).fill("Har vært speiderleder i ti år.")
    page.get_by_label(re.compile("^Jeg har førerkort")).check()
    page.get_by_label("tirsdag kveld").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("Min side som hjelper")
    expect(page.locator("main")).to_contain_text("Interessert")
    assert_accessible(page)

    page.get_by_role("link", name="Les og signer taushetserklæringen").click()
    expect(page.locator("main")).to_contain_text("forvaltningsloven § 13")
    assert_accessible(page)
    page.get_by_label(re.compile("^Jeg har lest taushetserklæringen")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Signer").click()
    expect(page.locator("main")).to_contain_text("Du har signert taushetserklæringen.")

    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned bekreftelse av formål (PDF)").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read())).pages)
    assert "Bekreftelse av formål for politiattest" in text
    assert "helse- og omsorgstjenesteloven § 5-4" in text
    assert "Hege Hjelper" in text

    # The coordinator of the unit.
    page.context.clear_cookies()
    log_in(volunteers["leader"])
    page.goto("/saksbehandling/frivillige/opplaering/")
    expect(page.locator("main")).to_contain_text("Hege Hjelper – Støttekontakt for eldre")
    expect(page.locator("main input[type=file]")).to_have_count(0)
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Merk «Samtale med koordinator» som utført").click()
    expect(page.locator("main")).to_contain_text("Sjekklisten for Hege Hjelper er oppdatert.")
    page.get_by_label("Attestens dato").fill(timezone.localdate().isoformat())
    page.get_by_label("Ingen merknader").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Registrer kontroll for Hege Hjelper").click()
    expect(page.locator("main")).to_contain_text("Kontrollen av politiattesten for Hege Hjelper")
    assert_accessible(page)
    check = PoliceCertificateCheck.objects.get()
    assert check.result == PoliceCertificateCheck.Result.NO_REMARKS
    assert HelperRoleEnrolment.objects.get(role=role).status == HelperRoleEnrolment.Status.READY

    # The helper sees that they are ready.
    page.context.clear_cookies()
    log_in(volunteers["helper"])
    page.goto("/frivillig/min-side/")
    expect(page.locator("main")).to_contain_text("Klar")
    expect(page.locator("main")).to_contain_text("Politiattesten er kontrollert.")
    assert_accessible(page)
