"""Numbers per offer and month (catalogue.participation.statistics): sign-ups,
attendance rate, waiting list; no figure below 5 shown; only the user's own units'
offers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Offer
from catalogue.participation import statistics
from catalogue.participation.models import SignUp
from portal.roles import Role
from tests.catalogue.factories import OfferFactory, SessionFactory, SignUpFactory, UnitFactory
from tests.factories import make_user as _make_user
from tests.portal.html import parse

Status = SignUp.Status
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


# --- the suppression, pure ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (0, 0, None),
        (4, 10, None),  # four people who came: too few
        (5, 4, None),  # impossible: never more than the whole
        (3, 4, None),
        (5, 5, 100),
        (8, 10, 80),
        (7, 9, 78),
    ],
)
def test_a_rate_needs_at_least_five_on_each_side(part, whole, shown):
    assert statistics.suppressed_rate(part, whole) == shown


def test_figures_suppress_each_count_but_not_the_sessions():
    figures = statistics.figures(
        statistics.Counts(sessions=2, signups=4, ticked=10, attended=9, waiting=7)
    )
    assert figures == statistics.Figures(sessions=2, signups=None, attendance_percent=90, waiting=7)


@pytest.mark.parametrize(
    ("today", "first", "end"),
    [
        (datetime.date(2027, 3, 15), datetime.date(2026, 4, 1), datetime.date(2027, 4, 1)),
        (datetime.date(2026, 12, 31), datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)),
    ],
)
def test_the_period_is_twelve_whole_months_up_to_this_one(today, first, end):
    assert statistics.period(today) == (first, end)


# --- per offer and month -----------------------------------------------------------------


@pytest.fixture
def unit(db):
    return UnitFactory(name="Solsiden dagsenter")


@pytest.fixture
def offer(unit):
    return OfferFactory(unit=unit, title="Bassengtrening", participation=Offer.Participation.SIGNUP)


def past(days):
    return timezone.now() - datetime.timedelta(days=days)


def session_with(offer, starts_at, *, came=0, away=0, unticked=0, waiting=0, pending=0):
    session = SessionFactory(
        offer=offer, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=1)
    )
    for _ in range(came):
        SignUpFactory(session=session, attended=True)
    for _ in range(away):
        SignUpFactory(session=session, attended=False)
    for _ in range(unticked):
        SignUpFactory(session=session)
    for _ in range(waiting):
        SignUpFactory(session=session, status=Status.WAITING)
    for _ in range(pending):
        SignUpFactory(session=session, status=Status.PENDING_EMAIL)
    return session


def test_numbers_per_month_and_in_total(offer):
    today = timezone.localdate()
    this_month = timezone.make_aware(
        datetime.datetime.combine(today.replace(day=1), datetime.time(10))
    )
    last_month = timezone.make_aware(
        datetime.datetime.combine(
            (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1), datetime.time(10)
        )
    )
    session_with(offer, this_month, came=6, away=2, waiting=3, pending=4)
    session_with(offer, last_month, came=3, unticked=1, waiting=3)
    session_with(offer, past(500), came=9)  # before the period
    [result] = statistics.offer_statistics(Offer.objects.all())
    assert result.offer == offer
    months = dict(result.months)
    now_figures = months[this_month.date()]
    assert now_figures.sessions == 1
    assert now_figures.signups == 11  # 8 with a place and 3 waiting, not the 4 pending
    assert now_figures.attendance_percent == 75
    assert now_figures.waiting is None  # 3
    before = months[last_month.date()]
    assert (before.signups, before.attendance_percent, before.waiting) == (7, None, None)
    assert result.total == statistics.Figures(
        sessions=2, signups=18, attendance_percent=82, waiting=6
    )
    assert [month for month, _f in result.months] == [this_month.date(), last_month.date()]


def test_offers_without_sessions_in_the_period_are_left_out(offer, unit):
    OfferFactory(unit=unit, title="Uten tidspunkter")
    assert statistics.offer_statistics(Offer.objects.all()) == []


# --- the page ------------------------------------------------------------------------------


def test_the_page_shows_only_the_users_units_and_never_a_small_number(client, offer, unit):
    session_with(offer, past(1), came=4, away=3, waiting=2)
    other = OfferFactory(title="Annen enhets tilbud", participation=Offer.Participation.SIGNUP)
    session_with(other, past(1), came=7)
    leader = _make_user(Role.UNIT_LEADER, email="leder@eksempel.no")
    leader.save()
    leader.units.add(unit)
    client.force_login(leader, backend=MODEL_BACKEND)
    response = client.get(reverse("catalogue:staff_participation_statistics"))
    assert response.status_code == 200
    main = parse(response.content).one("main")
    assert "Bassengtrening" in main.text
    assert "Annen enhets tilbud" not in main.text
    cells = [c.text for c in main.select("tbody td")]
    assert cells == ["1", "9", "for få til å vise", "færre enn 5"]
    # No cell holds a number from 1 to 4 other than the count of sessions.
    assert not any(c in {"2", "3", "4"} for c in cells[1:])


def test_the_page_needs_a_catalogue_permission(client, db):
    citizen = _make_user(Role.CITIZEN, email="ida@eksempel.no")
    citizen.save()
    address = reverse("catalogue:staff_participation_statistics")
    assert client.get(address).status_code == 302
    client.force_login(citizen, backend=MODEL_BACKEND)
    assert client.get(address).status_code == 403


def test_the_casework_statistics_link_to_the_figures_for_those_who_may_see_them(client, db):
    address = reverse("catalogue:staff_participation_statistics")
    admin = _make_user(Role.ADMINISTRATOR, email="admin@eksempel.no")
    admin.save()
    caseworker = _make_user(Role.CASEWORKER, email="sb@eksempel.no")
    caseworker.save()
    for user, shown in ((admin, True), (caseworker, False)):
        client.force_login(user, backend=MODEL_BACKEND)
        page = parse(client.get(reverse("referrals:statistics")).content)
        links = [a.get("href") for a in page.select("main a")]
        assert (address in links) is shown, user
