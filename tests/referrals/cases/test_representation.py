"""What someone who applied on another person's behalf (the representative) sees on
/mine-soknader/, in the downloads and in their data export; and the person ending that
access (referrals.cases.representation holds the rule)."""

import json
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from referrals.applications import services
from referrals.cases import services as case_services
from referrals.cases.models import Application, Attachment
from tests.referrals.helpers import (
    MODEL_BACKEND,
    make_draft,
    make_submitted,
    make_user,
    national_id,
    record_decision,
    upload,
)

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


def export_entry(client, case) -> dict:
    """The application's part of the user's data export (JSON)."""
    response = client.get("/mine-soknader/mine-opplysninger.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    [entry] = [a for a in data["applications"] if a["reference"] == case.reference]
    return entry


def exported(client, case) -> str:
    return json.dumps(export_entry(client, case), ensure_ascii=False)


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

    with caplog.at_level("WARNING", logger="referrals.cases.access"):
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
    case_services.change_status(
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


# --- the person ends the representative's access -----------------------------------------


def end_url(case) -> str:
    return f"/mine-soknader/{case.reference}/avslutt-tilgang/bekreft/"


def confirm_url(case) -> str:
    return f"/mine-soknader/{case.reference}/avslutt-tilgang/"


def test_the_person_ends_the_access_from_the_case_page_after_confirming(
    client, citizen, father, caseworker, day_activity
):
    case = file_for_father(citizen, day_activity, WITH_COPIES)
    per = as_user(client, father)
    assert confirm_url(case) in page(per, case)

    confirm = per.get(confirm_url(case))
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Kari Nordmann" in html and end_url(case) in html
    case.refresh_from_db()
    assert case.representative_access_ended_at is None  # not before the POST

    response = per.post(end_url(case))
    assert response.status_code == 302
    assert response.url == f"/mine-soknader/{case.reference}/"
    case.refresh_from_db()
    assert case.representative_access_ended_at is not None
    assert case.representative_access_ended_by == father


def test_ending_the_access_takes_effect_at_once(
    client, citizen, father, caseworker, day_activity, django_capture_on_commit_callbacks
):
    case = file_for_father(citizen, day_activity, WITH_COPIES)
    fathers, karis = conversation(case, kari=citizen, father=father, caseworker=caseworker)
    case_services.change_status(
        application=case, status=Application.Status.UNDER_ASSESSMENT, actor=caseworker
    )
    decision = record_decision(
        application=case, outcome="granted", actor=caseworker, letter_pdf=b"%PDF-1.4 brev"
    )
    kari = as_user(client, citizen)
    assert download(kari, case, fathers) == 200  # until now

    with django_capture_on_commit_callbacks(execute=True):
        services.end_representative_access(application=case, user=father)

    html = page(kari, case)
    assert "Tilgangen din til saken er avsluttet" in html
    # What she sent herself before the end stays hers; nothing else.
    assert KARI_WRITES in html and "min-timeplan.pdf" in html
    for hidden in (CASEWORKER_WRITES, FATHER_WRITES, "epikrise-far.pdf", "Vedtak fattet"):
        assert hidden not in html
    assert download(kari, case, karis) == 200
    assert download(kari, case, fathers) == 404
    letter = f"/mine-soknader/{case.reference}/vedtak/{decision.pk}/"
    assert kari.get(letter).status_code == 404
    # She can no longer act on the case.
    assert 'id="reply-heading"' not in html
    for url in ("svar/", "dokumenter/", "trekk-tilbake/bekreft/", "klage/send/"):
        assert kari.post(f"/mine-soknader/{case.reference}/{url}").status_code == 404, url
    # Her data export says the same.
    entry = export_entry(kari, case)
    assert [m["body"] for m in entry["messages"]] == [KARI_WRITES]
    assert entry["status"] == entry["status_label"] == ""
    assert entry["decisions"] == [] and entry["decided_at"] is None
    assert entry["your_access_ended_at"] is not None
    assert "epikrise-far.pdf" not in json.dumps(entry)
    # The list shows the case without its status.
    listing = kari.get("/mine-soknader/").content.decode()
    assert case.reference in listing and "Tilgangen din er avsluttet" in listing
    assert "Vedtak fattet" not in listing


def test_ending_the_access_is_on_the_timeline_and_in_the_access_log(
    client, citizen, father, day_activity
):
    from referrals.cases.models import AccessLogEntry

    case = file_for_father(citizen, day_activity, WITH_COPIES)
    as_user(client, father).post(end_url(case))

    event = case.events.get(kind="representative_access_ended")
    assert event.actor == father and event.visible_to_citizen
    assert "Personen saken gjelder avsluttet søkerens tilgang" in page(client, case)
    entry = AccessLogEntry.objects.get(object_type="representative_access")
    assert (entry.user, entry.reference, entry.action, entry.allowed) == (
        father,
        case.reference,
        "change",
        True,
    )
    assert FATHER_ID not in entry.person + entry.detail + entry.object_id


def test_the_representative_is_told_by_email_and_hears_nothing_more(
    client, citizen, father, caseworker, day_activity, django_capture_on_commit_callbacks
):
    case = file_for_father(citizen, day_activity, WITH_COPIES)
    Application.objects.filter(pk=case.pk).update(
        applicant_email="kari@example.no", person_email="per@example.no"
    )
    case.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        as_user(client, father).post(end_url(case))
    [told] = mail.outbox
    assert told.to == ["kari@example.no"]
    assert case.reference in told.subject and "avsluttet" in told.subject
    assert f"/mine-soknader/{case.reference}/" in told.body
    assert FATHER_ID not in told.subject + told.body
    assert "Per Nordmann" not in told.subject + told.body

    mail.outbox.clear()
    case.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_message_to_applicant(application=case, sender=caseworker, body="Hei.")
        case_services.change_status(
            application=case, status=Application.Status.UNDER_ASSESSMENT, actor=caseworker
        )
    assert {address for m in mail.outbox for address in m.to} == {"per@example.no"}


def test_ending_it_twice_changes_nothing_the_second_time(
    client, citizen, father, day_activity, django_capture_on_commit_callbacks
):
    case = file_for_father(citizen, day_activity, WITH_COPIES)
    per = as_user(client, father)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert per.post(end_url(case)).status_code == 302
        first = Application.objects.get(pk=case.pk).representative_access_ended_at
        assert per.post(end_url(case)).status_code == 302
    assert Application.objects.get(pk=case.pk).representative_access_ended_at == first
    assert case.events.filter(kind="representative_access_ended").count() == 1
    assert len(mail.outbox) == 1
    # The confirmation page now leads back to the case.
    assert per.get(confirm_url(case)).status_code == 302


def test_get_on_the_end_access_url_is_405(client, citizen, father, day_activity):
    case = file_for_father(citizen, day_activity, WITH_COPIES)
    assert as_user(client, father).get(end_url(case)).status_code == 405
    case.refresh_from_db()
    assert case.representative_access_ended_at is None


def test_no_one_but_the_person_can_end_it(client, citizen, stranger, father, day_activity):
    case = file_for_father(citizen, day_activity, WITH_COPIES)
    # Someone who shares the person's name but not his verified identity, a stranger,
    # and the representative herself.
    namesake = make_user(email="per2@example.no", full_name="Per Nordmann")
    for user in (namesake, stranger, citizen):
        as_user(client, user)
        assert client.get(confirm_url(case)).status_code == 404
        assert client.post(end_url(case)).status_code == 404
    case.refresh_from_db()
    assert case.representative_access_ended_at is None
    assert not case.events.filter(kind="representative_access_ended").exists()


def test_there_is_nothing_to_end_on_an_application_of_ones_own(client, father, day_activity):
    case = make_submitted(applicant=father, service_type=day_activity, person_national_id=FATHER_ID)
    per = as_user(client, father)
    assert confirm_url(case) not in page(per, case)
    assert per.post(end_url(case)).status_code == 404


def test_a_verges_access_is_not_ended_here(client, citizen, father, day_activity):
    """Statsforvalteren appoints and changes verges; the page says so."""
    case = file_for_father(citizen, day_activity, GUARDIAN)
    per = as_user(client, father)
    html = page(per, case)
    assert "Statsforvalteren" in html and confirm_url(case) not in html
    assert per.get(confirm_url(case)).status_code == 404
    assert per.post(end_url(case)).status_code == 404
    case.refresh_from_db()
    assert case.representative_access_ended_at is None


def test_the_person_can_end_the_access_of_a_relative_without_copies_too(
    client, citizen, father, day_activity
):
    case = file_for_father(citizen, day_activity)
    assert as_user(client, father).post(end_url(case)).status_code == 302
    html = page(as_user(client, citizen), case)
    assert "Tilgangen din til saken er avsluttet" in html
    assert 'id="status-heading"' not in html


def test_the_services_refuse_a_representative_whose_access_has_ended(
    citizen, father, caseworker, day_activity
):
    """Checked again under the row lock, for a reply already on its way."""
    case = file_for_father(citizen, day_activity, WITH_COPIES)
    stale = Application.objects.get(pk=case.pk)
    services.end_representative_access(application=case, user=father)
    with pytest.raises(case_services.ApplicationError):
        services.reply_to_municipality(application=stale, user=citizen, body="Hei.")
    with pytest.raises(case_services.ApplicationError):
        services.add_documents(application=stale, user=citizen, files=[upload()])
    with pytest.raises(case_services.ApplicationError):
        services.withdraw_application(application=stale, user=citizen)
    assert not case.messages.exists()
    case.refresh_from_db()
    assert case.status == Application.Status.SUBMITTED
