"""The personal-data download on /mine-soknader/ (JSON and PDF): everything the citizen's
own pages show them about their applications, and nothing only staff see."""

import io
import json
from datetime import date, timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from referrals.applications import services
from referrals.cases import access
from referrals.cases.models import Application
from referrals.casework import services as casework
from tests.referrals.casework.factories import decide, make_case, take
from tests.referrals.helpers import make_draft, make_user, national_id, upload

pytestmark = pytest.mark.django_db

JSON_URL = "/mine-soknader/mine-opplysninger.json"
PDF_URL = "/mine-soknader/mine-opplysninger.pdf"
SECRET_NOTE = "Internt: naboen ringte om familien"


@pytest.fixture
def decided(world):
    """Kari's case taken, answered, noted on internally, decided (a place) and appealed."""
    case, caseworker = world.case, world.staff.north
    take(case, caseworker)
    casework.send_preliminary_reply(
        application=case,
        actor=caseworker,
        reason="Vi venter på opplysninger fra fastlegen.",
        expected_date=timezone.localdate() + timedelta(days=30),
    )
    casework.request_information(
        application=case,
        actor=caseworker,
        body="Kan du sende oss timeplanen for hjemmetjenesten?",
        reply_by=timezone.localdate() + timedelta(days=14),
    )
    services.reply_to_municipality(
        application=case, user=world.citizen, body="Timeplanen ligger ved.", files=[upload()]
    )
    casework.add_internal_note(application=case, author=caseworker, body=SECRET_NOTE)
    access.log_access(user=caseworker, action="view", object_type="application", application=case)
    decision = decide(case, caseworker, offer=world.offer)
    services.file_appeal(
        application=case, user=world.citizen, reasons="Jeg trenger flere dager i uka."
    )
    case.refresh_from_db()
    return decision


