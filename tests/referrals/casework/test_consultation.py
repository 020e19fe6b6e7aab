"""Consult another unit: a caseworker sends a note about the case to a unit; its
leaders get an e-mail with the reference and a link only, see the case as unit leaders
do today, and answer; the answer appears on the case, never to the citizen."""

import pytest
from django.core import mail
from django.test import Client

from referrals.cases.models import AccessLogEntry, Consultation
from tests.referrals.casework.factories import make_case, take
from tests.referrals.helpers import MODEL_BACKEND

QUESTION = "Har Månen plass til en med lett demens på onsdager?"


@pytest.fixture
def case(world):
    return take(world.case, world.staff.north)


@pytest.fixture
def consulted(world, login, units, case, django_capture_on_commit_callbacks):
    """Nora asks the Moon unit (whose leader could not see the case before)."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.staff.north).post(
            f"/saksbehandling/{case.reference}/drofting/",
            {"consult-unit": units.moon.pk, "consult-question": QUESTION},
        )
    assert response.status_code == 302
    return Consultation.objects.get(application=case)


def _client(user):
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def _answer_url(consultation):
    reference = consultation.application.reference
    return f"/saksbehandling/{reference}/drofting/{consultation.pk}/svar/"


def test_the_unit_leader_cannot_see_the_case_before_it_is_consulted(world, case):
    response = _client(world.staff.other_leader).get(f"/saksbehandling/{case.reference}/")
    assert response.status_code == 404


def test_the_unit_leaders_get_an_email_with_reference_and_link_only(world, consulted):
    case = consulted.application
    assert [m.to for m in mail.outbox] == [["maane@example.no"]]
    body = mail.outbox[0].body
    assert case.reference in body
    assert f"/saksbehandling/{case.reference}/" in body
    assert QUESTION not in body
    assert case.person_name not in body
    assert case.person_national_id not in body
    event = case.events.get(action="referrals.consultation.sent")
    assert event.data["unit"].startswith("Månen")
    assert not event.visible_to_citizen


def test_the_unit_leader_sees_a_limited_case_page_and_answers(world, consulted):
    case = consulted.application
    leader = _client(world.staff.other_leader)
    page = leader.get(f"/saksbehandling/{case.reference}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert QUESTION in html
    assert "Send svaret" in html
    assert "legeerklaering.pdf" not in html  # limited as for unit leaders today
    assert "Interne notater" not in html
    assert AccessLogEntry.objects.filter(
        user=world.staff.other_leader, action="view", reference=case.reference, allowed=True
    ).exists()

    response = leader.post(
        _answer_url(consulted), {f"answer-{consulted.pk}-answer": "Ja, fra mars."}
    )
    assert response.status_code == 302
    consulted.refresh_from_db()
    assert consulted.answer == "Ja, fra mars."
    assert consulted.answered_by == world.staff.other_leader
    assert AccessLogEntry.objects.filter(
        user=world.staff.other_leader, object_type="consultation", action="change", allowed=True
    ).exists()
    caseworker_page = _client(world.staff.north).get(f"/saksbehandling/{case.reference}/")
    assert "Ja, fra mars." in caseworker_page.content.decode()
    assert not case.events.get(action="referrals.consultation.answered").visible_to_citizen


def test_the_citizen_never_sees_the_consultation(world, consulted):
    leader = _client(world.staff.other_leader)
    leader.post(_answer_url(consulted), {f"answer-{consulted.pk}-answer": "Ja, fra mars."})
    html = (
        _client(world.citizen)
        .get(f"/mine-soknader/{consulted.application.reference}/")
        .content.decode()
    )
    assert QUESTION not in html
    assert "Ja, fra mars." not in html
    assert "Drøfting" not in html


def test_an_answer_is_required(world, consulted):
    response = _client(world.staff.other_leader).post(
        _answer_url(consulted), {f"answer-{consulted.pk}-answer": ""}
    )
    assert response.status_code == 422
    assert "Skriv svaret." in response.content.decode()


@pytest.mark.parametrize("who", ["leader", "north", "south", "admin"])
def test_only_a_leader_of_the_consulted_unit_can_answer(world, consulted, who):
    response = _client(getattr(world.staff, who)).post(
        _answer_url(consulted), {f"answer-{consulted.pk}-answer": "Nei"}
    )
    assert response.status_code == 404
    consulted.refresh_from_db()
    assert consulted.answered_at is None
    assert AccessLogEntry.objects.filter(
        user=getattr(world.staff, who), action="change", allowed=False
    ).exists()


def test_a_consultation_is_answered_once(world, consulted):
    leader = _client(world.staff.other_leader)
    leader.post(_answer_url(consulted), {f"answer-{consulted.pk}-answer": "Ja."})
    response = leader.post(_answer_url(consulted), {f"answer-{consulted.pk}-answer": "Nei."})
    assert response.status_code == 404
    consulted.refresh_from_db()
    assert consulted.answer == "Ja."


def test_a_consultation_on_another_case_is_a_404(world, consulted, day_activity, districts):
    other = make_case(applicant=world.citizen, service_type=day_activity, district=districts.north)
    url = f"/saksbehandling/{other.reference}/drofting/{consulted.pk}/svar/"
    response = _client(world.staff.other_leader).post(url, {f"answer-{consulted.pk}-answer": "Ja"})
    assert response.status_code == 404


def test_a_caseworker_outside_the_case_cannot_consult(world, units, case):
    response = _client(world.staff.south).post(
        f"/saksbehandling/{case.reference}/drofting/",
        {"consult-unit": units.moon.pk, "consult-question": QUESTION},
    )
    assert response.status_code == 404
    assert not Consultation.objects.exists()


def test_consulting_needs_a_unit_and_a_question(world, case):
    response = _client(world.staff.north).post(f"/saksbehandling/{case.reference}/drofting/", {})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Velg enheten du vil drøfte saken med." in html
    assert "Skriv hva du vil drøfte." in html


def test_the_assigned_caseworker_is_told_when_the_unit_answers(
    world, consulted, django_capture_on_commit_callbacks
):
    case = consulted.application
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(world.staff.other_leader).post(
            _answer_url(consulted), {f"answer-{consulted.pk}-answer": "Ja, fra mars."}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["nord@example.no"]]  # Nora has the case
    message = mail.outbox[0]
    assert case.reference in message.subject
    assert f"/saksbehandling/{case.reference}/" in message.body
    for secret in ("Ja, fra mars.", QUESTION, case.person_name, case.person_national_id):
        assert secret not in message.body


def test_nobody_is_told_when_nobody_has_the_case(
    world, consulted, django_capture_on_commit_callbacks
):
    from referrals.cases.models import Application

    Application.objects.filter(pk=consulted.application_id).update(caseworker=None)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _client(world.staff.other_leader).post(
            _answer_url(consulted), {f"answer-{consulted.pk}-answer": "Ja, fra mars."}
        )
    assert Consultation.objects.get(pk=consulted.pk).answered_at is not None
    assert mail.outbox == []


def test_the_answer_is_announced_on_the_case_page_until_the_case_is_decided(world, consulted):
    from tests.referrals.casework.factories import decide

    _client(world.staff.other_leader).post(
        _answer_url(consulted), {f"answer-{consulted.pk}-answer": "Ja, fra mars."}
    )
    case = consulted.application
    html = _client(world.staff.north).get(f"/saksbehandling/{case.reference}/").content.decode()
    assert "Nytt svar på drøfting" in html
    assert f'href="#drofting-{consulted.pk}"' in html
    decide(case, world.staff.north, outcome="refused")
    html = _client(world.staff.north).get(f"/saksbehandling/{case.reference}/").content.decode()
    assert "Nytt svar på drøfting" not in html
    assert "Ja, fra mars." in html  # the answer itself stays on the case
