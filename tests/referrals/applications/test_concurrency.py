"""Real concurrent transactions (PostgreSQL only): a double submit and simultaneous
submissions never share or duplicate anything."""

import threading

import pytest
from django.db import connection

from referrals.applications import services
from referrals.cases.models import Application, ApplicationEvent
from tests.referrals.helpers import make_draft

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_at_once(functions):
    barrier = threading.Barrier(len(functions))
    results, errors = [], []

    def run(function):
        try:
            barrier.wait()
            results.append(function())
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(function,)) for function in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_two_submits_of_one_draft_at_once_create_one_application(citizen, day_activity):
    draft = make_draft(applicant=citizen, service_type=day_activity)

    def submit():
        return services.submit_application(
            application=Application.objects.get(pk=draft.pk), user=citizen, confirmed_truthful=True
        ).reference

    results, errors = run_at_once([submit] * 4)
    assert not errors
    assert len(set(results)) == 1
    assert Application.objects.count() == 1
    assert ApplicationEvent.objects.filter(kind=ApplicationEvent.Kind.SUBMITTED).count() == 1


def test_simultaneous_submissions_get_distinct_references(citizen, day_activity):
    drafts = [make_draft(applicant=citizen, service_type=day_activity) for _ in range(6)]

    def submitter(pk):
        return lambda: (
            services.submit_application(
                application=Application.objects.get(pk=pk), user=citizen, confirmed_truthful=True
            ).reference
        )

    results, errors = run_at_once([submitter(draft.pk) for draft in drafts])
    assert not errors
    assert len(set(results)) == 6
