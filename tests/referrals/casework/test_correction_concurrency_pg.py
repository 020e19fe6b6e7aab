"""Real concurrent transactions (PostgreSQL only): two caseworkers correcting the same
decision at once issue exactly one correction; the other gets a conflict."""

import pytest

from referrals.capacity.models import Allocation
from referrals.cases.models import Decision
from referrals.casework.services import DecisionConflict
from tests.referrals.casework.factories import correct, decide, run_at_once, take

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_corrections_at_once_issue_exactly_one(world):
    case = take(world.case, world.staff.north)
    old = decide(case, world.staff.north, offer=world.offer, weekdays=[1, 3])

    def corrector(user, weekdays):
        def run():
            # Both opened the form on the same decision before either corrected it.
            return correct(
                Decision.objects.get(pk=old.pk), user, weekdays=weekdays, decisions_seen=1
            ).pk

        return run

    results, errors = run_at_once(
        [corrector(world.staff.north, [1]), corrector(world.staff.north_colleague, [4])]
    )
    assert len(results) == 1, errors
    assert len(errors) == 1 and isinstance(errors[0], DecisionConflict), errors
    new = Decision.objects.get(replaces=old)
    assert Decision.objects.filter(application=case).count() == 2
    old.refresh_from_db()
    assert old.replaced_at == new.issued_at
    # The places follow the one correction that was issued, and only it.
    held = Allocation.objects.filter(application=case, ended_at__isnull=True)
    assert sorted(held.values_list("weekday", flat=True)) == sorted(new.content.weekdays)
    assert set(held.values_list("decision_id", flat=True)) == {new.pk}
