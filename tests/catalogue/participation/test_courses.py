"""A whole course (``Session.whole_course``): signed up for as a whole, a place only when
every remaining session has one, one position in the queue, cancelled and promoted as a
whole; the sign-up page, Mine påmeldinger, the e-mail link, the calendar file and the
unit's form (catalogue.participation.services, views, ical, forms_unit)."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Offer
from catalogue.participation import reminders, selectors, services, unit_services
from catalogue.participation.models import Session, SignUp
from portal.roles import Role
from tests.catalogue.factories import OfferFactory, SignUpFactory, UnitFactory
from tests.catalogue.participation.courses import next_tuesday_evening
from tests.factories import UserFactory
from tests.factories import make_user as _make_user

pytestmark = pytest.mark.django_db
Status = SignUp.Status
WEEKS = 3


def make_course(
    places: int = 1, *, whole_course: bool = True, offer=None, **options
) -> list[Session]:
    offer = offer or OfferFactory(participation=Offer.Participation.SIGNUP)
    return services.create_series(
        offer,
        next_tuesday_evening(),
        WEEKS,
        duration=datetime.timedelta(hours=2),
        places=places,
        whole_course=whole_course,
        **options,
    )


def person(name: str) -> services.SignUpData:
    return services.SignUpData(
        name=name,
        phone="+4791234567",
        email=f"{name.split()[0].lower()}@eksempel.no",
        needs_meal=True,
        diet="Glutenfritt",
    )


def statuses(signup: SignUp) -> list[str]:
    return list(
        SignUp.objects.filter(course=signup.course)
        .order_by("session__starts_at")
        .values_list("status", flat=True)
    )


# --- services --------------------------------------------------------------------------


def test_a_course_sign_up_gets_a_place_on_every_session_with_the_same_needs(
    django_capture_on_commit_callbacks,
):
    sessions = make_course(places=1)
    with django_capture_on_commit_callbacks(execute=True):
        made = services.sign_up(sessions[1], person("Anne A"), user=UserFactory())
    signups = list(SignUp.objects.order_by("session__starts_at"))
    assert [s.session for s in signups] == sessions
    assert {s.course for s in signups} == {made.course} and made.course is not None
    assert all(s.status == Status.CONFIRMED and s.diet == "Glutenfritt" for s in signups)
    assert made.session == sessions[0]  # the first session's sign-up stands for the course
    assert len(mail.outbox) == 1  # one e-mail for the course, with every date
    assert "hele kurset" in mail.outbox[0].body
    assert made.token in mail.outbox[0].body


def test_the_whole_course_waits_when_one_session_is_full_with_one_position_everywhere():
    sessions = make_course(places=2)
    SignUpFactory(session=sessions[1])
    SignUpFactory(session=sessions[1])  # the second Tuesday is full, the others not
    first = services.sign_up(sessions[0], person("Anne A"), user=UserFactory())
    second = services.sign_up(sessions[0], person("Berit B"), user=UserFactory())
    assert statuses(first) == [Status.WAITING] * WEEKS
    assert statuses(second) == [Status.WAITING] * WEEKS
    for signup in SignUp.objects.filter(course=second.course):
        assert selectors.waiting_position(signup) == 2
    # Nobody took a place on the sessions that had room.
    assert selectors.taken_places(sessions[0]) == 0


def test_cancelling_a_course_frees_every_session_and_promotes_the_next_whole_course(
    django_capture_on_commit_callbacks,
):
    sessions = make_course(places=1)
    anne = services.sign_up(sessions[0], person("Anne A"), user=UserFactory())
    berit = services.sign_up(sessions[0], person("Berit B"), user=UserFactory())
    carl = services.sign_up(sessions[0], person("Carl C"), user=UserFactory())
    assert statuses(berit) == [Status.WAITING] * WEEKS
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(anne)
    assert statuses(anne) == [Status.CANCELLED] * WEEKS
    assert statuses(berit) == [Status.CONFIRMED] * WEEKS
    assert statuses(carl) == [Status.WAITING] * WEEKS
    for signup in SignUp.objects.filter(course=carl.course):
        assert selectors.waiting_position(signup) == 1
    assert [m.to for m in mail.outbox] == [["berit@eksempel.no"]]  # told once


def test_one_sessions_place_of_a_course_never_goes_to_someone_alone():
    sessions = make_course(places=1)
    anne = services.sign_up(sessions[0], person("Anne A"), user=UserFactory())
    berit = services.sign_up(sessions[0], person("Berit B"), user=UserFactory())
    # The unit takes Anne off the second Tuesday only: that place stays free.
    second = SignUp.objects.get(course=anne.course, session=sessions[1])
    services.cancel(second, by_staff=True)
    assert statuses(anne) == [Status.CONFIRMED, Status.CANCELLED, Status.CONFIRMED]
    assert statuses(berit) == [Status.WAITING] * WEEKS
    # More places on one session only: still no place for the course.
    unit_services.change_places(session=sessions[2], places=3)
    assert services.fill_free_places(sessions[1]) == []
    assert statuses(berit) == [Status.WAITING] * WEEKS


def test_an_anonymous_course_sign_up_is_confirmed_whole_by_one_link(
    django_capture_on_commit_callbacks,
):
    sessions = make_course(places=5)
    with django_capture_on_commit_callbacks(execute=True):
        pending = services.sign_up(sessions[0], person("Eva E"))
    assert statuses(pending) == [Status.PENDING_EMAIL] * WEEKS
    assert len(mail.outbox) == 1 and pending.token in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.confirm_email(pending)
    assert statuses(pending) == [Status.CONFIRMED] * WEEKS
    assert len(mail.outbox) == 2 and confirmed.token in mail.outbox[1].body
    assert services.confirm_email(confirmed).status == Status.CONFIRMED


def test_a_course_begun_signs_up_for_the_sessions_left():
    sessions = make_course(places=5)
    Session.objects.filter(pk=sessions[0].pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=7),
        ends_at=timezone.now() - datetime.timedelta(days=7) + datetime.timedelta(hours=2),
    )
    made = services.sign_up(sessions[2], person("Anne A"), user=UserFactory())
    assert [s.session_id for s in SignUp.objects.filter(course=made.course)] == [
        sessions[1].pk,
        sessions[2].pk,
    ]


def test_an_offered_course_place_is_accepted_or_lapses_as_a_whole():
    sessions = make_course(places=1, confirm_within_hours=24)
    anne = services.sign_up(sessions[0], person("Anne A"), user=UserFactory())
    berit = services.sign_up(sessions[0], person("Berit B"), user=UserFactory())
    carl = services.sign_up(sessions[0], person("Carl C"), user=UserFactory())
    services.cancel(anne)
    assert statuses(berit) == [Status.OFFERED] * WEEKS
    deadlines = {s.offer_expires_at for s in SignUp.objects.filter(course=berit.course)}
    assert len(deadlines) == 1
    services.expire_offers(now=deadlines.pop() + datetime.timedelta(minutes=1))
    assert statuses(berit) == [Status.CANCELLED] * WEEKS
    assert statuses(carl) == [Status.OFFERED] * WEEKS
    services.accept_offer(SignUp.objects.get(course=carl.course, session=sessions[2]))
    assert statuses(carl) == [Status.CONFIRMED] * WEEKS


def test_the_unit_moving_a_course_from_the_queue_moves_every_session():
    sessions = make_course(places=1)
    services.sign_up(sessions[0], person("Anne A"), user=UserFactory())
    berit = services.sign_up(sessions[0], person("Berit B"), user=UserFactory())
    services.move_from_waiting_list(SignUp.objects.get(course=berit.course, session=sessions[1]))
    assert statuses(berit) == [Status.CONFIRMED] * WEEKS


def test_a_series_not_taken_as_a_whole_still_signs_up_per_session():
    sessions = make_course(places=1, whole_course=False)
    made = services.sign_up(sessions[1], person("Anne A"), user=UserFactory())
    assert made.course is None
    assert SignUp.objects.get().session == sessions[1]


def test_reminders_go_per_session(django_capture_on_commit_callbacks):
    sessions = make_course(places=2)
    services.sign_up(sessions[0], person("Anne A"), user=UserFactory())
    mail.outbox.clear()
    day_before_second = sessions[1].starts_at - datetime.timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_reminders(day_before_second) == 1
    reminded = SignUp.objects.exclude(reminded_at=None).get()
    assert reminded.session == sessions[1]


# --- the unit's form -----------------------------------------------------------------------


@pytest.fixture
def leader_client(client):
    unit = UnitFactory()
    offer = OfferFactory(unit=unit, participation=Offer.Participation.SIGNUP)
    leader = _make_user(Role.UNIT_LEADER, email="leder@eksempel.no", full_name="Lene Leder")
    leader.save()
    leader.units.add(unit)
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    client.offer = offer
    return client


def session_form(weeks: str, **extra) -> dict:
    return {
        "day": timezone.localtime(next_tuesday_evening()).date().isoformat(),
        "starts": "18:00",
        "ends": "20:00",
        "weeks": weeks,
        "places": "8",
        "cancel_deadline_hours": "24",
        **extra,
    }


def test_the_unit_creates_a_course_taken_as_a_whole(leader_client):
    offer = leader_client.offer
    create = reverse("catalogue:staff_session_create", kwargs={"slug": offer.slug})
    assert "Påmelding gjelder hele kurset" in leader_client.get(create).text
    response = leader_client.post(create, session_form("8", whole_course="on"))
    assert response.status_code == 302
    sessions = Session.objects.filter(offer=offer)
    assert sessions.count() == 8 and all(s.whole_course for s in sessions)
    assert len({s.series for s in sessions}) == 1


def test_a_single_session_cannot_be_a_whole_course(leader_client):
    offer = leader_client.offer
    create = reverse("catalogue:staff_session_create", kwargs={"slug": offer.slug})
    response = leader_client.post(create, session_form("1", whole_course="on"))
    assert response.status_code == 422
    assert "Et kurs har mer enn én uke" in response.text
    assert not Session.objects.exists()


# --- the citizen's pages -------------------------------------------------------------------


def form_data(session, **extra) -> dict:
    return {
        "session": session.pk,
        "for_whom": "self",
        "name": "Per Hansen",
        "phone": "912 34 567",
        "email": "per@eksempel.no",
        **extra,
    }


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_sign_up_page_offers_the_course_as_one_choice_and_stays_cached(
    empty_cache, django_capture_on_commit_callbacks
):
    sessions = make_course(places=3)
    url = reverse("catalogue:signup", kwargs={"slug": sessions[0].offer.slug})
    page = Client().get(url)
    assert page.status_code == 200
    assert re.findall(r'name="session" value="(\d+)"', page.text) == [str(sessions[0].pk)]
    assert "Kurs: 3 tirsdager fra" in page.text
    assert "3 ledige plasser" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up(sessions[0], person("Anne A"), user=UserFactory())
    # A hit: the page as stored, with the free places after Anne's sign-up.
    assert "2 ledige plasser" in Client().get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        SignUpFactory(session=sessions[2])  # the last Tuesday now has one place left
        services.touch_places(sessions[0].offer_id)
    # The course has the fewest free places of any of its sessions.
    assert "1 ledig plass" in Client().get(url).text


def test_a_logged_in_citizen_signs_up_for_the_course_sees_it_once_and_cancels_it(
    client, login, citizen, django_capture_on_commit_callbacks
):
    sessions = make_course(places=2)
    login(citizen)
    url = reverse("catalogue:signup", kwargs={"slug": sessions[0].offer.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(sessions[0]), follow=True)
    assert "Per Hansen er påmeldt hele kurset." in response.text
    signups = SignUp.objects.filter(user=citizen)
    assert signups.count() == WEEKS and {s.status for s in signups} == {Status.CONFIRMED}
    mine = client.get(reverse("catalogue:my_signups"))
    assert mine.text.count('class="ds-card"') == 1
    assert "Kurs: 3 tirsdager fra" in mine.text
    assert "Påmeldingen gjelder hele kurset." in mine.text
    lead = signups.order_by("session__starts_at").first()
    ics = client.get(reverse("catalogue:my_signup_ics", kwargs={"pk": lead.pk}))
    assert ics.content.count(b"BEGIN:VEVENT") == WEEKS
    for session in sessions:
        assert f"catalogue-session-{session.pk}@".encode() in ics.content
    # Any of the course's sign-ups stands for the course.
    later = signups.get(session=sessions[2])
    client.post(reverse("catalogue:my_signup", kwargs={"pk": later.pk}), {"action": "cancel"})
    assert set(signups.values_list("status", flat=True)) == {Status.CANCELLED}
    assert 'class="ds-card"' not in client.get(reverse("catalogue:my_signups")).text


def test_an_anonymous_course_sign_up_is_confirmed_by_the_one_link(
    client, django_capture_on_commit_callbacks
):
    sessions = make_course(places=2)
    url = reverse("catalogue:signup", kwargs={"slug": sessions[0].offer.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(sessions[0]))
    assert response.status_code == 302
    assert set(SignUp.objects.values_list("status", flat=True)) == {Status.PENDING_EMAIL}
    link = re.search(r"/mine-pameldinger/lenke/[^/\s]+/", mail.outbox[0].body)[0]
    page = client.get(link)
    assert "Kurs: 3 tirsdager fra" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"action": "confirm"})
    assert set(SignUp.objects.values_list("status", flat=True)) == {Status.CONFIRMED}
    new_link = re.search(r"/mine-pameldinger/lenke/[^/\s]+/", mail.outbox[1].body)[0]
    ics = client.get(new_link + "kalender.ics")
    assert ics.content.count(b"BEGIN:VEVENT") == WEEKS


def test_the_offer_page_shows_the_course_as_one_entry(empty_cache):
    sessions = make_course(places=4)
    SignUpFactory(session=sessions[1])
    page = Client().get(sessions[0].offer.get_absolute_url())
    assert page.status_code == 200
    assert page.text.count("Kurs: 3 tirsdager fra") == 1
    assert "3 ledige plasser" in page.text and "4 ledige plasser" not in page.text


def test_the_units_pages_mark_a_whole_course(leader_client):
    offer = leader_client.offer
    sessions = make_course(places=2, offer=offer)
    participants = leader_client.get(
        reverse("catalogue:staff_participants", kwargs={"slug": offer.slug})
    )
    assert participants.text.count("Hele kurset") == WEEKS
    page = leader_client.get(
        reverse("catalogue:staff_session", kwargs={"slug": offer.slug, "pk": sessions[0].pk})
    )
    assert "Påmeldingen gjelder hele kurset" in page.text
