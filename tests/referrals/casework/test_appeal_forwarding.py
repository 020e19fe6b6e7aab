"""Issue 14, appeals: the complete case file sent to Statsforvalteren (read back from the
PDF), the citizen told of the forwarding, Statsforvalteren's outcome recorded with its
date and content, a quashed or changed decision marked and reopened for a new
decision, and the queue's filters for appeals with Statsforvalteren."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import formats, timezone
from pypdf import PdfReader

from referrals.applications import services
from referrals.cases import deadlines
from referrals.cases.models import Appeal, Application, Decision
from referrals.casework import services as casework
from referrals.casework.models import AppealForwarding
from referrals.letters.models import PreliminaryReply
from tests.referrals.casework.factories import decide, take
from tests.referrals.helpers import png_bytes, upload

REASSESSMENT = "Kommunen har vurdert funksjonsnivået på nytt etter hjemmebesøk."
COMMENTS = "Kommunen mener behovet dekkes av hjemmetjenesten."
QUESTION = "Har Solsiden plass på tirsdager?"
ANSWER = "Nei, tirsdagene er fulle fram til sommeren."
REQUEST = "Send oss gjerne en oppdatert legeerklæring."
REPLY = "Her er den nye erklæringen."


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join("\n".join(page.extract_text() for page in reader.pages).split())


def _date(day) -> str:
    return formats.date_format(day, "DATE_FORMAT")


@pytest.fixture
def appealed(world, units):
    """A case with everything a case file must hold: an information request answered
    with an attachment, an image sent later, a consultation answered, a preliminary
    reply, a refusal, and the citizen's appeal."""
    case = take(world.case, world.staff.north)
    Application.objects.filter(pk=case.pk).update(
        person_address="Storgata 1", person_postcode="0155", person_place="Oslo"
    )
    casework.request_information(
        application=case,
        actor=world.staff.north,
        body=REQUEST,
        reply_by=timezone.localdate() + timedelta(days=14),
    )
    services.reply_to_municipality(
        application=Application.objects.get(pk=case.pk),
        user=world.citizen,
        body=REPLY,
        files=[upload("ny-legeerklaering.pdf")],
    )
    services.add_documents(
        application=Application.objects.get(pk=case.pk),
        user=world.citizen,
        files=[upload("bilde.png", png_bytes(), "image/png")],
    )
    consultation = casework.consult_unit(
        application=case, actor=world.staff.north, unit=units.sun, question=QUESTION
    )
    casework.answer_consultation(consultation=consultation, actor=world.staff.leader, answer=ANSWER)
    casework.send_preliminary_reply(
        application=Application.objects.get(pk=case.pk),
        actor=world.staff.north,
        reason="Vi venter på svar fra dagsenteret.",
        expected_date=timezone.localdate() + timedelta(days=20),
    )
    decide(Application.objects.get(pk=case.pk), world.staff.north, outcome="refused")
    services.file_appeal(
        application=Application.objects.get(pk=case.pk),
        user=world.citizen,
        reasons="Far blir ensom uten tilbudet.",
    )
    return Application.objects.get(pk=case.pk)


def _forward(world, login, case, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.staff.north).post(
            f"/saksbehandling/{case.reference}/klage/send-statsforvalteren/",
            {"forward-reassessment": REASSESSMENT, "forward-comments": COMMENTS},
        )
    assert response.status_code == 302
    return AppealForwarding.objects.get(appeal__application=case)


