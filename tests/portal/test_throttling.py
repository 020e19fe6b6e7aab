"""Throttling: repeated failed log-ins lock citizens and staff alike (django-axes, 429),
the lockout is logged without identity numbers, and registration and password reset
are limited per address (portal.ratelimit). The staff idle timeout is tested in
test_staff_idle_timeout.py, session rotation for citizens in test_login.py."""

import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from portal.models import User
from portal.roles import Role
from tests.factories import DEFAULT_PASSWORD
from tests.portal.html import parse
from tests.portal.users import staff_with_password, user_with_password
from tests.referrals.helpers import national_id

pytestmark = pytest.mark.django_db

LOGIN = reverse("portal:login")
LOCKED_HEADING = "For mange mislykkede innloggingsforsøk"
RATE_LIMIT_TEXT = "tar vi bare imot et begrenset antall slike forespørsler"


def log_in(client, email, password=DEFAULT_PASSWORD, path=LOGIN):
    return client.post(path, {"username": email, "password": password})


def fail_five_times(client, email, path=LOGIN):
    responses = [log_in(client, email, "wrong-password", path) for _ in range(5)]
    assert [r.status_code for r in responses[:4]] == [200] * 4
    return responses[-1]


def assert_locked_page(response):
    assert response.status_code == 429
    page = parse(response.content)
    assert LOCKED_HEADING in page.one("h1").text
    assert "Vent 30 minutter og prøv igjen" in page.one(".ds-alert").text


@pytest.fixture
def citizen():
    return user_with_password(Role.CITIZEN, email="kari@example.no", national_id=national_id())


@pytest.fixture
def caseworker():
    return staff_with_password(Role.CASEWORKER, email="sara@kommune.no")


@pytest.mark.parametrize("who", ["citizen", "caseworker"])
def test_five_failures_lock_the_account_and_the_right_password_does_not_help(client, who, request):
    user = request.getfixturevalue(who)
    assert_locked_page(fail_five_times(client, user.email))

    response = log_in(client, user.email)
    assert_locked_page(response)
    assert SESSION_KEY not in client.session


def test_a_staff_member_is_locked_out_of_the_admin_log_in_too(client):
    admin = staff_with_password(Role.ADMINISTRATOR, email="admin@kommune.no", is_superuser=True)
    assert_locked_page(fail_five_times(client, admin.email, path="/admin/login/"))
    response = log_in(client, admin.email, path="/admin/login/")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_the_lockout_is_recorded_and_logged_without_the_identity_number(client, citizen, caplog):
    with caplog.at_level(logging.WARNING):
        fail_five_times(client, citizen.email)

    attempt = AccessAttempt.objects.get()
    assert attempt.username == citizen.email
    assert attempt.failures_since_start == 5
    assert DEFAULT_PASSWORD not in attempt.post_data
    locked = [r for r in caplog.records if r.name == "portal.sessions"]
    assert [r.getMessage() for r in locked] == [
        f"Log-in locked after repeated failures (account {citizen.pk})"
    ]
    assert citizen.national_id not in caplog.text
    stored = " ".join(str(value) for value in AccessAttempt.objects.values().get().values())
    assert citizen.national_id not in stored


def test_a_lockout_for_an_unknown_address_is_logged_without_it(client, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.sessions"):
        fail_five_times(client, "finnes.ikke@example.no")
    messages = [r.getMessage() for r in caplog.records if r.name == "portal.sessions"]
    assert messages == ["Log-in locked after repeated failures (account unknown)"]


def test_a_staff_log_in_rotates_the_session_key(client, caseworker):
    session = client.session
    session["before_login"] = "yes"
    session.save()
    old_key = session.session_key
    client.cookies["sessionid"] = old_key

    assert log_in(client, caseworker.email).status_code == 302

    assert client.cookies["sessionid"].value != old_key
    assert int(client.session[SESSION_KEY]) == caseworker.pk


# --- registration and password reset, per address -------------------------------------


def register(client, email, **extra):
    data = {
        "full_name": "Nora Ny",
        "email": email,
        "password1": "lang-og-trygg-passfrase-9",
        "password2": "lang-og-trygg-passfrase-9",
    }
    return client.post(reverse("accounts:register"), data, **extra)


def test_registrations_from_one_address_are_limited(client, settings):
    settings.RATELIMIT_REGISTRATIONS_PER_HOUR = 2
    assert register(client, "en@example.no").status_code == 302
    # An invalid form does not count: somebody fixing a typo is not punished.
    assert register(client, "ikke-en-adresse").status_code == 422
    assert register(client, "to@example.no").status_code == 302

    response = register(client, "tre@example.no")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = parse(response.content)
    assert page.one("h1").text == "For mange forsøk"
    assert RATE_LIMIT_TEXT in page.one(".ds-alert").text
    assert not User.objects.filter(email="tre@example.no").exists()
    # Another address is not affected.
    assert register(client, "fire@example.no", REMOTE_ADDR="10.0.0.9").status_code == 302


def test_password_reset_requests_from_one_address_are_limited(
    client, settings, django_capture_on_commit_callbacks
):
    settings.RATELIMIT_PASSWORD_RESETS_PER_HOUR = 2
    user_with_password(email="kari@example.no")
    url = reverse("portal:password_reset")
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [client.post(url, {"email": "kari@example.no"}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "kari@example.no"}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 302
    assert len(mail.outbox) == 3


def test_the_limits_have_defaults(client):
    # Without settings the defaults apply: the 11th reset request in an hour is refused.
    url = reverse("portal:password_reset")
    statuses = [client.post(url, {"email": "ingen@example.no"}).status_code for _ in range(11)]
    assert statuses == [302] * 10 + [429]
