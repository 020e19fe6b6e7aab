"""The citizen's case page follows the case: no request banner after a decision, no
promised decision letter after a withdrawal, and the withdrawal is confirmed by e-mail
(no identity number), on the timeline and on the page."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from referrals.applications import services
from referrals.cases.models import Application, ApplicationEvent
from referrals.casework import services as casework
from tests.referrals.casework.factories import decide, take

BANNER = "Kommunen trenger opplysninger fra deg"
LETTER_PROMISE = "Vedtaksbrevet kommer her når det er klart."


def test_no_request_banner_once_the_case_is_decided(world, login):
    case = take(world.case, world.staff.north)
    casework.request_information(
        application=case,
        actor=world.staff.north,
        body="Hvilke dager passer?",
        reply_by=timezone.localdate() + timedelta(days=14),
    )
    client = login(world.citizen)
    assert BANNER in client.get(f"/mine-soknader/{case.reference}/").content.decode()
    decide(Application.objects.get(pk=case.pk), world.staff.north, outcome="refused")
    page = client.get(f"/mine-soknader/{case.reference}/").content.decode()
    assert BANNER not in page
    assert "Hvilke dager passer?" in page  # the message itself is still there


def test_a_withdrawal_is_confirmed_and_promises_no_decision(
    world, login, django_capture_on_commit_callbacks
):
    case = world.case
    client = login(world.citizen)
    assert LETTER_PROMISE in client.get(f"/mine-soknader/{case.reference}/").content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/mine-soknader/{case.reference}/trekk-tilbake/bekreft/")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Application.Status.WITHDRAWN

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Søknaden din er trukket tilbake" in message.subject
    assert "er trukket tilbake" in message.body and case.reference in message.body
    assert "det blir ikke fattet vedtak" in message.body
    assert case.person_national_id not in message.subject + message.body
    assert case.events.filter(kind=ApplicationEvent.Kind.WITHDRAWN, visible_to_citizen=True)

    page = client.get(f"/mine-soknader/{case.reference}/").content.decode()
    assert LETTER_PROMISE not in page
    assert "Søknaden er trukket tilbake, og det blir ikke fattet vedtak." in page
    assert "Søknaden ble trukket tilbake" in page  # the status text and the timeline
    assert BANNER not in page


def test_the_withdrawal_service_sends_the_confirmation(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_application(application=world.case, user=world.citizen)
    assert [m.subject for m in mail.outbox] == [
        f"Søknaden din er trukket tilbake – {world.case.reference}"
    ]


# --- the heading over the person's answers -------------------------------------------


def _pdf_text(response) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(
        io.BytesIO(
            b"".join(response.streaming_content if response.streaming else [response.content])
        )
    )
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_receipt_and_the_case_page_head_a_self_application_about_the_applicant(
    citizen_client, citizen, day_activity, login
):
    from tests.referrals.casework.factories import make_caseworker
    from tests.referrals.helpers import make_submitted

    own = make_submitted(applicant=citizen, service_type=day_activity)
    other = make_submitted(
        applicant=citizen,
        service_type=day_activity,
        on_behalf=True,
        person_name="Arne Hansen",
        relation="relative",
        basis="consent",
    )
    wrong = "Personen søknaden gjelder"
    own_pdf = _pdf_text(citizen_client.get(f"/mine-soknader/{own.reference}/soknad.pdf"))
    assert "Om deg" in own_pdf and wrong not in own_pdf
    other_pdf = _pdf_text(citizen_client.get(f"/mine-soknader/{other.reference}/soknad.pdf"))
    assert "Om Arne Hansen" in other_pdf
    own_page = citizen_client.get(f"/soknad/kvittering/{own.reference}/").content.decode()
    assert "Deg selv (Ola Nordmann)" in own_page
    detail = citizen_client.get(f"/mine-soknader/{own.reference}/").content.decode()
    assert "Om deg" in detail and wrong not in detail

    staff = login(make_caseworker(service_type=day_activity, email="dag@example.no"))
    case_page = staff.get(f"/saksbehandling/{own.reference}/").content.decode()
    assert ">Søkeren</h2>" in case_page and wrong not in case_page
    assert f">{wrong}</h2>" in staff.get(f"/saksbehandling/{other.reference}/").content.decode()
