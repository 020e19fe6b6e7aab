"""Sign-up, the waiting list and its queue, cancelling, offered places and their time
limit, series (catalogue.participation.services)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from catalogue.participation import selectors, services
from catalogue.participation.models import Session, SignUp
from tests.catalogue.factories import OfferFactory, SessionFactory, SignUpFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = SignUp.Status


def data(name: str = "Ola Nordmann", **extra) -> services.SignUpData:
    return services.SignUpData(
        name=name, phone="+4791234567", email=f"{name.split()[0].lower()}@eksempel.no", **extra
    )


def test_a_free_place_is_confirmed_and_the_full_session_puts_people_in_the_queue(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory(places=2)
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.sign_up(session, data("Anne A"), user=user)
        second = services.sign_up(session, data("Berit B"), user=user)
        third = services.sign_up(session, data("Carl C"), user=user)
        fourth = services.sign_up(session, data("Dag D"), user=user)
    assert [s.status for s in (first, second, third, fourth)] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITING,
        Status.WAITING,
    ]
    assert selectors.waiting_position(third) == 1
    assert selectors.waiting_position(fourth) == 2
    assert selectors.waiting_position(first) is None
    subjects = [m.subject for m in mail.outbox]
    assert subjects[0].startswith("Påmeldt")
    assert subjects[2].startswith("Venteliste")
    assert "plass 2" in mail.outbox[3].body
    assert first.token and SignUp.hash_token(first.token) == first.token_hash


def test_without_an_account_the_sign_up_waits_for_the_e_mail_link(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory(places=1)
    with django_capture_on_commit_callbacks(execute=True):
        pending = services.sign_up(session, data("Eva E"))
    assert pending.status == Status.PENDING_EMAIL
    assert selectors.taken_places(session) == 0
    assert pending.token in mail.outbox[0].body
    assert "fødselsnummer" not in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.confirm_email(pending)
    assert confirmed.status == Status.CONFIRMED
    # A new link in the new e-mail; the first one no longer works.
    assert confirmed.token in mail.outbox[1].body
    assert confirmed.token != pending.token
    assert services.confirm_email(confirmed).status == Status.CONFIRMED


def test_cancelling_gives_the_place_to_the_first_in_the_queue_and_tells_them(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory(places=1)
    taken = SignUpFactory(session=session)
    first = SignUpFactory(session=session, status=Status.WAITING, email="first@eksempel.no")
    second = SignUpFactory(session=session, status=Status.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(taken)
    first.refresh_from_db()
    second.refresh_from_db()
    taken.refresh_from_db()
    assert taken.status == Status.CANCELLED
    assert first.status == Status.CONFIRMED
    assert selectors.waiting_position(second) == 1
    assert [m.to for m in mail.outbox] == [["first@eksempel.no"]]
    assert "har fått plass" in mail.outbox[0].body


def test_a_place_cannot_be_given_up_online_after_the_deadline_but_the_queue_can():
    session = SessionFactory(
        places=1,
        starts_at=timezone.now() + datetime.timedelta(hours=5),
        cancel_deadline_hours=24,
    )
    taken = SignUpFactory(session=session)
    waiting = SignUpFactory(session=session, status=Status.WAITING)
    with pytest.raises(services.CancelTooLate):
        services.cancel(taken)
    assert services.cancel(waiting).status == Status.CANCELLED
    assert services.cancel(taken, by_staff=True).status == Status.CANCELLED


def test_an_offered_place_must_be_taken_in_time_or_it_passes_on(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory(
        places=1, confirm_within_hours=24, starts_at=timezone.now() + datetime.timedelta(hours=36)
    )
    taken = SignUpFactory(session=session)
    first = SignUpFactory(session=session, status=Status.WAITING)
    second = SignUpFactory(session=session, status=Status.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(taken)
    first.refresh_from_db()
    assert first.status == Status.OFFERED
    # 24 hours to answer, but not past the kitchen's deadline a day before the start.
    assert first.offer_expires_at == session.cancel_deadline
    assert "Takk ja innen" in mail.outbox[0].body
    # Nothing lapses before the deadline.
    assert services.expire_offers() == 0
    assert services.expire_offers(now=first.offer_expires_at + datetime.timedelta(minutes=1)) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.CANCELLED
    # The kitchen's deadline has passed by then: no time to ask, the place is given.
    assert second.status == Status.CONFIRMED
    with pytest.raises(services.OfferNotOpen):
        services.accept_offer(first)


def test_an_offered_place_is_taken_by_accepting_it():
    session = SessionFactory(places=1, confirm_within_hours=24)
    taken = SignUpFactory(session=session)
    waiting = SignUpFactory(session=session, status=Status.WAITING)
    services.cancel(taken)
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert selectors.taken_places(session) == 1  # held for them meanwhile
    accepted = services.accept_offer(waiting)
    assert accepted.status == Status.CONFIRMED
    assert accepted.offer_expires_at is None


def test_a_place_freed_shortly_before_the_start_is_given_directly():
    session = SessionFactory(
        places=1,
        confirm_within_hours=24,
        starts_at=timezone.now() + datetime.timedelta(hours=2, minutes=30),
        cancel_deadline_hours=1,
    )
    taken = SignUpFactory(session=session)
    waiting = SignUpFactory(session=session, status=Status.WAITING)
    services.cancel(taken)
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_open_offers_and_started_sessions_take_no_sign_ups():
    open_session = SessionFactory(offer=OfferFactory())
    with pytest.raises(services.SignUpClosed):
        services.sign_up(open_session, data())
    started = SessionFactory(starts_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(services.SignUpClosed):
        services.sign_up(started, data())


def test_the_unit_can_move_someone_from_the_queue_beyond_the_places():
    session = SessionFactory(places=1)
    SignUpFactory(session=session)
    waiting = SignUpFactory(session=session, status=Status.WAITING)
    assert services.move_from_waiting_list(waiting).status == Status.CONFIRMED
    assert selectors.taken_places(session) == 2


def test_a_series_is_weekly_at_the_same_local_time_across_daylight_saving():
    offer = OfferFactory()
    first = timezone.make_aware(datetime.datetime(2027, 3, 16, 11, 0))  # a Tuesday
    sessions = services.create_series(
        offer, first, 8, duration=datetime.timedelta(hours=2), places=12
    )
    assert len(sessions) == 8
    assert len({s.series for s in sessions}) == 1
    local = [timezone.localtime(s.starts_at) for s in Session.objects.filter(offer=offer)]
    assert {(t.weekday(), t.hour) for t in local} == {(1, 11)}  # DST began 28 March
    assert local[-1].date() == datetime.date(2027, 5, 4)


def test_positions_are_listed_for_the_person():
    session = SessionFactory(places=1)
    user = UserFactory()
    SignUpFactory(session=session)
    SignUpFactory(session=session, status=Status.WAITING)
    mine = SignUpFactory(session=session, status=Status.WAITING, user=user)
    SignUpFactory(session=session, status=Status.CANCELLED, user=user)
    [row] = selectors.signups_for_user(user)
    assert row.pk == mine.pk
    assert row.ahead == 1


def test_the_sms_text_is_short_and_carries_the_link():
    session = SessionFactory()
    signup = services.sign_up(session, data())
    text = services.sms_text(signup, signup.token)
    assert signup.token in text
    assert len(text) < 300
