"""Real concurrent transactions (PostgreSQL only): two caseworkers deciding the same
case at once record exactly one decision; the other gets a conflict."""

import pytest

from referrals.cases.models import Application, Decision
from referrals.casework.services import DecisionConflict
from tests.referrals.casework.factories import decide, make_caseworker, run_at_once, take

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


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


def test_two_approvals_at_once_issue_exactly_one_decision(world, day_activity, districts):
    """Four eyes: two colleagues press "approve" at the same moment; one wins."""
    from referrals.casework.models import DecisionProposal
    from referrals.casework.services import approve_decision, submit_decision_for_approval

    day_activity.requires_second_approval = True
    day_activity.save(update_fields=["requires_second_approval"])
    case = take(world.case, world.staff.north)
    third = make_caseworker(
        service_type=day_activity,
        district=districts.north,
        email="tredje@example.no",
        approver=True,
    )
    proposal = submit_decision_for_approval(
        application=case,
        actor=world.staff.north,
        outcome="refused",
        legal_basis="",
        facts="Fakta.",
        reasons="Begrunnelse.",
        decisions_seen=0,
    )

    def approver(user):
        def run():
            return approve_decision(
                proposal=DecisionProposal.objects.get(pk=proposal.pk), actor=user
            ).pk

        return run

    results, errors = run_at_once([approver(world.staff.north_colleague), approver(third)])
    assert len(results) == 1, errors
    assert len(errors) == 1 and "godkjenning" in str(errors[0].message), errors
    assert Decision.objects.filter(application=case).count() == 1
    assert case.events.filter(kind="decided").count() == 1
    proposal.refresh_from_db()
    assert proposal.status == DecisionProposal.Status.APPROVED
