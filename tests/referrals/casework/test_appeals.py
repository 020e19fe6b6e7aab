"""Appeals (klage): registered on paper or filed online; the municipality reconsiders,
then grants (a new decision) or upholds and forwards to Statsforvalteren with a case
file; Statsforvalteren's outcome is registered."""

import hashlib
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from referrals.applications import services
from referrals.cases.models import Appeal, Application, Decision
from referrals.casework.models import AppealForwarding
from tests.referrals.casework.factories import decide, take


@pytest.fixture
def decided(world):
    take(world.case, world.staff.north)
    decide(world.case, world.staff.north, outcome="refused")
    world.case.refresh_from_db()
    return world.case


def test_a_paper_appeal_is_registered_and_judged_late_from_its_date(world, login, decided):
    late_date = timezone.localdate() + timedelta(weeks=5)
    client = login(world.staff.north)
    url = f"/saksbehandling/{decided.reference}/klage/registrer/"
    response = client.post(
        url, {"paper-reasons": "Jeg trenger tilbudet.", "paper-received_on": late_date.isoformat()}
    )
    assert response.status_code == 422  # a future date is refused
    response = client.post(
        url,
        {
            "paper-reasons": "Jeg trenger tilbudet.",
            "paper-received_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get(application=decided)
    assert appeal.registered_on_paper is True
    assert appeal.late is False
    decided.refresh_from_db()
    assert decided.status == Application.Status.APPEALED


def test_upholding_forwards_a_case_file_with_everything(world, login, decided):
    from referrals.casework import services as casework

    casework.save_assessment(
        application=decided,
        actor=world.staff.north,
        data={"functional_level": "much_help", "social_network": "Bare datteren."},
    )
    services.file_appeal(
        application=decided,
        user=world.citizen,
        reasons="Far blir ensom uten tilbudet.",
        wanted_outcome="Dagaktivitet to dager i uka.",
    )
    client = login(world.staff.north)
    response = client.post(
        f"/saksbehandling/{decided.reference}/klage/send-statsforvalteren/",
        {
            "forward-reassessment": "Kommunen har sett på saken på nytt.",
            "forward-comments": "Kommunen mener behovet dekkes av hjemmetjenesten.",
        },
    )
    assert response.status_code == 302
    forwarding = AppealForwarding.objects.get()
    assert forwarding.appeal.status == Appeal.Status.FORWARDED
    with forwarding.case_file.open("rb") as file:
        data = file.read()
    assert hashlib.sha256(data).hexdigest() == forwarding.case_file_sha256
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    for part in (
        "Til Statsforvalteren",
        decided.reference,
        "Ønsker noen å være sammen med på dagtid.",  # the application
        "legeerklaering.pdf",  # attachments listed
        "Avslått",  # the decision
        "Søkeren bor alene og har lite nettverk.",  # its facts
        "Trenger mye hjelp",  # the assessment
        "Bare datteren.",
        "Far blir ensom uten tilbudet.",  # the appeal
        "Kommunen mener behovet dekkes av hjemmetjenesten.",  # the comments
    ):
        assert part in text, part
    assert decided.person_national_id not in text

    download = client.get(
        f"/saksbehandling/{decided.reference}/klage/{forwarding.pk}/saksdokumenter.pdf"
    )
    assert download.status_code == 200
    assert (
        login(world.staff.south)
        .get(f"/saksbehandling/{decided.reference}/klage/{forwarding.pk}/saksdokumenter.pdf")
        .status_code
        == 404
    )

    client = login(world.staff.north)
    client.post(
        f"/saksbehandling/{decided.reference}/klage/avgjorelse/",
        {
            "outcome-outcome": "upheld",
            "outcome-outcome_date": timezone.localdate().isoformat(),
            "outcome-note": "Statsforvalteren er enig med kommunen.",
        },
    )
    forwarding.refresh_from_db()
    assert forwarding.outcome == "upheld"
    assert forwarding.appeal.status == Appeal.Status.RESOLVED
    decided.refresh_from_db()
    assert decided.status == Application.Status.CLOSED


def test_granting_an_appeal_is_a_new_decision_referring_to_the_old(world, decided):
    old = Decision.objects.get(application=decided)
    services.file_appeal(application=decided, user=world.citizen, reasons="Uenig.")
    new = decide(Application.objects.get(pk=decided.pk), world.staff.north, offer=world.offer)
    assert new.replaces == old
    assert Appeal.objects.get().status == Appeal.Status.GRANTED
    assert old.letter_sha256 and new.letter_sha256 != old.letter_sha256


FORWARD_HEADING = "Opprettholde vedtaket og sende til Statsforvalteren"
OUTCOME_HEADING = "Registrer Statsforvalterens avgjørelse"


def test_the_outcome_form_is_offered_only_once_the_appeal_is_forwarded(world, login, decided):
    from referrals.casework import services as casework

    services.file_appeal(application=decided, user=world.citizen, reasons="Uenig.")
    client = login(world.staff.north)
    page = client.get(f"/saksbehandling/{decided.reference}/").content.decode()
    assert FORWARD_HEADING in page
    assert OUTCOME_HEADING not in page

    casework.uphold_and_forward(
        application=Application.objects.get(pk=decided.pk),
        actor=world.staff.north,
        comments="Kommunen står ved vedtaket.",
    )
    page = client.get(f"/saksbehandling/{decided.reference}/").content.decode()
    assert FORWARD_HEADING not in page  # forwarded once
    assert OUTCOME_HEADING in page


def test_the_services_refuse_an_outcome_before_and_a_second_forwarding_after(world, decided):
    from referrals.cases.services import ApplicationError
    from referrals.casework import services as casework

    services.file_appeal(application=decided, user=world.citizen, reasons="Uenig.")
    with pytest.raises(ApplicationError):
        casework.register_statsforvalteren_outcome(
            application=Application.objects.get(pk=decided.pk),
            actor=world.staff.north,
            outcome="upheld",
        )
    casework.uphold_and_forward(
        application=Application.objects.get(pk=decided.pk), actor=world.staff.north, comments="-"
    )
    with pytest.raises(ApplicationError):
        casework.uphold_and_forward(
            application=Application.objects.get(pk=decided.pk),
            actor=world.staff.north,
            comments="-",
        )
    assert AppealForwarding.objects.count() == 1
    assert Appeal.objects.get().status == Appeal.Status.FORWARDED