def test_the_case_file_holds_every_document_and_the_decision_letter_itself(
    world, login, appealed, django_capture_on_commit_callbacks
):
    forwarding = _forward(world, login, appealed, django_capture_on_commit_callbacks)
    with forwarding.case_file.open("rb") as file:
        data = file.read()
    text = _text(data)
    decision = Decision.objects.get(application=appealed)
    with decision.letter.open("rb") as file:
        letter = file.read()
    letter_pages = len(PdfReader(io.BytesIO(letter)).pages)
    reply_letter = PreliminaryReply.objects.get(application=appealed)
    with reply_letter.letter.open("rb") as file:
        reply_pages = len(PdfReader(io.BytesIO(file.read())).pages)
    reader = PdfReader(io.BytesIO(data))
    # The overview, then the decision letter, the preliminary reply, two PDF attachments
    # (one page each) and the image (one page).
    assert len(reader.pages) >= 1 + letter_pages + reply_pages + 3
    # The frozen letter's own pages are in the file, word for word.
    assert _text(letter)[:200] in text
    for part in (
        # the party with the address
        "Ola Nordmann",
        "Storgata 1, 0155 Oslo",
        # the appeal deadline (the shared function) and that the appeal came in time
        _date(deadlines.appeal_deadline(timezone.localdate(decision.issued_at), 4)),
        "Klagen kom inn i tide.",
        # information request and reply, with the reply's attachment
        REQUEST,
        REPLY,
        "ny-legeerklaering.pdf",
        "bilde.png",
        "legeerklaering.pdf",
        # the consultation
        QUESTION,
        ANSWER,
        # the reassessment and comments, the appeal
        REASSESSMENT,
        COMMENTS,
        "Far blir ensom uten tilbudet.",
        # the document list
        "Dokumentliste",
        "Vedtaksbrevet det klages på: Avslått",
        "Foreløpig svar",
        "Forespørsel om opplysninger",
        "Svar fra søkeren",
        "Drøfting med Solsiden",
    ):
        assert part in text, part
    assert "kunne ikke legges ved" not in text
    assert appealed.person_national_id not in text
    assert forwarding.reassessment == REASSESSMENT


def test_the_case_file_names_the_representative_and_a_late_appeal(world, appealed):
    Application.objects.filter(pk=appealed.pk).update(
        on_behalf=True,
        relation=Application.Relation.RELATIVE,
        applicant_name="Kari Datter",
        applicant_phone="+4799887766",  # as the application form stores it
    )
    Appeal.objects.filter(application=appealed).update(late=True)
    forwarding = casework.uphold_and_forward(
        application=Application.objects.get(pk=appealed.pk),
        actor=world.staff.north,
        comments=COMMENTS,
        reassessment=REASSESSMENT,
    )
    with forwarding.case_file.open("rb") as file:
        text = _text(file.read())
    assert "Representant (søkte på vegne av parten): Kari Datter, pårørende" in text
    assert "Telefon: 998 87 766" in text
    assert "Klagen kom inn etter klagefristen." in text


def test_a_paper_appeal_is_dated_the_day_it_was_received(world, login):
    case = take(world.case, world.staff.north)
    decide(case, world.staff.north, outcome="refused")
    received = timezone.localdate() - timedelta(days=3)
    appeal = casework.register_paper_appeal(
        application=Application.objects.get(pk=case.pk),
        actor=world.staff.north,
        reasons="Uenig.",
        received_on=received,
    )
    assert timezone.localdate(appeal.submitted_at) == received


def test_forwarding_tells_the_citizen_and_changes_their_status(
    world, login, appealed, django_capture_on_commit_callbacks
):
    _forward(world, login, appealed, django_capture_on_commit_callbacks)
    sent = [m for m in mail.outbox if world.citizen.email in m.to]
    assert len(sent) == 1
    assert "Klagen din er sendt til Statsforvalteren" in sent[0].subject
    assert appealed.reference in sent[0].body
    assert appealed.person_national_id not in sent[0].body
    assert REASSESSMENT not in sent[0].body
    event = appealed.events.get(action="referrals.appeal.forwarded")
    assert event.visible_to_citizen

    page = login(world.citizen).get(f"/mine-soknader/{appealed.reference}/").content.decode()
    assert "Klagen er sendt til Statsforvalteren" in page
    assert "Klagen er sendt til Statsforvalteren, som avgjør den." in page
    assert "vurderer saken på nytt" not in page
    listing = login(world.citizen).get("/mine-soknader/").content.decode()
    assert "Klagen er sendt til Statsforvalteren" in listing

    staff_page = login(world.staff.north).get(f"/saksbehandling/{appealed.reference}/")
    html = staff_page.content.decode()
    assert "Opprettholde vedtaket og sende til Statsforvalteren" not in html
    assert "Registrer Statsforvalterens avgjørelse" in html
    assert "Venter på Statsforvalterens avgjørelse." in html


def _outcome(client, case, outcome, day, note="Vedtaket bygger på feil faktum."):
    return client.post(
        f"/saksbehandling/{case.reference}/klage/avgjorelse/",
        {
            "outcome-outcome": outcome,
            "outcome-outcome_date": day.isoformat(),
            "outcome-note": note,
        },
    )


