"""A check-in form sent twice at the same moment (a double click, two tabs) records one
answer; the other is told nothing is waiting, never a server error on the
one-answer-per-week rule. PostgreSQL only: it needs parallel transactions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from referrals.cases.services import ApplicationError
from referrals.matching import services
from referrals.matching.models import CheckIn, Match
from tests.referrals.matching.factories import make_helper, make_world
from tests.reliability.helpers import run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SENDS = 6


def test_a_check_in_sent_several_times_at_once_is_recorded_once():
    world = make_world()
    help_request = services.request_helper(
        application=world["application"],
        unit=world["unit"],
        description="En mann i 70-årene i Nord som liker fisking, 3 timer i uka.",
        by=world["coordinator"],
    )
    helper = make_helper(world["role"])
    match = services.propose(help_request=help_request, helper=helper, by=world["coordinator"])
    services.accept_by_helper(match=match, user=helper.user)
    services.accept_by_person(match=match, user=world["citizen"])
    Match.objects.filter(pk=match.pk).update(started_at=timezone.now() - timedelta(weeks=3))

    def send():
        fresh = Match.objects.get(pk=match.pk)
        return services.check_in(
            match=fresh, side=CheckIn.Side.HELPER, rating=4, text="Fint", user=helper.user
        )

    results, errors = run_at_once([send for _ in range(SENDS)])
    assert sum(result is not None for result in results) == 1
    assert sorted(type(error).__name__ for error in errors if error is not None) == [
        ApplicationError.__name__
    ] * (SENDS - 1)
    assert CheckIn.objects.filter(match=match).count() == 1
