"""Two hundred "send" clicks at once on the last page of /soknad/: ninety citizens'
double clicks and one impatient citizen clicking twenty times, all through the real
view. Every click gets the receipt, no application is duplicated, and each citizen gets
one e-mail, sent once even with three task workers competing. PostgreSQL only: it needs
row locks and parallel transactions."""

import queue
import threading

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django_tasks_db.models import DBTaskResult

from portal.roles import Role
from referrals.cases.models import Application, ApplicationEvent
from tests.referrals.helpers import make_draft, make_user
from tests.reliability.helpers import logged_in, run_at_once, run_worker

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# Requests in flight at once, like an app server's worker pool: each holds one
# PostgreSQL connection, and the server (max_connections, usually 100) is shared with
# other test runs. The clicks on one draft are always in flight together.
IN_FLIGHT = 40
CLICKS = [20] + [2] * 90  # per draft: 200 clicks on 91 drafts
CITIZENS = 13


def click_in_groups(groups, *, threads: int = IN_FLIGHT, timeout: float = 120):
    """``groups`` is a list of lists of functions. The functions of one group run at
    the same moment (a barrier); at most ``threads`` run at once. Returns the results
    and errors per function, in the same nesting."""
    assert max(len(group) for group in groups) <= threads
    jobs: queue.Queue = queue.Queue()
    results = [[None] * len(group) for group in groups]
    errors = [[None] * len(group) for group in groups]
    for g, group in enumerate(groups):
        barrier = threading.Barrier(len(group))
        for i, function in enumerate(group):
            jobs.put((g, i, barrier, function))

    def worker():
        # Jobs are taken in order, so a group's members are taken one after another and
        # a waiting member's partners are always next in the queue: no deadlock.
        try:
            while True:
                try:
                    g, i, barrier, function = jobs.get_nowait()
                except queue.Empty:
                    return
                try:
                    barrier.wait(timeout=timeout)
                    results[g][i] = function()
                except Exception as error:  # noqa: BLE001 - collected and asserted below
                    errors[g][i] = error
        finally:
            connection.close()

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in pool), "a request did not finish in time"
    return results, errors


def test_two_hundred_send_clicks_at_once_make_one_application_per_draft(
    connection_budget, day_activity, mail_server, database_tasks
):
    connection_budget(IN_FLIGHT + 3)
    citizens = [
        make_user(Role.CITIZEN, email=f"innbygger{n}@example.no", full_name=f"Innbygger {n}")
        for n in range(CITIZENS)
    ]
    sessions = [
        logged_in(citizen).cookies[settings.SESSION_COOKIE_NAME].value for citizen in citizens
    ]
    drafts = [
        make_draft(applicant=citizens[n % CITIZENS], service_type=day_activity)
        for n in range(len(CLICKS))
    ]

    def click(n):
        def send():
            # The same browser (session cookie) as the citizen's other clicks.
            browser = Client()
            browser.cookies[settings.SESSION_COOKIE_NAME] = sessions[n % CITIZENS]
            response = browser.post(
                f"/soknad/{drafts[n].public_id}/send/", {"confirmed_truthful": "on"}
            )
            # Where the browser goes next.
            receipt = browser.get(response.url) if response.status_code == 302 else None
            return response, receipt

        return send

    results, errors = click_in_groups([[click(n)] * clicks for n, clicks in enumerate(CLICKS)])

    assert not any(e for group in errors for e in group), errors  # no 500s
    assert sum(len(group) for group in results) == 200
    for draft, group in zip(drafts, results, strict=True):
        draft.refresh_from_db()
        assert draft.status == Application.Status.SUBMITTED
        for response, receipt in group:
            assert response.status_code == 302
            assert response.url == f"/soknad/kvittering/{draft.reference}/"
            assert receipt.status_code == 200
            assert draft.reference in receipt.text

    # No duplicates: one application and one "submitted" event per draft, each with its
    # own reference.
    assert Application.objects.count() == len(CLICKS)
    references = set(Application.objects.values_list("reference", flat=True))
    assert len(references) == len(CLICKS)
    assert ApplicationEvent.objects.filter(kind=ApplicationEvent.Kind.SUBMITTED).count() == len(
        CLICKS
    )

    # One e-mail per application, queued once; three workers racing send each once.
    assert DBTaskResult.objects.filter(status="READY").count() == len(CLICKS)
    _, worker_errors = run_at_once([run_worker] * 3)
    assert not any(worker_errors), worker_errors
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert len(mail.outbox) == len(CLICKS)
    assert {m.subject.rsplit(" ", 1)[-1] for m in mail.outbox} == references