def _json(client) -> dict:
    response = client.get(JSON_URL)
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_json_download_is_a_private_attachment(world, login):
    response = login(world.citizen).get(JSON_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mine-opplysninger-')
    assert response["Content-Disposition"].endswith('.json"')
    assert response["Cache-Control"] == "private, no-store"


def test_the_json_holds_the_user_and_the_application_with_the_identity_number_masked(world, login):
    world.citizen.phone = "41 00 00 00"
    world.citizen.save()
    data = _json(login(world.citizen))
    assert set(data) == {
        "generated_at",
        "municipality",
        "user",
        "applications",
        "drafts",
        "helper",  # the helper profile (referrals.volunteers); None for one who never helped
        "help_requests",  # the volunteers they asked for (referrals.matching)
        "signups",
    }
    assert data["helper"] is None
    assert data["user"]["name"] == "Kari Nordmann"
    assert data["user"]["email"] == "kari@example.no"
    assert data["user"]["phone"] == "41 00 00 00"
    [application] = data["applications"]
    assert application["reference"] == world.case.reference
    assert application["service_type"] == str(world.case.service_type)
    assert application["status"] == "submitted"
    assert application["filed_by_you"] is True
    assert application["submitted_at"].startswith(
        timezone.localtime(world.case.submitted_at).date().isoformat()
    )
    person = application["answers"]["person"]
    assert person["name"] == "Ola Nordmann"
    assert person["national_id"] == world.case.person_national_id[:6] + "*****"
    assert application["answers"]["need"]["wants"] == ["Selskap og noen å snakke med"]
    assert application["answers"]["preferred_offers"] == ["Solsiden dagsenter"]
    # The full number is nowhere in the file.
    assert world.case.person_national_id not in json.dumps(data)


def test_attachments_are_listed_without_their_contents(world, login):
    [attachment] = _json(login(world.citizen))["applications"][0]["attachments"]
    assert attachment == {
        "name": "legeerklaering.pdf",
        "kind": "document",
        "kind_label": "Dokument",
        "content_type": "application/pdf",
        "size": world.attachment.size,
        "uploaded_at": attachment["uploaded_at"],
        "sent_later": True,
    }
    assert attachment["uploaded_at"]


def test_messages_decisions_replies_appeals_places_and_the_access_log_are_included(
    world, login, decided
):
    [application] = _json(login(world.citizen))["applications"]
    assert application["status"] == "appealed"
    bodies = [message["body"] for message in application["messages"]]
    assert "Kan du sende oss timeplanen for hjemmetjenesten?" in bodies
    assert "Timeplanen ligger ved." in bodies
    reply = next(m for m in application["messages"] if not m["from_municipality"])
    assert [item["name"] for item in reply["attachments"]] == ["fullmakt.pdf"]

    [decision] = application["decisions"]
    assert decision["outcome"] == "granted"
    assert decision["outcome_label"] == "Innvilget"
    assert decision["letter_sha256"] == decided.letter_sha256
    assert decision["content"]["facts"] == "Søkeren bor alene og har lite nettverk."
    assert decision["content"]["weekdays"] == ["tirsdag", "torsdag"]

    [reply_letter] = application["preliminary_replies"]
    assert reply_letter["reason"] == "Vi venter på opplysninger fra fastlegen."
    assert len(reply_letter["letter_sha256"]) == 64
    [appeal] = application["appeals"]
    assert appeal["reasons"] == "Jeg trenger flere dager i uka."
    assert [(p["offer"], p["weekday"]) for p in application["places"]] == [
        ("Solsiden dagsenter", "tirsdag"),
        ("Solsiden dagsenter", "torsdag"),
    ]
    [access_row] = [row for row in application["access_log"] if row["action"] == "Lest"]
    assert access_row["role"] == "Saksbehandler"
    assert set(access_row) == {"at", "role", "unit", "action"}
    labels = [event["label"] for event in application["timeline"]]
    assert "Søknaden ble sendt" in labels and "Vedtak fattet" in labels


def test_internal_notes_and_internal_events_are_never_included(world, login, decided):
    body = login(world.citizen).get(JSON_URL).content.decode()
    assert SECRET_NOTE not in body
    assert "internal" not in body  # no internal event kinds
    assert "Tildelt" not in body  # the internal "assigned to" event
    assert "Intern hendelse" not in body
    # Staff are shown by role, never by the name in the access log.
    assert "nord@example.no" in body  # the decision's contact person (in the letter) ...
    assert '"user_label"' not in body  # ... but the access log has no names


def test_another_persons_data_is_absent(world, login, decided):
    other = make_case(
        applicant=world.stranger,
        service_type=world.case.service_type,
        person_name="Sigrid Fremmed",
        need_description="Sigrids egen beskrivelse",
    )
    body = login(world.citizen).get(JSON_URL).content.decode()
    assert other.reference not in body
    assert "Sigrid" not in body
    stranger_data = json.loads(login(world.stranger).get(JSON_URL).content)
    assert [a["reference"] for a in stranger_data["applications"]] == [other.reference]
    stranger_body = json.dumps(stranger_data)
    assert world.case.reference not in stranger_body
    assert "Ola Nordmann" not in stranger_body
    assert "Kari" not in stranger_body


def test_a_relative_without_the_right_to_copies_gets_what_the_case_page_shows(world, login):
    case = make_case(
        applicant=world.citizen,
        service_type=world.case.service_type,
        district=world.case.district,
        on_behalf=True,
        relation="relative",
        basis="consent",
        person_name="Per Nordmann",
        person_national_id=national_id(date(1941, 2, 3)),
        applicant_may_receive_copies=False,
    )
    take(case, world.staff.north)
    access.log_access(
        user=world.staff.north, action="view", object_type="application", application=case
    )
    decide(case, world.staff.north, offer=world.offer)
    data = _json(login(world.citizen))
    father = next(a for a in data["applications"] if a["reference"] == case.reference)
    assert father["answers"]["on_behalf"] is True
    assert father["answers"]["relation"] == "relative"
    assert father["answers"]["person"]["national_id"] == case.person_national_id[:6] + "*****"
    assert father["status"] == "decided"
    assert father["decisions"] == []
    assert father["places"] == []
    assert father["access_log"] == []
    assert father["letters_shown"] is False


def test_a_relative_without_the_right_to_copies_gets_no_message_or_document_of_others(world, login):
    """Neither in the JSON nor in the PDF: the caseworker's request, the person's answer
    and the document he sent with it (he has his own log-in, verified by ID-porten)."""

    father_id = national_id(date(1941, 2, 3))
    father = make_user(email="per@example.no", full_name="Per Nordmann", national_id=father_id)
    case = make_case(
        applicant=world.citizen,
        service_type=world.case.service_type,
        district=world.case.district,
        on_behalf=True,
        relation="relative",
        basis="consent",
        person_name="Per Nordmann",
        person_national_id=father_id,
        applicant_may_receive_copies=False,
    )
    take(case, world.staff.north)
    casework.request_information(
        application=case,
        actor=world.staff.north,
        body="Hvordan går det med hukommelsen?",
        reply_by=timezone.localdate() + timedelta(days=14),
    )
    services.reply_to_municipality(
        application=case,
        user=father,
        body="Jeg glemmer mye, men vil ikke at Kari skal vite det.",
        files=[upload("hukommelsestest.pdf")],
    )
    services.reply_to_municipality(application=case, user=world.citizen, body="Far bor alene.")
    client = login(world.citizen)

    entry = next(a for a in _json(client)["applications"] if a["reference"] == case.reference)
    assert [m["body"] for m in entry["messages"]] == ["Far bor alene."]
    assert entry["attachments"] == []
    pdf = client.get(PDF_URL)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Far bor alene." in text
    for hidden in ("hukommelsen", "Jeg glemmer mye", "hukommelsestest"):
        assert hidden not in text

    # The person gets all of it, and sees who wrote what.
    per = _json(login(father))["applications"][0]
    assert [(m["from_you"], m["sender_name"]) for m in per["messages"]] == [
        (False, ""),
        (True, ""),
        (False, "Kari Nordmann"),
    ]


def test_the_person_a_relative_applied_for_sees_the_application_about_them(world, login):
    father_id = national_id(date(1941, 2, 3))
    case = make_case(
        applicant=world.citizen,
        service_type=world.case.service_type,
        on_behalf=True,
        relation="relative",
        basis="consent",
        person_name="Per Nordmann",
        person_national_id=father_id,
    )
    father = make_user(email="per@example.no", full_name="Per Nordmann", national_id=father_id)
    assert case.person_identity == Application.Identity.STATED
    data = _json(login(father))
    # Made on his behalf, the case names him as its party (representation.joins_person).
    assert [a["reference"] for a in data["applications"]] == [case.reference]
    assert data["applications"][0]["filed_by_you"] is False
    assert data["user"]["national_id"] == father_id[:6] + "*****"
    assert data["user"]["identity_verified"] is True


def test_drafts_are_included_with_their_answers(world, login):
    draft = make_draft(
        applicant=world.citizen, service_type=world.case.service_type, person_name="Utkast Person"
    )
    services.add_attachment(application=draft, uploaded=upload("utkast.pdf"), user=world.citizen)
    [entry] = _json(login(world.citizen))["drafts"]
    assert entry["answers"]["person"]["name"] == "Utkast Person"
    assert entry["deleted_after"] == draft.draft_expires_on.isoformat()
    assert [item["name"] for item in entry["attachments"]] == ["utkast.pdf"]


def test_the_pdf_holds_the_references_and_the_decisions(world, login, decided):
    second = make_case(applicant=world.citizen, service_type=world.case.service_type)
    response = login(world.citizen).get(PDF_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('.pdf"')
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert world.case.reference in text
    assert second.reference in text
    assert "Innvilget" in text
    assert decided.letter_sha256 in text.replace("\n", "")
    assert "Vi venter på opplysninger fra fastlegen." in text
    assert world.case.person_national_id[:6] + "*****" in text
    assert SECRET_NOTE not in text
    assert "Tildelt" not in text
    # Tagged like the other PDFs (PDF/UA).
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_the_list_page_links_to_both_downloads(world, login):
    body = login(world.citizen).get("/mine-soknader/").content.decode()
    assert f'href="{JSON_URL}"' in body
    assert f'href="{PDF_URL}"' in body


def test_anonymous_users_are_sent_to_log_in(client, db):
    for url in (JSON_URL, PDF_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/konto/logg-inn/")


def test_the_downloads_only_answer_get(world, login):
    client = login(world.citizen)
    for url in (JSON_URL, PDF_URL):
        assert client.post(url).status_code == 405


def test_someone_without_applications_gets_an_empty_list(world, login):
    data = _json(login(world.stranger))
    assert data["applications"] == []
    assert data["drafts"] == []
    assert data["user"]["email"] == "stranger@example.no"


def test_the_status_words_follow_the_application(world, login):
    Application.objects.filter(pk=world.case.pk).update(status=Application.Status.RECEIVED)
    [application] = _json(login(world.citizen))["applications"]
    assert application["status_label"] == "Mottatt av kommunen"


def test_how_each_letter_was_sent_is_included_without_staff_names(world, login, decided):
    from referrals.letters import dispatch

    # No address at first: both paper letters failed. Registered, they are queued,
    # printed and posted by a caseworker (whose name stays out of the export).
    casework.update_postal_addresses(
        application=world.case,
        actor=world.staff.north,
        person={"street": "Storgata 1", "postcode": "0155", "place": "Oslo"},
    )
    batch = dispatch.make_batch(user=world.staff.north)
    dispatch.mark_batch_printed(batch=batch, user=world.staff.north)

    client = login(world.citizen)
    [application] = _json(client)["applications"]
    [decision] = application["decisions"]
    [reply] = application["preliminary_replies"]
    for letter in (decision["dispatch"], reply["dispatch"]):
        assert letter["channel"] == "paper"
        assert letter["channel_label"] == "Papir: sendes i posten"
        assert (letter["status"], letter["status_label"]) == (
            "printed",
            "Skrevet ut og lagt i posten",
        )
        assert letter["queued_at"] and letter["sent_at"]
        assert letter["postal_address"]["street"] == "Storgata 1"
        assert set(letter) == {
            "channel",
            "channel_label",
            "status",
            "status_label",
            "queued_at",
            "sent_at",
            "postal_address",
        }
    body = client.get(JSON_URL).content.decode()
    assert "marked_by" not in body and "printed_by" not in body
    assert body.count("Nora Nord") == body.count('"contact_name": "Nora Nord"')

    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(client.get(PDF_URL).content)).pages
    )
    assert "Slik ble brevet sendt" in text
    assert "Skrevet ut og lagt i posten" in text
