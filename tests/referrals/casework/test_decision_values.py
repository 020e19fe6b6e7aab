"""The values a caseworker decides are read one way for a decision, a correction and a
proposal (``casework.DecisionValues``): what only a grant has is dropped for any other
outcome, and an unknown value is refused before anything is stored."""

import pytest

from referrals.cases.models import Decision, DecisionContent
from referrals.casework import services as casework
from referrals.casework.models import DecisionProposal
from tests.referrals.casework.factories import decide, take


def test_a_refusal_keeps_none_of_a_grants_values(world, day_activity):
    take(world.case, world.staff.north)
    decision = decide(world.case, world.staff.north, outcome=Decision.Outcome.REFUSED)
    content = DecisionContent.objects.get(decision=decision)
    assert (content.offer, content.weekdays, content.hours) == (None, [], "")
    assert (content.start_date, content.review_date) == (None, None)
    assert (content.transport, content.meals, content.egenandel) == (False, False, "")
    assert content.facts == "Søkeren bor alene og har lite nettverk."


def test_a_proposal_is_read_the_same_way(world, day_activity):
    take(world.case, world.staff.north)
    proposal = casework.submit_decision_for_approval(
        application=world.case,
        actor=world.staff.north,
        decisions_seen=0,
        outcome=Decision.Outcome.REFUSED,
        legal_basis="Helse- og omsorgstjenesteloven § 3-2",
        facts="Fakta.",
        reasons="Begrunnelse.",
        weekdays=[3, 1],
        hours="09.00–15.00",
        transport=True,
    )
    proposal.refresh_from_db()
    assert (proposal.weekdays, proposal.hours, proposal.transport) == ([], "", False)
    assert proposal.status == DecisionProposal.Status.AWAITING


def test_an_unknown_value_is_refused_and_nothing_is_stored(world, day_activity):
    take(world.case, world.staff.north)
    with pytest.raises(TypeError, match="colour"):
        decide(world.case, world.staff.north, colour="red")
    assert not Decision.objects.filter(application=world.case).exists()
