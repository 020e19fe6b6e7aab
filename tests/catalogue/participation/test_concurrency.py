"""Fifty people take the ten places of a session at the same moment, each on their own
database connection: exactly ten places, forty on the waiting list with positions 1 to
40 in the order they were served. PostgreSQL only: it needs real row locks and parallel
transactions (SQLite serialises every writer)."""

import pytest

from catalogue.participation import selectors, services
from catalogue.participation.models import Session, SignUp
from tests.catalogue.factories import SessionFactory
from tests.factories import UserFactory
from tests.reliability.helpers import free_connections, run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE = 50
PLACES = 10


def test_fifty_sign_ups_at_once_for_ten_places():
    if free_connections() < PEOPLE + 10:
        pytest.skip(f"needs {PEOPLE} concurrent PostgreSQL connections")
    session = SessionFactory(places=PLACES)
    users = [UserFactory() for _ in range(PEOPLE)]

    def sign_up(index):
        def run():
            fresh = Session.objects.select_related("offer").get(pk=session.pk)
            person = services.SignUpData(name=f"Person {index}", phone="+4791234567")
            return services.sign_up(fresh, person, user=users[index])

        return run

    results, errors = run_at_once([sign_up(index) for index in range(PEOPLE)])
    assert errors == [None] * PEOPLE
    statuses = [signup.status for signup in results]
    assert statuses.count(SignUp.Status.CONFIRMED) == PLACES
    assert statuses.count(SignUp.Status.WAITING) == PEOPLE - PLACES
    waiting = SignUp.objects.filter(session=session, status=SignUp.Status.WAITING).order_by(
        "created_at", "pk"
    )
    positions = [selectors.waiting_position(signup) for signup in waiting]
    assert positions == list(range(1, PEOPLE - PLACES + 1))
    # Everyone confirmed was served before everyone waiting.
    confirmed = SignUp.objects.filter(session=session, status=SignUp.Status.CONFIRMED)
    assert max(s.created_at for s in confirmed) <= min(s.created_at for s in waiting)
    assert selectors.taken_places(session) == PLACES
