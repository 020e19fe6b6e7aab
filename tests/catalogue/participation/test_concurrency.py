"""Fifty people take the ten places of a session at the same moment, each on their own
database connection: exactly ten places, forty on the waiting list with positions 1 to
40 in the order they were served. PostgreSQL only: it needs real row locks and parallel
transactions (SQLite serialises every writer).

Whole courses the same way: twenty people take the five places of a four-week course
at once, starting from different sessions of it; and cancellations, new sign-ups and
the unit's change of places at once: no deadlock (the series is locked by pk), every
course's sign-ups share one status and the queue is the same on every session."""

import datetime

import pytest

from catalogue.participation import selectors, services, unit_services
from catalogue.participation.models import Session, SignUp
from tests.catalogue.factories import SessionFactory
from tests.catalogue.participation.courses import next_tuesday_evening
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


# --- whole courses ---------------------------------------------------------------------

COURSE_PEOPLE = 20
COURSE_PLACES = 5
COURSE_WEEKS = 4


def _course():
    session = SessionFactory(places=1)  # for its offer
    return services.create_series(
        session.offer,
        next_tuesday_evening(),
        COURSE_WEEKS,
        duration=datetime.timedelta(hours=2),
        places=COURSE_PLACES,
        whole_course=True,
    )


def _assert_courses_whole(sessions):
    """Every course's sign-ups share one status, and the queue is the same on every
    session: the same courses in the same order."""
    by_course: dict = {}
    for signup in SignUp.objects.filter(session__in=sessions):
        by_course.setdefault(signup.course, set()).add(signup.status)
    assert all(len(found) == 1 for found in by_course.values()), by_course
    queues = [
        list(
            SignUp.objects.filter(session=session, status=SignUp.Status.WAITING)
            .order_by("created_at", "pk")
            .values_list("course", flat=True)
        )
        for session in sessions
    ]
    assert all(queue == queues[0] for queue in queues)
    for session in sessions:
        assert selectors.taken_places(session) <= session.places


def test_twenty_course_sign_ups_at_once_for_five_places():
    if free_connections() < COURSE_PEOPLE + 10:
        pytest.skip(f"needs {COURSE_PEOPLE} concurrent PostgreSQL connections")
    sessions = _course()
    users = [UserFactory() for _ in range(COURSE_PEOPLE)]

    def sign_up(index):
        def run():
            # Each starts from another session of the course: the locks are taken in
            # one order all the same.
            chosen = sessions[index % COURSE_WEEKS]
            fresh = Session.objects.select_related("offer").get(pk=chosen.pk)
            person = services.SignUpData(name=f"Person {index}", phone="+4791234567")
            return services.sign_up(fresh, person, user=users[index])

        return run

    results, errors = run_at_once([sign_up(index) for index in range(COURSE_PEOPLE)])
    assert errors == [None] * COURSE_PEOPLE
    statuses = [signup.status for signup in results]
    assert statuses.count(SignUp.Status.CONFIRMED) == COURSE_PLACES
    assert statuses.count(SignUp.Status.WAITING) == COURSE_PEOPLE - COURSE_PLACES
    for session in sessions:
        assert selectors.taken_places(session) == COURSE_PLACES
        waiting = SignUp.objects.filter(session=session, status=SignUp.Status.WAITING)
        positions = sorted(selectors.waiting_position(signup) for signup in waiting)
        assert positions == list(range(1, COURSE_PEOPLE - COURSE_PLACES + 1))
    _assert_courses_whole(sessions)


def test_course_cancellations_sign_ups_and_the_units_changes_at_once_keep_courses_whole():
    if free_connections() < COURSE_PEOPLE + 10:
        pytest.skip(f"needs {COURSE_PEOPLE} concurrent PostgreSQL connections")
    sessions = _course()
    person = services.SignUpData(name="Først", phone="+4791234567")
    holders = [services.sign_up(sessions[0], person, user=UserFactory()) for _ in range(5)]
    users = [UserFactory() for _ in range(10)]

    def cancel(signup):
        return lambda: services.cancel(SignUp.objects.get(pk=signup.pk))

    def sign_up(index):
        def run():
            fresh = Session.objects.get(pk=sessions[-1 - index % COURSE_WEEKS].pk)
            data = services.SignUpData(name=f"Ny {index}", phone="+4791234567")
            return services.sign_up(fresh, data, user=users[index])

        return run

    def more_places():
        return unit_services.change_places(
            session=Session.objects.get(pk=sessions[2].pk), places=COURSE_PLACES + 2
        )

    jobs = [cancel(s) for s in holders[:3]] + [sign_up(i) for i in range(10)] + [more_places]
    results, errors = run_at_once(jobs)
    assert errors == [None] * len(jobs)
    _assert_courses_whole(sessions)
    # Three courses left: three places freed on every session, taken by whole courses
    # (the extra places on one session alone go to no one).
    for session in sessions:
        assert selectors.taken_places(session) == COURSE_PLACES
