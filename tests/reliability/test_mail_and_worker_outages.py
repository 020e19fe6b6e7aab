"""The mail server or the task worker is down while citizens submit: the application is
saved and the receipt shown; the e-mail waits in the task queue (retried with backoff
while the mail server is down) and goes out exactly once when things are back."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.tasks import MAX_ATTEMPTS, RETRY_DELAYS, EmailNotSent
from referrals.applications import services
from referrals.cases.models import Application
from tests.referrals.helpers import make_draft
from tests.reliability.helpers import logged_in, run_worker

# Inside the test's transaction (fast): the on-commit hook that enqueues the e-mail is
# run by ``django_capture_on_commit_callbacks`` where a real request would commit.
pytestmark = pytest.mark.django_db

READY = "READY"


@pytest.fixture
def citizen_client(citizen):
    return logged_in(citizen)


@pytest.fixture
def submit(django_capture_on_commit_callbacks):
    def submit_through_the_form(client, draft) -> Application:
        """The final POST of /soknad/ (and its commit), then the receipt page."""
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/soknad/{draft.public_id}/send/", {"confirmed_truthful": "on"})
        return check_receipt(client, draft, response)

    return submit_through_the_form


def check_receipt(client, draft, response) -> Application:
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED
    assert response.status_code == 302
    assert response.url == f"/soknad/kvittering/{draft.reference}/"
    receipt = client.get(response.url)
    assert receipt.status_code == 200
    assert draft.reference in receipt.content.decode()
    return draft


def queued():
    return DBTaskResult.objects.filter(status=READY)


def assert_nothing_personal_logged(caplog, application):
    for secret in (application.applicant.email, application.person_national_id):
        assert secret not in caplog.text
    for result in DBTaskResult.objects.all():
        assert application.applicant.email not in (result.traceback or "")


def test_mail_server_down_the_application_is_saved_and_the_retry_sends_exactly_one_email(
    citizen_client, citizen, day_activity, mail_server, database_tasks, submit, caplog
):
    mail_server.down = True
    draft = make_draft(applicant=citizen, service_type=day_activity)
    with caplog.at_level(logging.INFO, logger="portal.tasks"):
        application = submit(citizen_client, draft)
        assert queued().count() == 1

        run_worker()  # the first attempt meets the closed mail server
        assert mail_server.attempts == 1
        assert mail.outbox == []
        retry = queued().get()
        assert retry.args_kwargs["kwargs"]["attempt"] == 2
        wait = retry.run_after - timezone.now()
        assert timedelta(seconds=50) < wait <= RETRY_DELAYS[0]
        assert "not sent (attempt 1 of 5, ConnectionRefusedError)" in caplog.text

        run_worker()  # not due yet: nothing is tried
        assert mail_server.attempts == 1

        mail_server.down = False
        with time_machine.travel(retry.run_after + timedelta(seconds=1)):
            run_worker()
            run_worker()  # a second pass finds nothing left to send
    assert mail_server.attempts == 2
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [citizen.email]
    assert application.reference in mail.outbox[0].subject
    assert not queued().exists()
    assert_nothing_personal_logged(caplog, application)


def test_mail_server_down_for_good_is_given_up_after_the_last_attempt_and_logged(
    citizen, day_activity, mail_server, database_tasks, caplog, django_capture_on_commit_callbacks
):
    mail_server.down = True
    draft = make_draft(applicant=citizen, service_type=day_activity)
    with django_capture_on_commit_callbacks(execute=True):
        application = services.submit_application(
            application=draft, user=citizen, confirmed_truthful=True
        )
    with caplog.at_level(logging.INFO, logger="portal.tasks"):
        for _ in range(MAX_ATTEMPTS):
            due = queued().get().task.run_after or timezone.now()  # None: at once
            with time_machine.travel(due + timedelta(seconds=1)):
                run_worker()
    assert mail_server.attempts == MAX_ATTEMPTS
    assert not queued().exists()  # bounded: no sixth attempt
    # Backoff: attempt n + 1 was queued to run RETRY_DELAYS[n - 1] after attempt n.
    delays = {
        result.args_kwargs["kwargs"]["attempt"]: result.run_after - result.enqueued_at
        for result in DBTaskResult.objects.all()
        if result.args_kwargs["kwargs"].get("attempt")
    }
    assert sorted(delays) == list(range(2, MAX_ATTEMPTS + 1))
    for attempt, delay in delays.items():
        assert abs(delay - RETRY_DELAYS[attempt - 2]) < timedelta(seconds=5)
    last = DBTaskResult.objects.get(status="FAILED")
    assert last.exception_class_path == f"{EmailNotSent.__module__}.EmailNotSent"
    assert f"given up after {MAX_ATTEMPTS} attempt(s)" in caplog.text
    assert mail.outbox == []
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert_nothing_personal_logged(caplog, application)


def test_with_the_immediate_backend_a_mail_failure_is_logged_and_the_receipt_shown(
    citizen_client, citizen, day_activity, mail_server, submit, caplog
):
    """Development and the test settings run tasks at once and cannot defer a retry:
    the failure is logged (without the address) and the citizen still gets the receipt."""
    mail_server.down = True
    draft = make_draft(applicant=citizen, service_type=day_activity)
    with caplog.at_level(logging.INFO, logger="portal.tasks"):
        application = submit(citizen_client, draft)
    assert "given up after 1 attempt(s) (ConnectionRefusedError; the task backend" in caplog.text
    assert mail.outbox == []
    assert_nothing_personal_logged(caplog, application)


def test_worker_down_the_email_waits_in_the_queue_and_is_sent_once_by_the_worker(
    citizen_client, citizen, day_activity, mail_server, database_tasks, submit
):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    application = submit(citizen_client, draft)
    task = queued().get()
    assert task.task_path == "portal.tasks.send_email"
    assert mail.outbox == []  # no worker: nothing is sent

    run_worker()
    run_worker()  # a second run finds nothing left
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [citizen.email]
    assert application.reference in mail.outbox[0].subject
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
