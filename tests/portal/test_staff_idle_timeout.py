"""Staff are logged out after a period without requests; citizens are not."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from portal.roles import Role
from tests.portal.html import parse
from tests.portal.users import staff_with_password, user_with_password

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def traveller():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_staff_member_is_logged_out_after_the_timeout(client, settings, traveller):
    settings.STAFF_IDLE_TIMEOUT_SECONDS = 30 * 60
    client.force_login(staff_with_password(Role.CASEWORKER))
    assert client.get("/personvern/").status_code == 200

    traveller.shift(dt.timedelta(minutes=31))
    response = client.get("/personvern/?side=2")

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('portal:login')}?next=%2Fpersonvern%2F%3Fside%3D2"
    assert SESSION_KEY not in client.session
    page = parse(client.get(response["Location"]).content)
    assert (
        "Du er logget ut fordi du ikke har vært aktiv på en stund."
        in page.one(".site-messages").text
    )


def test_activity_keeps_the_staff_member_logged_in(client, settings, traveller):
    settings.STAFF_IDLE_TIMEOUT_SECONDS = 30 * 60
    client.force_login(staff_with_password(Role.CASEWORKER))
    for _ in range(4):
        assert client.get("/").status_code == 200
        traveller.shift(dt.timedelta(minutes=29))
    assert client.get("/").status_code == 200
    assert SESSION_KEY in client.session


def test_a_post_after_the_timeout_is_not_carried_out(client, settings, traveller):
    settings.STAFF_IDLE_TIMEOUT_SECONDS = 30 * 60
    client.force_login(staff_with_password(Role.CASEWORKER))
    client.get("/")
    traveller.shift(dt.timedelta(hours=1))
    response = client.post(reverse("portal:logout"))
    assert response["Location"] == reverse("portal:login")


def test_citizen_is_not_logged_out(client, settings, traveller):
    settings.STAFF_IDLE_TIMEOUT_SECONDS = 30 * 60
    client.force_login(user_with_password(Role.CITIZEN))
    client.get("/")
    traveller.shift(dt.timedelta(hours=2))
    response = client.get("/")
    assert response.status_code == 200
    assert SESSION_KEY in client.session