def test_a_quashed_decision_is_marked_and_reopens_the_case_for_a_new_decision(
    world, login, appealed, django_capture_on_commit_callbacks
):
    _forward(world, login, appealed, django_capture_on_commit_callbacks)
    client = login(world.staff.north)
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert _outcome(client, appealed, "quashed", tomorrow).status_code == 422
    response = client.post(
        f"/saksbehandling/{appealed.reference}/klage/avgjorelse/",
        {"outcome-outcome": "quashed", "outcome-outcome_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 422  # the content is required
    today = timezone.localdate()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _outcome(client, appealed, "quashed", today).status_code == 302

    forwarding = AppealForwarding.objects.get(appeal__application=appealed)
    assert forwarding.outcome == "quashed" and forwarding.outcome_date == today
    assert forwarding.outcome_note == "Vedtaket bygger på feil faktum."
    old = Decision.objects.get(application=appealed)
    assert old.appeal_outcome == "quashed" and old.appeal_outcome_on == today
    appealed.refresh_from_db()
    assert appealed.status == Application.Status.UNDER_ASSESSMENT
    assert [m.to for m in mail.outbox if world.citizen.email in m.to]  # told

    html = client.get(f"/saksbehandling/{appealed.reference}/").content.decode()
    assert "Statsforvalteren har opphevet vedtaket" in html
    assert f"Opphevet av Statsforvalteren {_date(today)}" in html
    assert f"/saksbehandling/{appealed.reference}/vedtak/" in html
    assert "Registrer Statsforvalterens avgjørelse" not in html

    page = login(world.citizen).get(f"/mine-soknader/{appealed.reference}/").content.decode()
    assert "Statsforvalterens avgjørelse" in page
    assert "Vedtaket er opphevet og sendt tilbake" in page
    assert "Vedtaket bygger på feil faktum." in page
    assert f"Opphevet av Statsforvalteren {_date(today)}" in page
    assert "Ny behandling etter klagen" in page

    # The caseworker makes the new decision in the ordinary flow; it replaces the old.
    new = decide(Application.objects.get(pk=appealed.pk), world.staff.north, offer=world.offer)
    assert new.replaces == old
    html = login(world.staff.north).get(f"/saksbehandling/{appealed.reference}/").content
    assert "Statsforvalteren har opphevet vedtaket" not in html.decode()


def test_an_upheld_decision_closes_the_case_and_the_citizen_sees_it(
    world, login, appealed, django_capture_on_commit_callbacks
):
    _forward(world, login, appealed, django_capture_on_commit_callbacks)
    today = timezone.localdate()
    response = _outcome(
        login(world.staff.north), appealed, "upheld", today, note="Kommunen har rett."
    )
    assert response.status_code == 302
    assert Decision.objects.get(application=appealed).appeal_outcome == ""
    page = login(world.citizen).get(f"/mine-soknader/{appealed.reference}/").content.decode()
    assert "Vedtaket er stadfestet" in page
    assert "Kommunen har rett." in page
    assert "stadfestet vedtaket. Saken er avsluttet." in page


def test_the_outcome_cannot_predate_the_forwarding(world, appealed):
    casework.uphold_and_forward(
        application=appealed, actor=world.staff.north, comments=COMMENTS, reassessment="-"
    )
    from referrals.cases.services import ApplicationError

    with pytest.raises(ApplicationError):
        casework.register_statsforvalteren_outcome(
            application=appealed,
            actor=world.staff.north,
            outcome="upheld",
            note="-",
            outcome_date=timezone.localdate() - timedelta(days=1),
        )


def test_the_queue_tracks_appeals_with_statsforvalteren_and_new_decisions_due(
    world, login, appealed
):
    client = login(world.staff.north)

    def listed(stage):
        html = client.get(f"/saksbehandling/?appeal_stage={stage}").content.decode()
        return appealed.reference in html

    assert not listed("forwarded")
    casework.uphold_and_forward(
        application=appealed, actor=world.staff.north, comments=COMMENTS, reassessment="-"
    )
    assert listed("forwarded") and not listed("new_decision")
    casework.register_statsforvalteren_outcome(
        application=appealed, actor=world.staff.north, outcome="reversed", note="Endret."
    )
    assert listed("new_decision") and not listed("forwarded")
    decide(Application.objects.get(pk=appealed.pk), world.staff.north, offer=world.offer)
    assert not listed("new_decision")
