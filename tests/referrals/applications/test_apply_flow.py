"""The application at /soknad/ walked step by step, as the browser would post it."""

import io
import logging

import pytest
from django.core import mail
from pypdf import PdfReader

from referrals.cases.models import Application, ApplicationEvent
from tests.referrals.helpers import make_draft, national_id, upload

pytestmark = pytest.mark.django_db


def start(client, service_type, **query) -> Application:
    response = client.post("/soknad/", {"service_type": service_type.pk})
    assert response.status_code == 302
    application = Application.objects.latest("created_at")
    assert response.url == f"/soknad/{application.public_id}/hvem/"
    return application


def post_step(client, application, step, data, expect=302):
    response = client.post(f"/soknad/{application.public_id}/{step}/", {"action": "next", **data})
    assert response.status_code == expect, response.content.decode()[:2000]
    return response


def fill_for_myself(client, application, number):
    post_step(client, application, "hvem", {"on_behalf": "no"})
    response = post_step(
        client,
        application,
        "personen",
        {
            "person_name": "Kari Nordmann",
            "person_national_id": number,
            "person_language": "nb",
            "person_email": "kari@example.no",
            "person_address": "Storgata 1",
            "person_postcode": "0155",
            "person_place": "Oslo",
        },
    )
    # Step 4 (the applicant's own contact details) is skipped when applying for oneself.
    assert response.url.endswith("/behov/")
    post_step(
        client,
        application,
        "behov",
        {
            "wants": ["company", "physical"],
            "need_description": "Jeg er mye alene.",
            "transport_needed": "yes",
            "days": ["1", "3"],
        },
    )
    post_step(client, application, "tilbud", {})
    post_step(client, application, "vedlegg", {})


def test_visitors_are_told_how_to_log_in_and_keep_their_choice(
    client, day_activity, day_centre_offer
):
    response = client.get("/soknad/?service=dagaktivitet&offer=solsiden-dagsenter")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Søk om Dagaktivitetstilbud" in body
    assert "Solsiden dagsenter" in body
    assert (
        "/konto/logg-inn/?next=/soknad/%3Fservice%3Ddagaktivitet%26offer%3Dsolsiden-dagsenter"
        in body
    )
    assert client.post("/soknad/", {"service_type": day_activity.pk}).status_code == 302
    assert not Application.objects.exists()
    for url in ["/soknad/00000000-0000-0000-0000-000000000000/hvem/", "/mine-soknader/"]:
        assert client.get(url).url.startswith("/konto/logg-inn/")


@pytest.mark.urls("tests.referrals.urls")
def test_visitors_get_register_and_id_porten_links_when_available(client, day_activity, settings):
    settings.IDPORTEN_ENABLED = True
    body = client.get("/soknad/?service=dagaktivitet").content.decode()
    assert "/konto/registrer/?next=" in body
    assert "/konto/id-porten/?next=" in body


def test_the_catalogue_link_preselects_service_and_offer(
    citizen_client, day_activity, day_centre_offer
):
    response = citizen_client.get("/soknad/?service=dagaktivitet&offer=solsiden-dagsenter")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'value="{day_activity.pk}"' in body and "checked" in body
    assert f'name="offer" value="{day_centre_offer.pk}"' in body
    response = citizen_client.post(
        "/soknad/", {"service_type": day_activity.pk, "offer": [day_centre_offer.pk]}
    )
    application = Application.objects.get()
    assert list(application.preferred_offers.all()) == [day_centre_offer]


