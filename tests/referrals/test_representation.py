"""What someone who applied on another person's behalf (the representative) sees on
/mine-soknader/, in the downloads and in their data export; and the person ending that
access (referrals.representation holds the rule)."""

import json
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from referrals import services
from referrals.models import Application, Attachment
from tests.referrals.conftest import MODEL_BACKEND, make_user
from tests.referrals.helpers import make_draft, national_id, record_decision, upload

pytestmark = pytest.mark.django_db

FATHER_ID = national_id(date(1941, 2, 3))
CASEWORKER_WRITES = "Kan dere sende oss uttalelsen fra fastlegen?"
FATHER_WRITES = "Jeg vil helst at Kari ikke får vite om hoftene mine."
KARI_WRITES = "Jeg kan være med på et møte en onsdag."

# How the representative acts for the person: (relation, basis, scope, copies).
WITHOUT_COPIES = ("relative", "consent", "", False)
WITH_COPIES = ("relative", "consent", "", True)
GUARDIAN = ("guardian", "guardianship", "", False)
POWER_OF_ATTORNEY = (
    "power_of_attorney",
    "power_of_attorney",
    "Søke om og ta imot helse- og omsorgstjenester",
    False,
)
FULL_ACCESS = {"with copies": WITH_COPIES, "verge": GUARDIAN, "fullmakt": POWER_OF_ATTORNEY}


def file_for_father(applicant, service_type, representation=WITHOUT_COPIES) -> Application:
    """Kari applies for her father as ``representation`` says, through the services."""
    relation, basis, scope, copies = representation
    draft = make_draft(
        applicant=applicant,
        service_type=service_type,
        on_behalf=True,
        relation=relation,
        basis=basis,
        power_of_attorney_scope=scope,
        applicant_may_receive_copies=copies,
        person_name="Per Nordmann",
        person_national_id=FATHER_ID,
    )
    if basis in ("guardianship", "power_of_attorney"):
        kind = (
            Attachment.Kind.GUARDIANSHIP
            if basis == "guardianship"
            else Attachment.Kind.POWER_OF_ATTORNEY
        )
        services.add_attachment(
            application=draft, uploaded=upload("fullmakt.pdf"), user=applicant, kind=kind
        )
    return services.submit_application(application=draft, user=applicant, confirmed_truthful=True)


@pytest.fixture
def father(db):
    """Per, logged in with ID-porten (so his identity number is verified)."""
    return make_user(email="per@example.no", full_name="Per Nordmann", national_id=FATHER_ID)


def conversation(case, *, kari, father, caseworker):
    """The caseworker asks, Per answers with a document, Kari writes with one of hers.
    Returns (Per's attachment, Kari's attachment)."""
    services.send_message_to_applicant(
        application=case,
        sender=caseworker,
        body=CASEWORKER_WRITES,
        reply_by=timezone.localdate() + timedelta(days=14),
    )
    services.reply_to_municipality(
        application=case, user=father, body=FATHER_WRITES, files=[upload("epikrise-far.pdf")]
    )
    services.reply_to_municipality(
        application=case, user=kari, body=KARI_WRITES, files=[upload("min-timeplan.pdf")]
    )
    fathers = case.attachments.get(original_name="epikrise-far.pdf")
    karis = case.attachments.get(original_name="min-timeplan.pdf")
    return fathers, karis


def as_user(client, user):
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def page(client, case) -> str:
    response = client.get(f"/mine-soknader/{case.reference}/")
    assert response.status_code == 200
    return response.content.decode()


def download(client, case, attachment) -> int:
    return client.get(
        f"/mine-soknader/{case.reference}/vedlegg/{attachment.public_id}/"
    ).status_code


