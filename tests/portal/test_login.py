"""Logging in and out: the form, session rotation, the lockout after repeated failures."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD
from tests.portal.html import parse
from tests.portal.users import user_with_password

pytestmark = pytest.mark.django_db

LOGIN = reverse("portal:login")
WRONG_PASSWORD_MESSAGE = "E-postadressen eller passordet er feil."


@pytest.fixture
def kari():
    return user_with_password(email="kari@example.no")


def log_in(client, email="kari@example.no", password=DEFAULT_PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def test_the_form_asks_for_email_and_password(client):
    page = parse(client.get(LOGIN).content)
    email = page.one("#id_username")
    assert email.get("type") == "email"
    assert email.get("autocomplete") == "email"
    assert page.one("#id_password").get("autocomplete") == "current-password"
    assert "E-postadresse" in page.one('label[for="id_username"]').text
    assert "Passord" in page.one('label[for="id_password"]').text


def test_it_logs_in_and_redirects_home(client, kari):
    response = log_in(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert int(client.session[SESSION_KEY]) == kari.pk


def test_it_accepts_the_email_in_another_case(client, kari):
    log_in(client, email="Kari@Example.NO")
    assert int(client.session[SESSION_KEY]) == kari.pk


def test_it_follows_a_safe_next_but_not_another_site(client, kari):
    assert log_in(client, next="/personvern/")["Location"] == "/personvern/"
    client.logout()
    assert log_in(client, next="https://evil.example/")["Location"] == reverse("portal:home")


def test_it_rotates_the_session_key(client, kari):
    session = client.session
    session["before_login"] = "yes"
    session.save()
    old_key = session.session_key
    client.cookies["sessionid"] = old_key

    log_in(client)

    new_key = client.cookies["sessionid"].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert client.session["before_login"] == "yes"  # the data moves with the new key


def test_wrong_password_shows_the_message_and_keeps_the_email(client, kari):
    response = log_in(client, password="wrong-password")
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    page = parse(response.content)
    summary = page.one("[data-error-summary]")
    assert WRONG_PASSWORD_MESSAGE in summary.text
    assert summary.one("a").get("href") == "#id_username"
    assert WRONG_PASSWORD_MESSAGE in page.one("form .form-errors").text
    assert page.one("#id_username").get("value") == "kari@example.no"
    assert not page.one("#id_password").has("value")
    assert page.one("title").text.startswith("Feil:")


def test_empty_form_says_what_is_missing(client):
    page = parse(client.post(LOGIN, {"username": "", "password": ""}).content)
    links = [a.get("href") for a in page.select("[data-error-summary] a")]
    assert links == ["#id_username", "#id_password"]
    assert page.one("#id_username").get("aria-invalid") == "true"


def test_inactive_account_cannot_log_in(client, kari):
    kari.is_active = False
    kari.save()
    response = log_in(client)
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_five_failures_lock_the_account(client, kari):
    for _attempt in range(4):
        response = log_in(client, password="wrong-password")
        assert response.status_code == 200
    response = log_in(client, password="wrong-password")
    assert response.status_code == 429
    assert "For mange mislykkede innloggingsforsøk" in response.content.decode()
    assert "30 minutter" in response.content.decode()

    # Even the right password is refused while locked.
    response = log_in(client)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_lockout_is_per_account(client, kari):
    other = user_with_password(email="ola@example.no")
    for _attempt in range(5):
        log_in(client, password="wrong-password")
    response = log_in(client, email=other.email)
    assert response.status_code == 302


def test_logged_in_user_visiting_login_is_sent_home(client, kari):
    client.force_login(kari)
    assert client.get(LOGIN)["Location"] == reverse("portal:home")


def test_logout_rejects_get(client, kari):
    client.force_login(kari)
    response = client.get(reverse("portal:logout"))
    assert response.status_code == 405
    assert SESSION_KEY in client.session


def test_logout_by_post(client, kari):
    client.force_login(kari)
    response = client.post(reverse("portal:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert SESSION_KEY not in client.session
