"""The unit's pages for an offer's sessions (catalogue.participation.views_unit):
access like the other staff pages, sessions and places, the people of a session,
moving from the waiting list and cancelling, attendance."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Offer
from catalogue.participation import unit_services
from catalogue.participation.models import Session, SignUp
from portal.roles import Role
from tests.catalogue.factories import (
    LocationFactory,
    OfferFactory,
    SessionFactory,
    SignUpFactory,
    UnitFactory,
)
from tests.factories import make_user as _make_user
from tests.portal.html import parse

pytestmark = pytest.mark.django_db
Status = SignUp.Status
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def make_user(*roles, **kwargs):
    user = _make_user(*roles, **kwargs)
    user.save()
    return user


@pytest.fixture
def unit():
    return UnitFactory(name="Solsiden dagsenter")


@pytest.fixture
def offer(unit):
    return OfferFactory(
        unit=unit,
        title="Bassengtrening",
        slug="bassengtrening",
        participation=Offer.Participation.SIGNUP,
        locations=[LocationFactory(unit=unit, name="Badet")],
    )


@pytest.fixture
def session(offer):
    return SessionFactory(offer=offer, places=2)


@pytest.fixture
def leader(unit):
    user = make_user(Role.UNIT_LEADER, email="leder@eksempel.no", full_name="Lene Leder")
    user.units.add(unit)
    return user


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader, backend=MODEL_BACKEND)
    return client


def url(name, offer, **kwargs):
    return reverse(f"catalogue:{name}", kwargs={"slug": offer.slug, **kwargs})


def session_urls(offer, session, signup):
    """Every page of the room that addresses the offer, with its method."""
    s = {"pk": session.pk}
    return [
        ("get", url("staff_participants", offer)),
        ("get", url("staff_session_create", offer)),
        ("get", url("staff_day_lists", offer)),
        ("get", url("staff_day_list_pdf", offer, kind="transport")),
        ("get", url("staff_day_list_csv", offer, kind="maltid")),
        ("get", url("staff_session", offer, **s)),
        ("get", url("staff_attendance", offer, **s)),
        ("post", url("staff_session_places", offer, **s)),
        ("post", url("staff_signup_move", offer, signup=signup.pk, **s)),
        ("post", url("staff_signup_cancel", offer, signup=signup.pk, **s)),
    ]


# --- access ----------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, offer, session):
    signup = SignUpFactory(session=session)
    for method, address in session_urls(offer, session, signup):
        response = getattr(client, method)(address)
        assert response.status_code == 302, address
        assert "/konto/logg-inn/" in response["Location"]


def test_a_citizen_is_refused_before_the_offer_is_looked_up(client, offer, session):
    signup = SignUpFactory(session=session)
    client.force_login(make_user(Role.CITIZEN, email="ida@eksempel.no"), backend=MODEL_BACKEND)
    for method, address in session_urls(offer, session, signup):
        assert getattr(client, method)(address).status_code == 403, address


def test_another_units_leader_gets_404_everywhere_and_changes_nothing(client, offer, session):
    signup = SignUpFactory(session=session, status=Status.WAITING)
    other = make_user(Role.UNIT_LEADER, email="annen@eksempel.no")
    other.units.add(UnitFactory())
    client.force_login(other, backend=MODEL_BACKEND)
    for method, address in session_urls(offer, session, signup):
        assert getattr(client, method)(address, {"places": "5"}).status_code == 404, address
    signup.refresh_from_db()
    session.refresh_from_db()
    assert signup.status == Status.WAITING
    assert session.places == 2


def test_a_session_or_sign_up_of_another_offer_is_404(leader_client, offer, session, unit):
    sibling = OfferFactory(unit=unit, participation=Offer.Participation.SIGNUP)
    foreign_session = SessionFactory(offer=sibling)
    foreign_signup = SignUpFactory(session=foreign_session, status=Status.WAITING)
    assert leader_client.get(url("staff_session", offer, pk=foreign_session.pk)).status_code == 404
    response = leader_client.post(
        url("staff_signup_move", offer, pk=session.pk, signup=foreign_signup.pk)
    )
    assert response.status_code == 404
    foreign_signup.refresh_from_db()
    assert foreign_signup.status == Status.WAITING


def test_changes_are_post_only(leader_client, offer, session):
    signup = SignUpFactory(session=session)
    for name, extra in (
        ("staff_session_places", {}),
        ("staff_signup_move", {"signup": signup.pk}),
        ("staff_signup_cancel", {"signup": signup.pk}),
    ):
        assert leader_client.get(url(name, offer, pk=session.pk, **extra)).status_code == 405


def test_an_unknown_list_kind_is_404(leader_client, offer):
    assert leader_client.get(url("staff_day_list_csv", offer, kind="vinkart")).status_code == 404


# --- sessions and places ---------------------------------------------------------------------


def test_the_participants_page_lists_coming_sessions_first_and_links_them(
    leader_client, offer, session
):
    SignUpFactory(session=session)
    SignUpFactory(session=session)
    SignUpFactory(session=session, status=Status.WAITING)
    later = SessionFactory(offer=offer, starts_at=session.starts_at + datetime.timedelta(days=7))
    past = SessionFactory(
        offer=offer,
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )
    page = parse(leader_client.get(url("staff_participants", offer)).content)
    coming = page.one("section[aria-labelledby=coming-heading]")
    links = [a.get("href") for a in coming.select("tbody a")]
    assert links == [
        url("staff_session", offer, pk=session.pk),
        url("staff_session", offer, pk=later.pk),
    ]
    first_row = coming.select("tbody tr")[0].text
    assert "Fullt" in first_row
    past_section = page.one("section[aria-labelledby=past-heading]")
    assert url("staff_session", offer, pk=past.pk) in [
        a.get("href") for a in past_section.select("a")
    ]


def test_a_course_of_eight_tuesdays_is_created_through_the_form(leader_client, offer):
    next_tuesday = timezone.localdate() + datetime.timedelta(
        days=(1 - timezone.localdate().weekday()) % 7 or 7
    )
    response = leader_client.post(
        url("staff_session_create", offer),
        {
            "day": next_tuesday.isoformat(),
            "starts": "11:00",
            "ends": "12:30",
            "weeks": "8",
            "places": "12",
            "location": offer.locations.get().pk,
            "cancel_deadline_hours": "24",
            "offers_transport": "on",
        },
    )
    assert response.status_code == 302
    sessions = list(Session.objects.filter(offer=offer).order_by("starts_at"))
    assert len(sessions) == 8
    assert len({s.series for s in sessions}) == 1 and sessions[0].series is not None
    assert all(timezone.localtime(s.starts_at).weekday() == 1 for s in sessions)
    assert all(timezone.localtime(s.starts_at).time() == datetime.time(11, 0) for s in sessions)
    assert all(s.places == 12 and s.offers_transport and not s.offers_meal for s in sessions)


def test_a_single_session_has_no_series(leader_client, offer):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    leader_client.post(
        url("staff_session_create", offer),
        {
            "day": tomorrow.isoformat(),
            "starts": "18:00",
            "ends": "20:00",
            "weeks": "1",
            "places": "6",
            "cancel_deadline_hours": "0",
        },
    )
    session = Session.objects.get(offer=offer)
    assert session.series is None
    assert session.location is None
    assert session.places == 6


def test_bad_input_is_shown_next_to_the_field_and_kept(leader_client, offer):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = leader_client.post(
        url("staff_session_create", offer),
        {
            "day": yesterday.isoformat(),
            "starts": "12:00",
            "ends": "11:00",
            "weeks": "99",
            "places": "0",
            "cancel_deadline_hours": "24",
        },
    )
    assert response.status_code == 422
    page = parse(response.content)
    text = page.one("main").text
    assert "Slutten må komme etter starten" in text
    assert "Skriv høyst 52" in text
    assert "Et tidspunkt må ha minst én plass" in text
    assert page.one("#id_weeks").get("value") == "99"
    assert not Session.objects.exists()


def test_a_date_in_the_past_is_refused(leader_client, offer):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = leader_client.post(
        url("staff_session_create", offer),
        {
            "day": yesterday.isoformat(),
            "starts": "10:00",
            "ends": "11:00",
            "weeks": "1",
            "places": "5",
            "cancel_deadline_hours": "24",
        },
    )
    assert response.status_code == 422
    assert "Tidspunktet har allerede vært" in response.content.decode()


def test_more_places_go_to_the_queue_at_once(leader_client, offer, session):
    SignUpFactory(session=session)
    SignUpFactory(session=session)
    waiting = SignUpFactory(session=session, status=Status.WAITING)
    response = leader_client.post(url("staff_session_places", offer, pk=session.pk), {"places": 3})
    assert response.status_code == 302
    session.refresh_from_db()
    waiting.refresh_from_db()
    assert session.places == 3
    assert waiting.status == Status.CONFIRMED


def test_fewer_places_than_taken_is_refused_next_to_the_field(leader_client, offer, session):
    SignUpFactory(session=session)
    SignUpFactory(session=session)
    response = leader_client.post(url("staff_session_places", offer, pk=session.pk), {"places": 1})
    assert response.status_code == 422
    assert "2 har allerede plass" in response.content.decode()
    session.refresh_from_db()
    assert session.places == 2
    response = leader_client.post(
        url("staff_session_places", offer, pk=session.pk), {"places": "x"}
    )
    assert response.status_code == 422
    assert "Skriv et helt tall" in response.content.decode()


# --- the people of a session ---------------------------------------------------------------


def test_the_session_page_shows_needs_and_the_queue_with_positions(leader_client, offer, session):
    SignUpFactory(
        session=session,
        name="Per Persen",
        needs_transport=True,
        pickup_address="Kirkeveien 3",
        mobility_aid=SignUp.MobilityAid.WHEELCHAIR,
        needs_meal=True,
        diet="Glutenfri",
        companion=True,
        language_help="arabisk",
    )
    SignUpFactory(session=session, name="Anne Annesen")
    first = SignUpFactory(session=session, status=Status.WAITING, name="Kari Kø")
    SignUpFactory(session=session, status=Status.WAITING, name="Ola Kø")
    SignUpFactory(session=session, status=Status.CANCELLED, name="Borte Borten")
    page = parse(leader_client.get(url("staff_session", offer, pk=session.pk)).content)
    participants = page.one("section[aria-labelledby=participants-heading]").text
    assert "Per Persen" in participants and "Anne Annesen" in participants
    for need in ("Transport fra Kirkeveien 3", "rullestol", "Glutenfri", "Har med ledsager"):
        assert need in participants
    assert "Språkhjelp: arabisk" in participants
    assert "Borte Borten" not in participants
    rows = page.one("section[aria-labelledby=waiting-heading]").select("tbody tr")
    assert [r.select("td")[0].text for r in rows] == ["1", "2"]
    assert "Kari Kø" in rows[0].text and "Ola Kø" in rows[1].text
    forms = rows[0].select("form")
    assert forms[0].get("action") == url("staff_signup_move", offer, pk=session.pk, signup=first.pk)


def test_moving_from_the_waiting_list_by_hand_gives_a_place_beyond_the_places(
    leader_client, offer, session
):
    SignUpFactory(session=session)
    SignUpFactory(session=session)
    SignUpFactory(session=session, status=Status.WAITING)
    second = SignUpFactory(session=session, status=Status.WAITING, name="Ola Kø")
    response = leader_client.post(
        url("staff_signup_move", offer, pk=session.pk, signup=second.pk), follow=True
    )
    assert "Ola Kø har fått plass" in response.content.decode()
    second.refresh_from_db()
    assert second.status == Status.CONFIRMED
    assert SignUp.objects.filter(session=session, status=Status.CONFIRMED).count() == 3


def test_cancelling_a_participant_gives_the_place_to_the_first_waiting(
    leader_client, offer, session
):
    # After the online deadline too: the unit can always cancel.
    session.starts_at = timezone.now() + datetime.timedelta(hours=2)
    session.ends_at = session.starts_at + datetime.timedelta(hours=1)
    session.save()
    taken = SignUpFactory(session=session, name="Per Persen")
    SignUpFactory(session=session)
    waiting = SignUpFactory(session=session, status=Status.WAITING)
    response = leader_client.post(
        url("staff_signup_cancel", offer, pk=session.pk, signup=taken.pk), follow=True
    )
    assert "Per Persen er meldt av" in response.content.decode()
    taken.refresh_from_db()
    waiting.refresh_from_db()
    assert taken.status == Status.CANCELLED
    assert waiting.status == Status.CONFIRMED


# --- attendance --------------------------------------------------------------------------------


@pytest.fixture
def today_session(offer):
    starts = timezone.now() - datetime.timedelta(minutes=30)
    return SessionFactory(
        offer=offer, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )


def test_attendance_saves_who_came_and_lists_the_no_shows(leader_client, offer, today_session):
    came = SignUpFactory(session=today_session, name="Kom Kommesen")
    away = SignUpFactory(session=today_session, name="Borte Bortesen")
    waiting = SignUpFactory(session=today_session, status=Status.WAITING)
    address = url("staff_attendance", offer, pk=today_session.pk)
    page = parse(leader_client.get(address).content)
    boxes = page.select("input[name=present]")
    assert sorted(int(b.get("value")) for b in boxes) == sorted([came.pk, away.pk])
    assert all(page.one(f"label[for={b.get('id')}]") for b in boxes)

    response = leader_client.post(address, {"present": [str(came.pk), "abc", "²"]}, follow=True)
    text = response.content.decode()
    assert "1 møtte, 1 møtte ikke" in text
    no_shows = parse(response.content).one("section[aria-labelledby=no-shows-heading]").text
    assert "Borte Bortesen" in no_shows and "Kom Kommesen" not in no_shows
    came.refresh_from_db()
    away.refresh_from_db()
    waiting.refresh_from_db()
    assert (came.attended, away.attended, waiting.attended) == (True, False, None)
    # The saved ticks are shown again, so the list can be corrected.
    page = parse(leader_client.get(address).content)
    assert page.one(f"#present-{came.pk}").has("checked")
    assert not page.one(f"#present-{away.pk}").has("checked")


def test_attendance_is_not_ticked_before_the_day(leader_client, offer, session):
    signup = SignUpFactory(session=session)
    address = url("staff_attendance", offer, pk=session.pk)
    assert not parse(leader_client.get(address).content).select("input[name=present]")
    response = leader_client.post(address, {"present": [str(signup.pk)]}, follow=True)
    assert "fra og med dagen det skjer" in response.content.decode()
    signup.refresh_from_db()
    assert signup.attended is None


def test_mark_attendance_only_marks_the_sessions_confirmed_participants(today_session):
    came = SignUpFactory(session=today_session)
    away = SignUpFactory(session=today_session)
    cancelled = SignUpFactory(session=today_session, status=Status.CANCELLED)
    elsewhere = SignUpFactory()
    result = unit_services.mark_attendance(
        session=today_session, present={came.pk, cancelled.pk, elsewhere.pk}
    )
    assert result == (1, 1)
    assert SignUp.objects.get(pk=came.pk).attended is True
    assert SignUp.objects.get(pk=away.pk).attended is False
    assert SignUp.objects.get(pk=cancelled.pk).attended is None
    assert SignUp.objects.get(pk=elsewhere.pk).attended is None


def test_mark_attendance_refuses_a_session_on_a_later_day(session):
    with pytest.raises(unit_services.AttendanceTooEarly):
        unit_services.mark_attendance(session=session, present=[])


def test_a_date_far_in_the_future_is_refused_not_a_server_error(leader_client, offer):
    response = leader_client.post(
        url("staff_session_create", offer),
        {
            "day": "9999-12-31",
            "starts": "10:00",
            "ends": "11:00",
            "weeks": "52",
            "places": "5",
            "cancel_deadline_hours": "24",
        },
    )
    assert response.status_code == 422
    assert "Velg en dato innen to år fra i dag" in response.content.decode()
    assert not Session.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2027-02-30", "i-dag"])
def test_a_day_out_of_range_on_the_lists_is_not_a_server_error(leader_client, offer, day):
    address = reverse("catalogue:staff_day_lists", kwargs={"slug": offer.slug})
    response = leader_client.get(f"{address}?dag={day}")
    assert response.status_code == 200
    assert "Datoen ble ikke forstått" in response.content.decode()
    csv_address = reverse(
        "catalogue:staff_day_list_csv", kwargs={"slug": offer.slug, "kind": "transport"}
    )
    assert leader_client.get(f"{csv_address}?dag={day}").status_code == 200


def test_the_statistics_address_is_reserved_as_an_offer_slug():
    from catalogue.reserved_slugs import is_reserved

    assert is_reserved("deltakelse")
