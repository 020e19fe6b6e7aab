"""The demo's sessions (catalogue.demo.seed_demo_sessions): a course series and a full
session with a waiting list, once however often the demo is loaded."""

from catalogue.demo import seed_demo_sessions
from catalogue.participation import selectors
from catalogue.participation.models import Session, SignUp
from portal.demo import seed_users


def test_the_demo_has_a_course_series_and_a_full_session_with_a_queue(demo_catalogue):
    seed_users()
    seed_demo_sessions()
    seed_demo_sessions()
    course = Session.objects.filter(offer__slug="parorendeskole-demens")
    assert course.count() == 5
    assert len({s.series for s in course}) == 1
    assert all(s.whole_course for s in course)
    [choir] = selectors.sessions_with_places(Session.objects.get(offer__slug="minnekoret").offer_id)
    assert choir.is_full and choir.waiting == 2
    father = SignUp.objects.get(name="Per Datter")
    assert father.user.email == "parorende@example.no"
    assert selectors.waiting_position(father) == 2
