"""Issue #6: the PDF renderer failing must not lose a decision. The decision and its
content are saved with the letter pending, the caseworker gets a normal page, the citizen
hears nothing until the letter exists; a task renders and freezes it later (retried with
a growing delay, a bounded number of times) and ``retry_pending_letters`` queues it again."""

import hashlib
import io
import logging
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import formats, timezone, translation
from pypdf import PdfReader

from referrals.cases.models import Application, Decision, DecisionContent
from referrals.letters import tasks as tasks_letters
from tests.referrals.casework.factories import (
    decide,
    decision_form_data,
    make_case,
    make_caseworker,
    make_day_centre,
    take,
)
from tests.reliability.helpers import logged_in, run_worker

pytestmark = pytest.mark.django_db(transaction=True)

BROKEN = "referrals.letters.rendering.render_pdf"


def _broken_renderer():
    return mock.patch(BROKEN, side_effect=OSError("WeasyPrint: cannot load fonts"))


@pytest.fixture
def scene(day_activity, citizen):
    district, offer = make_day_centre(day_activity, capacity_per_day=10)
    caseworker = make_caseworker(
        service_type=day_activity,
        district=district,
        email="nord@example.no",
        full_name="Nora Nord",
    )
    case = make_case(
        applicant=citizen,
        service_type=day_activity,
        district=district,
        offers=[offer],
        person_name="Ola Nordmann",
    )
    take(case, caseworker)
    mail.outbox.clear()
    return case, caseworker, offer


def _text(decision) -> str:
    with decision.letter.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    return " ".join("\n".join(page.extract_text() for page in reader.pages).split())


def test_a_failing_renderer_keeps_the_decision_and_the_retry_produces_the_letter(scene, citizen):
    case, caseworker, offer = scene
    client = logged_in(caseworker)
    with _broken_renderer() as renderer:
        response = client.post(
            f"/saksbehandling/{case.reference}/vedtak/",
            decision_form_data(
                case,
                decisions_seen=0,
                facts="Ola bor alene.",
                reasons="Dagaktivitet gir fellesskap.",
                offer=offer.pk,
                transport=None,
                meals=None,
                egenandel="",
            ),
        )
        assert response.status_code == 302
        page = client.get(response["Location"])
        # Tried when issuing, and once more by the task queued on commit.
        assert renderer.call_count == 2
    assert page.status_code == 200
    assert "Brevet kunne ikke lages akkurat nå og lages om kort tid." in page.content.decode()

    decision = Decision.objects.get(application=case)
    assert decision.letter_pending
    assert not decision.letter and decision.letter_sha256 == ""
    assert decision.letter_attempts == 1
    assert DecisionContent.objects.get(decision=decision).facts == "Ola bor alene."
    assert Application.objects.get(pk=case.pk).status == Application.Status.DECIDED
    assert decision.allocations.count() == 2
    assert mail.outbox == []  # the citizen hears nothing before the letter exists
    citizen_client = logged_in(citizen)
    mine = citizen_client.get(f"/mine-soknader/{case.reference}/").content.decode()
    assert "Brevet kommer snart." in mine
    assert (
        citizen_client.get(f"/mine-soknader/{case.reference}/vedtak/{decision.pk}/").status_code
        == 404
    )

    # The renderer was down for three days; the letter still states the issue date.
    issued = timezone.now() - timedelta(days=3)
    Decision.objects.filter(pk=decision.pk).update(issued_at=issued)
    call_command("retry_pending_letters", stdout=io.StringIO())
    decision.refresh_from_db()
    assert not decision.letter_pending
    with decision.letter.open("rb") as file:
        assert hashlib.sha256(file.read()).hexdigest() == decision.letter_sha256
    text = _text(decision)
    with translation.override("nb"):
        day = formats.date_format(timezone.localdate(issued), "j. F Y")
        deadline = formats.date_format(decision.appeal_deadline, "j. F Y")
    assert f"Dato: {day}" in text
    assert deadline in text
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [citizen.email]
    assert case.reference in mail.outbox[0].subject
    assert (
        "Les vedtaksbrevet (PDF)"
        in citizen_client.get(f"/mine-soknader/{case.reference}/").content.decode()
    )

    # Queued again (or twice): nothing changes, nobody is notified twice.
    sha = decision.letter_sha256
    call_command("retry_pending_letters", stdout=io.StringIO())
    tasks_letters.render_pending_letter.call(decision_id=decision.pk)
    decision.refresh_from_db()
    assert decision.letter_sha256 == sha
    assert len(mail.outbox) == 1


def test_a_failed_attempt_is_retried_later_and_then_given_up_and_logged(
    scene, database_tasks, caplog
):
    from django_tasks_db.models import DBTaskResult

    case, caseworker, offer = scene
    with _broken_renderer():
        decision = decide(case, caseworker, offer=offer, decisions_seen=0)
        assert decision.letter_pending
        letter_tasks = DBTaskResult.objects.filter(task_path__endswith="render_pending_letter")
        assert letter_tasks.count() == 1  # queued on commit
        before = timezone.now()
        run_worker()  # the first attempt fails too
        decision.refresh_from_db()
        assert decision.letter_attempts == 1
        retry = letter_tasks.filter(status="READY").get()
        # Not now: after the first back-off step.
        assert retry.run_after >= before + tasks_letters.retry_delay(1)
        run_worker()  # not due yet: nothing is tried
        decision.refresh_from_db()
        assert decision.letter_attempts == 1

        # The last allowed attempt fails: no new retry, an error for operations.
        Decision.objects.filter(pk=decision.pk).update(
            letter_attempts=tasks_letters.MAX_ATTEMPTS - 1
        )
        letter_tasks.delete()
        with caplog.at_level(logging.ERROR, logger="referrals.letters.tasks"):
            tasks_letters.render_pending_letter.call(decision_id=decision.pk)
        assert not letter_tasks.exists()
        assert "retry_pending_letters" in caplog.text
        assert case.person_national_id not in caplog.text
    decision.refresh_from_db()
    assert decision.letter_pending and decision.letter_attempts == tasks_letters.MAX_ATTEMPTS
    assert mail.outbox == []

    # Operations fixed the renderer: the command gives the letter a new round.
    call_command("retry_pending_letters", stdout=io.StringIO())
    decision.refresh_from_db()
    assert decision.letter_attempts == 0
    run_worker()  # renders the letter and queues the e-mail
    run_worker()  # sends the e-mail
    decision.refresh_from_db()
    assert not decision.letter_pending and len(decision.letter_sha256) == 64
    assert len(mail.outbox) == 1


def test_the_retry_delay_grows():
    delays = [tasks_letters.retry_delay(n) for n in range(1, tasks_letters.MAX_ATTEMPTS + 2)]
    assert delays == sorted(delays)
    assert delays[0] < delays[-1]