def test_a_citizen_applies_for_themselves_and_gets_a_receipt_pdf_and_an_email(
    citizen_client, citizen, day_activity, django_capture_on_commit_callbacks
):
    number = national_id()
    application = start(citizen_client, day_activity)
    fill_for_myself(citizen_client, application, number)

    review = citizen_client.get(f"/soknad/{application.public_id}/oppsummering/")
    body = review.content.decode()
    assert "Kari Nordmann" in body
    assert number[:6] + "*****" in body
    assert number not in body
    assert f"/soknad/{application.public_id}/personen/?fra=oppsummering" in body

    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(
            f"/soknad/{application.public_id}/send/", {"confirmed_truthful": "on"}
        )
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.reference.startswith(f"{application.submitted_at.year}-")
    assert response.url == f"/soknad/kvittering/{application.reference}/"

    receipt = citizen_client.get(response.url).content.decode()
    assert application.reference in receipt
    assert "Hva skjer nå?" in receipt
    assert "28 dager" in receipt

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kari@example.no"]
    assert application.reference in message.subject
    assert f"/mine-soknader/{application.reference}/" in message.body
    assert number not in message.body and number[:6] not in message.body
    assert "alene" not in message.body  # no health details

    pdf = citizen_client.get(f"/mine-soknader/{application.reference}/soknad.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert application.reference in text
    assert number[:6] + "*****" in text
    assert number not in text
    assert "Jeg er mye alene." in text


def test_a_daughter_applies_for_her_father_with_a_power_of_attorney(
    citizen_client, citizen, dementia_day_activity, django_capture_on_commit_callbacks
):
    application = start(citizen_client, dementia_day_activity)
    post_step(citizen_client, application, "hvem", {"on_behalf": "yes"})
    post_step(
        citizen_client,
        application,
        "grunnlag",
        {"relation": "power_of_attorney", "basis": "power_of_attorney"},
    )
    post_step(
        citizen_client,
        application,
        "grunnlag-detaljer",
        {
            "power_of_attorney_scope": "Søke om helse- og omsorgstjenester",
            "document": [upload("fullmakt.pdf")],
        },
    )
    father = national_id(born=__import__("datetime").date(1941, 2, 3))
    post_step(
        citizen_client,
        application,
        "personen",
        {
            "person_name": "Per Nordmann",
            "person_national_id": father,
            "person_language": "nn",
            "person_email": "per@example.no",
            "person_address": "Storgata 1",
            "person_postcode": "0155",
            "person_place": "Oslo",
        },
    )
    post_step(
        citizen_client,
        application,
        "kontakt",
        {
            "applicant_name": "Kari Nordmann",
            "applicant_email": "kari@example.no",
            "applicant_address": "Kirkeveien 2",
            "applicant_postcode": "5003",
            "applicant_place": "Bergen",
            "applicant_may_receive_copies": "on",
        },
    )
    response = citizen_client.get(f"/soknad/{application.public_id}/behov/")
    assert "Hvordan påvirker hukommelsen hverdagen?" in response.content.decode()
    post_step(
        citizen_client,
        application,
        "behov",
        {
            "wants": ["company", "respite"],
            "need_description": "Far er mye alene mens jeg er på jobb.",
            "transport_needed": "yes",
            "extra_dementia": "Demensdiagnose fra 2025.",
        },
    )
    post_step(citizen_client, application, "tilbud", {})
    post_step(citizen_client, application, "vedlegg", {})
    with django_capture_on_commit_callbacks(execute=True):
        citizen_client.post(f"/soknad/{application.public_id}/send/", {"confirmed_truthful": "on"})
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.on_behalf and application.relation == "power_of_attorney"
    assert application.attachments.get().kind == "power_of_attorney"
    assert application.extra_answers == {"dementia": "Demensdiagnose fra 2025."}
    # The daughter and her father each get the reference and a link.
    assert sorted(m.to[0] for m in mail.outbox) == ["kari@example.no", "per@example.no"]


def test_on_behalf_needs_a_relation_and_a_basis(citizen_client, day_activity):
    application = start(citizen_client, day_activity)
    post_step(citizen_client, application, "hvem", {"on_behalf": "yes"})
    response = post_step(citizen_client, application, "grunnlag", {}, expect=422)
    body = response.content.decode()
    assert "Velg hvilken relasjon du har til personen du søker for." in body
    assert "Velg grunnlaget for at du søker for personen." in body
    post_step(
        citizen_client, application, "grunnlag", {"relation": "relative", "basis": "cannot_consent"}
    )
    response = post_step(citizen_client, application, "grunnlag-detaljer", {}, expect=422)
    assert "Skriv kort hvorfor personen ikke kan samtykke." in response.content.decode()
    post_step(
        citizen_client, application, "grunnlag", {"relation": "guardian", "basis": "guardianship"}
    )
    response = post_step(citizen_client, application, "grunnlag-detaljer", {}, expect=422)
    assert "Last opp vergefullmakten" in response.content.decode()


def test_errors_keep_what_was_typed_and_the_upload(citizen_client, day_activity):
    application = start(citizen_client, day_activity)
    post_step(citizen_client, application, "hvem", {"on_behalf": "yes"})
    post_step(
        citizen_client,
        application,
        "grunnlag",
        {"relation": "power_of_attorney", "basis": "power_of_attorney"},
    )
    response = post_step(
        citizen_client,
        application,
        "grunnlag-detaljer",
        {"power_of_attorney_scope": "", "document": [upload("min-fullmakt.pdf")]},
        expect=422,
    )
    body = response.content.decode()
    assert "Skriv hva fullmakten gir deg rett til." in body
    assert "data-error-summary" in body
    # The file passed its checks and is kept: it shows on the page and need not be chosen again.
    assert "min-fullmakt.pdf" in body
    assert application.attachments.count() == 1

    response = post_step(
        citizen_client,
        application,
        "personen",
        {
            "person_name": "Ola Nordmann",
            "person_national_id": "15075012346",
            "person_language": "nb",
            "person_phone": "99 88 77 66",
        },
        expect=422,
    )
    body = response.content.decode()
    assert "Fødselsnummeret eller D-nummeret stemmer ikke" in body
    assert 'value="Ola Nordmann"' in body and 'value="99 88 77 66"' in body


def test_submit_refuses_an_incomplete_draft_and_names_the_steps(citizen_client, day_activity):
    application = start(citizen_client, day_activity)
    response = citizen_client.post(
        f"/soknad/{application.public_id}/send/", {"confirmed_truthful": "on"}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Søknaden mangler opplysninger" in body
    assert "/hvem/?fra=oppsummering" in body
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_submit_needs_the_confirmation(citizen_client, citizen, day_activity):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    response = citizen_client.post(f"/soknad/{draft.public_id}/send/", {})
    assert response.status_code == 422
    assert "Bekreft at opplysningene er riktige" in response.content.decode()


def test_a_double_submit_creates_one_application(
    citizen_client, citizen, day_activity, django_capture_on_commit_callbacks
):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    url = f"/soknad/{draft.public_id}/send/"
    with django_capture_on_commit_callbacks(execute=True):
        first = citizen_client.post(url, {"confirmed_truthful": "on"})
        second = citizen_client.post(url, {"confirmed_truthful": "on"})
    assert first.url == second.url
    assert Application.objects.count() == 1
    assert ApplicationEvent.objects.filter(kind=ApplicationEvent.Kind.SUBMITTED).count() == 1
    assert len(mail.outbox) == 1
    # Going back to a step of the sent application does not reopen it.
    back = citizen_client.get(f"/soknad/{draft.public_id}/behov/")
    assert back.status_code == 302 and back.url == first.url


def test_submit_and_delete_reject_get(citizen_client, citizen, day_activity):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    assert citizen_client.get(f"/soknad/{draft.public_id}/send/").status_code == 405
    assert citizen_client.get(f"/soknad/{draft.public_id}/slett/bekreft/").status_code == 405


def test_a_failing_mail_server_never_loses_the_application(
    citizen_client, citizen, day_activity, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from django.core.mail.backends import locmem

    def mail_server_down(self, messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", mail_server_down)
    draft = make_draft(applicant=citizen, service_type=day_activity)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(
            f"/soknad/{draft.public_id}/send/", {"confirmed_truthful": "on"}
        )
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED
    assert response.status_code == 302
    assert citizen_client.get(response.url).status_code == 200
    assert len(mail.outbox) == 0
    assert draft.person_national_id not in caplog.text


def test_a_failing_task_queue_never_loses_the_application(
    citizen_client, citizen, day_activity, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from portal import emails

    class QueueDown:
        def enqueue(self, **kwargs):
            raise ConnectionError("queue down")

    monkeypatch.setattr(emails, "send_email", QueueDown())
    draft = make_draft(applicant=citizen, service_type=day_activity)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(
            f"/soknad/{draft.public_id}/send/", {"confirmed_truthful": "on"}
        )
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED
    assert response.status_code == 302
    assert "Could not send or queue the e-mail" in caplog.text
    assert draft.person_national_id not in caplog.text


def test_a_double_click_on_start_makes_one_draft(citizen_client, day_activity):
    page = citizen_client.get("/soknad/").content.decode()
    import re

    token = re.search(r'name="start_token" value="([0-9a-f-]+)"', page).group(1)
    first = citizen_client.post("/soknad/", {"service_type": day_activity.pk, "start_token": token})
    second = citizen_client.post(
        "/soknad/", {"service_type": day_activity.pk, "start_token": token}
    )
    assert first.url == second.url
    assert Application.objects.count() == 1
