"""/mine-soknader/: the citizen follows, answers, adds to, withdraws and appeals."""

import logging
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from referrals.applications import services
from referrals.cases import services as case_services
from referrals.cases.models import Application, Attachment
from tests.referrals.helpers import make_draft, make_submitted, national_id, record_decision, upload

pytestmark = pytest.mark.django_db

Status = Application.Status


@pytest.fixture
def application(citizen, day_activity):
    return make_submitted(applicant=citizen, service_type=day_activity)


def detail_url(application):
    return f"/mine-soknader/{application.reference}/"


def test_the_list_shows_applications_and_drafts(citizen_client, citizen, application, day_activity):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    body = citizen_client.get("/mine-soknader/").content.decode()
    assert application.reference in body
    assert "Sendt" in body
    assert f"/soknad/{draft.public_id}/" in body
    assert "slettes" in body


def test_anonymous_users_are_sent_to_log_in(client, application):
    for url in [
        "/mine-soknader/",
        detail_url(application),
        f"/mine-soknader/{application.reference}/soknad.pdf",
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/konto/logg-inn/")


def test_a_stranger_gets_404_everywhere_and_the_attempt_is_logged(
    stranger_client, citizen, application, caplog
):
    attachment = services.add_attachment(application=application, uploaded=upload(), user=citizen)
    draft = make_draft(applicant=citizen, service_type=application.service_type)
    urls = [
        detail_url(application),
        f"/soknad/kvittering/{application.reference}/",
        f"/mine-soknader/{application.reference}/soknad.pdf",
        f"/mine-soknader/{application.reference}/vedlegg/{attachment.public_id}/",
        f"/mine-soknader/{application.reference}/klage/",
        f"/mine-soknader/{application.reference}/trekk-tilbake/",
        f"/soknad/{draft.public_id}/personen/",
        f"/soknad/{draft.public_id}/oppsummering/",
    ]
    with caplog.at_level(logging.WARNING, logger="referrals.cases.access"):
        for url in urls:
            assert stranger_client.get(url).status_code == 404, url
        assert (
            stranger_client.post(
                f"/mine-soknader/{application.reference}/trekk-tilbake/bekreft/"
            ).status_code
            == 404
        )
        assert (
            stranger_client.post(
                f"/soknad/{draft.public_id}/send/", {"confirmed_truthful": "on"}
            ).status_code
            == 404
        )
    refusals = [record for record in caplog.records if record.name == "referrals.cases.access"]
    assert len(refusals) == len(urls) + 2
    assert application.person_national_id not in caplog.text
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_the_person_a_relative_applied_for_sees_the_case_but_not_the_draft(
    client, citizen, day_activity, stranger
):
    """A number typed on another's behalf names the party: the holder, verified by
    ID-porten, sees the submitted case about them (and may end the relative's access),
    never the relative's draft."""
    father_id = national_id(date(1941, 2, 3))
    filed = make_submitted(
        applicant=citizen,
        service_type=day_activity,
        on_behalf=True,
        relation="relative",
        basis="consent",
        person_name="Per Nordmann",
        person_national_id=father_id,
    )
    assert filed.person_identity == Application.Identity.STATED
    draft = make_draft(applicant=citizen, service_type=day_activity, person_national_id=father_id)
    stranger.national_id = father_id  # as set from ID-porten's pid claim
    stranger.save()
    client.force_login(stranger, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(detail_url(filed)).status_code == 200
    body = client.get("/mine-soknader/").content.decode()
    assert filed.reference in body
    assert str(draft.public_id) not in body
    assert client.get(f"/soknad/{draft.public_id}/behov/").status_code == 404


def test_a_self_application_under_a_typed_number_never_reaches_its_holder(
    client, citizen, day_activity, stranger
):
    """Issue 11, finding 6: "for myself" under someone else's number, without ID-porten,
    does not join the case to the account that holds the number."""
    holder_id = national_id(date(1950, 6, 7))
    filed = make_submitted(
        applicant=citizen,
        service_type=day_activity,
        on_behalf=False,
        person_name="Kari Nordmann",
        person_national_id=holder_id,
    )
    assert filed.person_identity == Application.Identity.STATED
    stranger.national_id = holder_id
    stranger.save()
    client.force_login(stranger, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(detail_url(filed)).status_code == 404
    assert filed.reference not in client.get("/mine-soknader/").content.decode()


def test_the_page_shows_status_in_words_timeline_and_expected_date(
    citizen_client, application, caseworker
):
    case_services.change_status(application=application, status=Status.RECEIVED, actor=caseworker)
    body = citizen_client.get(detail_url(application)).content.decode()
    assert "Mottatt av kommunen" in body
    assert "Søknaden ble sendt" in body
    assert "Forventet vedtak innen" in body
    assert application.person_national_id not in body
    assert "<title>Søknad " + application.reference in body


def test_withdraw_asks_first_and_then_withdraws_by_post(
    citizen_client, application, django_capture_on_commit_callbacks
):
    confirm = citizen_client.get(f"/mine-soknader/{application.reference}/trekk-tilbake/")
    assert "Ja, trekk søknaden tilbake" in confirm.content.decode()
    url = f"/mine-soknader/{application.reference}/trekk-tilbake/bekreft/"
    assert citizen_client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(url)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert len(mail.outbox) == 1 and application.reference in mail.outbox[0].subject
    body = citizen_client.get(detail_url(application)).content.decode()
    assert "Trukket tilbake" in body
    assert "trekk-tilbake/" not in body


def test_a_request_for_information_is_answered_with_text_and_a_file(
    citizen_client, citizen, application, caseworker, django_capture_on_commit_callbacks
):
    case_services.change_status(
        application=application, status=Status.UNDER_ASSESSMENT, actor=caseworker
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.send_message_to_applicant(
            application=application,
            sender=caseworker,
            body="Kan du sende en uttalelse fra fastlegen?",
            reply_by=timezone.localdate() + timedelta(days=14),
        )
    application.refresh_from_db()
    assert application.status == Status.AWAITING_INFORMATION
    assert len(mail.outbox) == 1
    assert "fastlegen" not in mail.outbox[0].body

    body = citizen_client.get(detail_url(application)).content.decode()
    assert "Kan du sende en uttalelse fra fastlegen?" in body
    assert "Kommunen trenger opplysninger fra deg" in body

    url = f"/mine-soknader/{application.reference}/svar/"
    assert citizen_client.get(url).status_code == 405
    response = citizen_client.post(url, {"reply-body": ""})
    assert response.status_code == 422
    assert "Skriv svaret ditt." in response.content.decode()

    response = citizen_client.post(
        url, {"reply-body": "Her er uttalelsen.", "reply-files": [upload("uttalelse.pdf")]}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.UNDER_ASSESSMENT
    reply = application.messages.get(from_municipality=False)
    assert reply.attachments.get().original_name == "uttalelse.pdf"
    assert application.messages.get(from_municipality=True).answered_at is not None


def test_more_documents_can_be_sent_until_the_decision(
    citizen_client, citizen, application, caseworker
):
    url = f"/mine-soknader/{application.reference}/dokumenter/"
    assert citizen_client.get(url).status_code == 405
    response = citizen_client.post(url, {"documents-files": [upload("epikrise.pdf")]})
    assert response.status_code == 302
    attachment = application.attachments.get()
    assert attachment.after_submission
    download = citizen_client.get(
        f"/mine-soknader/{application.reference}/vedlegg/{attachment.public_id}/"
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")

    response = citizen_client.post(url, {"documents-files": [upload("virus.pdf", b"MZ not a pdf")]})
    assert response.status_code == 422
    assert Attachment.objects.count() == 1

    case_services.change_status(
        application=application, status=Status.UNDER_ASSESSMENT, actor=caseworker
    )
    record_decision(application=application, outcome="granted", actor=caseworker)
    response = citizen_client.post(url, {"documents-files": [upload("sent.pdf")]})
    assert response.status_code == 422
    assert Attachment.objects.count() == 1


def _decide(application, caseworker, outcome="refused"):
    case_services.change_status(
        application=application, status=Status.UNDER_ASSESSMENT, actor=caseworker
    )
    return record_decision(
        application=application, outcome=outcome, actor=caseworker, letter_pdf=b"%PDF-1.4 letter"
    )


@time_machine.travel("2026-11-24 10:00 +01:00", tick=False)
def test_the_appeal_deadline_is_four_weeks_for_health_and_care_services(
    citizen_client, application, caseworker
):
    _decide(application, caseworker)
    body = citizen_client.get(detail_url(application)).content.decode()
    assert "Fristen er 4 uker, og siste dag er 22. desember 2026" in body
    appeal_page = citizen_client.get(
        f"/mine-soknader/{application.reference}/klage/"
    ).content.decode()
    assert "22. desember 2026" in appeal_page
    assert "pasient- og brukerrettighetsloven § 7-5" in appeal_page
    assert "Statsforvalteren" in appeal_page


@time_machine.travel("2026-11-24 10:00 +01:00", tick=False)
def test_the_appeal_deadline_is_three_weeks_under_forvaltningsloven(
    citizen_client, citizen, service_types, caseworker
):
    application = make_submitted(
        applicant=citizen, service_type=service_types["arbeid-og-aktivitet"]
    )
    _decide(application, caseworker)
    appeal_page = citizen_client.get(
        f"/mine-soknader/{application.reference}/klage/"
    ).content.decode()
    assert "Siste dag å klage er <strong>15. desember 2026</strong>" in appeal_page
    assert "forvaltningsloven § 29" in appeal_page


def test_an_appeal_is_filed_once(
    citizen_client, application, caseworker, django_capture_on_commit_callbacks
):
    decision = _decide(application, caseworker)
    letter = citizen_client.get(f"/mine-soknader/{application.reference}/vedtak/{decision.pk}/")
    assert letter.status_code == 200
    url = f"/mine-soknader/{application.reference}/klage/send/"
    assert citizen_client.get(url).status_code == 405
    assert citizen_client.post(url, {"reasons": ""}).status_code == 422
    response = citizen_client.post(
        url, {"reasons": "Far trenger tilbudet.", "wanted_outcome": "Innvilgelse"}
    )
    assert response.status_code == 302
    again = citizen_client.post(url, {"reasons": "Far trenger tilbudet."})
    assert again.status_code == 422
    application.refresh_from_db()
    assert application.status == Status.APPEALED
    assert application.appeals.count() == 1
    assert "Klage mottatt" in citizen_client.get(detail_url(application)).content.decode()


def test_a_relative_without_the_right_to_copies_does_not_get_the_letter(
    client, citizen, day_activity, caseworker
):
    application = make_submitted(
        applicant=citizen,
        service_type=day_activity,
        on_behalf=True,
        relation="relative",
        basis="consent",
        applicant_may_receive_copies=False,
    )
    decision = _decide(application, caseworker)
    client.force_login(citizen, backend="django.contrib.auth.backends.ModelBackend")
    assert (
        client.get(f"/mine-soknader/{application.reference}/vedtak/{decision.pk}/").status_code
        == 404
    )
    body = client.get(detail_url(application)).content.decode()
    assert "Du får kopi bare når personen har sagt ja til det." in body


def test_status_changes_are_emailed_with_the_reference_and_a_link_only(
    application, caseworker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case_services.change_status(
            application=application, status=Status.RECEIVED, actor=caseworker
        )
        case_services.change_status(
            application=application, status=Status.UNDER_ASSESSMENT, actor=caseworker
        )
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert application.reference in message.subject
        assert f"/mine-soknader/{application.reference}/" in message.body
        assert application.person_national_id not in message.body + message.subject
        assert application.need_description not in message.body


def test_an_impossible_status_change_is_refused(application, caseworker):
    services.withdraw_application(application=application, user=application.applicant)
    with pytest.raises(case_services.ApplicationError):
        case_services.change_status(
            application=application, status=Status.UNDER_ASSESSMENT, actor=caseworker
        )


def test_a_file_missing_from_storage_is_not_found_and_logged_without_a_server_error(
    citizen_client, citizen, application, caplog
):
    attachment = services.add_attachment(application=application, uploaded=upload(), user=citizen)
    attachment.file.storage.delete(attachment.file.name)  # lost in a restore, say

    with caplog.at_level(logging.ERROR, logger="portal.documents.downloads"):
        response = citizen_client.get(
            f"/mine-soknader/{application.reference}/vedlegg/{attachment.public_id}/"
        )

    assert response.status_code == 404
    assert [record.getMessage() for record in caplog.records] == [
        f"Stored file missing: {attachment.file.name}"
    ]


@pytest.mark.parametrize("enabled", [False, True])
def test_the_list_mentions_id_porten_only_when_it_is_turned_on(
    citizen_client, application, settings, enabled
):
    settings.IDPORTEN_ENABLED = enabled
    body = citizen_client.get("/mine-soknader/").content.decode()
    assert ("ID-porten" in body) is enabled
    assert "Her ser du søknad" in body


@time_machine.travel("2026-11-27 10:00 +01:00", tick=False)
def test_the_appeal_deadline_on_the_page_moves_past_christmas(
    citizen_client, application, caseworker
):
    # Four weeks from Friday 27 November is Christmas Day; 26 and 27 December are a
    # Saturday and a Sunday, so the last day is Monday 28 December (domstolloven § 149).
    _decide(application, caseworker)
    body = citizen_client.get(detail_url(application)).content.decode()
    assert "Fristen er 4 uker, og siste dag er 28. desember 2026" in body
    appeal_page = citizen_client.get(
        f"/mine-soknader/{application.reference}/klage/"
    ).content.decode()
    assert "Siste dag å klage er <strong>28. desember 2026</strong>" in appeal_page