def exported(client, case) -> str:
    """The application's part of the user's data export (JSON), as text."""
    response = client.get("/mine-soknader/mine-opplysninger.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    [entry] = [a for a in data["applications"] if a["reference"] == case.reference]
    return json.dumps(entry, ensure_ascii=False)


# --- a relative without the right to copies ------------------------------------------


def test_a_relative_without_copies_does_not_read_the_caseworkers_or_the_persons_messages(
    client, citizen, father, caseworker, day_activity
):
    case = file_for_father(citizen, day_activity)
    conversation(case, kari=citizen, father=father, caseworker=caseworker)

    html = page(as_user(client, citizen), case)

    assert KARI_WRITES in html
    assert "min-timeplan.pdf" in html
    assert CASEWORKER_WRITES not in html
    assert FATHER_WRITES not in html
    assert "epikrise-far.pdf" not in html
    # The status is hers to follow; the request for information is not hers to read.
    assert "Kommunen trenger opplysninger fra deg" not in html


def test_a_relative_without_copies_cannot_download_the_persons_attachment(
    client, citizen, father, caseworker, day_activity, caplog
):
    case = file_for_father(citizen, day_activity)
    fathers, karis = conversation(case, kari=citizen, father=father, caseworker=caseworker)
    kari = as_user(client, citizen)

    with caplog.at_level("WARNING", logger="referrals.access"):
        assert download(kari, case, fathers) == 404
    assert "Refused access to attachment" in caplog.text
    assert FATHER_ID not in caplog.text
    # What she sent herself stays hers.
    assert download(kari, case, karis) == 200


def test_a_relative_without_copies_does_not_get_the_persons_messages_in_the_data_export(
    client, citizen, father, caseworker, day_activity
):
    case = file_for_father(citizen, day_activity)
    conversation(case, kari=citizen, father=father, caseworker=caseworker)

    text = exported(as_user(client, citizen), case)

    assert KARI_WRITES in text and "min-timeplan.pdf" in text
    for hidden in (CASEWORKER_WRITES, FATHER_WRITES, "epikrise-far.pdf"):
        assert hidden not in text


def test_documents_the_person_sends_later_are_not_listed_for_a_relative_without_copies(
    client, citizen, father, day_activity
):
    case = file_for_father(citizen, day_activity)
    services.add_documents(application=case, user=father, files=[upload("resept-far.pdf")])
    [fathers] = case.attachments.filter(original_name="resept-far.pdf")
    kari = as_user(client, citizen)

    assert "resept-far.pdf" not in page(kari, case)
    assert download(kari, case, fathers) == 404
    assert "resept-far.pdf" not in exported(kari, case)
    receipt = kari.get(f"/mine-soknader/{case.reference}/soknad.pdf")
    assert receipt.status_code == 200
    assert b"resept-far" not in receipt.content


def test_a_relative_without_copies_does_not_see_the_persons_appeal(
    client, citizen, father, caseworker, day_activity
):
    case = file_for_father(citizen, day_activity)
    services.change_status(
        application=case, status=Application.Status.UNDER_ASSESSMENT, actor=caseworker
    )
    record_decision(application=case, outcome="refused", actor=caseworker)
    services.file_appeal(application=case, user=father, reasons="Jeg trenger hjelp om dagen.")

    kari = as_user(client, citizen)
    html = page(kari, case)
    assert "Klage mottatt" in html  # the status
    assert "Mottatt, kommunen vurderer saken på nytt" not in html  # the person's appeal
    assert "Jeg trenger hjelp om dagen." not in exported(kari, case)


def test_no_one_is_emailed_about_a_message_they_may_not_read(
    citizen, father, caseworker, day_activity, django_capture_on_commit_callbacks
):
    case = file_for_father(citizen, day_activity)
    Application.objects.filter(pk=case.pk).update(person_email="per@example.no")
    case.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_message_to_applicant(application=case, sender=caseworker, body="Hei.")
    assert [m.to for m in mail.outbox] == [["per@example.no"]]


# --- representatives whom the law or the person lets see the case -----------------------


@pytest.mark.parametrize("representation", FULL_ACCESS.values(), ids=FULL_ACCESS.keys())
def test_a_representative_with_copies_or_as_verge_or_with_a_power_of_attorney_sees_it_all(
    client, citizen, father, caseworker, day_activity, representation
):
    case = file_for_father(citizen, day_activity, representation)
    fathers, _karis = conversation(case, kari=citizen, father=father, caseworker=caseworker)
    kari = as_user(client, citizen)

    html = page(kari, case)
    assert CASEWORKER_WRITES in html and FATHER_WRITES in html and "epikrise-far.pdf" in html
    assert download(kari, case, fathers) == 200
    text = exported(kari, case)
    assert CASEWORKER_WRITES in text and FATHER_WRITES in text and "epikrise-far.pdf" in text


def test_the_person_sees_what_the_representative_sent_and_it_says_who_sent_it(
    client, citizen, father, caseworker, day_activity
):
    case = file_for_father(citizen, day_activity)
    _fathers, karis = conversation(case, kari=citizen, father=father, caseworker=caseworker)
    per = as_user(client, father)

    html = page(per, case)
    assert KARI_WRITES in html and CASEWORKER_WRITES in html and FATHER_WRITES in html
    assert download(per, case, karis) == 200
    # Per's own message is "from you"; Kari's is from the one who applied.
    assert "Fra deg" in html
    assert "Fra Kari Nordmann" in html
