"""Real concurrent transactions (PostgreSQL only): two caseworkers deciding the same
case at once record exactly one decision; the other gets a conflict."""

import threading

import pytest
from django.db import connection

from referrals.casework import DecisionConflict
from referrals.models import Application, Decision
from tests.referrals.casework.factories import decide, take

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


def test_two_caseworkers_deciding_at_once_record_exactly_one_decision(world):
    case = take(world.case, world.staff.north)

    def decider(user, outcome):
        def run():
            # Each opened the form before either decided: both saw no decision.
            return decide(
                Application.objects.get(pk=case.pk),
                user,
                outcome=outcome,
                offer=world.offer,
                decisions_seen=0,
            ).pk

        return run

    results, errors = run_at_once(
        [decider(world.staff.north, "granted"), decider(world.staff.north_colleague, "refused")]
    )
    assert len(results) == 1
    assert len(errors) == 1 and isinstance(errors[0], DecisionConflict), errors
    assert Decision.objects.filter(application=case).count() == 1
    case.refresh_from_db()
    assert case.status == Application.Status.DECIDED
    assert case.events.filter(kind="decided").count() == 1
