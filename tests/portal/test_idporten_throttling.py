"""Throttling and ID-porten (against the stubbed provider of tests/referrals/applications/test_idporten.py):
citizens behind one address (a library, an office, a mobile network) share it, so a
failed ID-porten callback counts for its browser session only, never for the address,
and an ID-porten account's e-mail requests are limited per account."""

from datetime import date

import pytest
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD
from tests.idporten_stub import StubProvider, begin, finish, good_claims
from tests.portal.html import parse
from tests.portal.users import user_with_password
from tests.referrals.helpers import national_id

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("idporten")]

SHARED_ADDRESS = "203.0.113.50"
CALLBACK = "/konto/id-porten/callback/"


@pytest.fixture
def provider(monkeypatch):
    return StubProvider(monkeypatch)


def citizen_at(address=SHARED_ADDRESS) -> Client:
    return Client(REMOTE_ADDR=address)


def fail_with_idporten(client, provider):
    params = begin(client)
    claims = good_claims(params, national_id(), acr="idporten-loa-low")  # MinID, too weak
    response = finish(client, provider, params, claims)
    assert not get_user(client).is_authenticated
    return response


def log_in_with_idporten(client, provider, born=date(1980, 3, 14)):
    params = begin(client)
    return finish(client, provider, params, good_claims(params, national_id(born)))


def test_failed_callbacks_from_one_address_do_not_lock_out_other_citizens(provider, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 3
    for _ in range(6):
        someone = citizen_at()
        assert fail_with_idporten(someone, provider).status_code == 302
        # A callback whose state is not this browser's (replayed, forged) fails too.
        response = someone.get(f"{CALLBACK}?code=kode&state=not-the-state")
        assert response.status_code in (302, 400)

    citizen = citizen_at()
    response = log_in_with_idporten(citizen, provider)

    assert response.status_code == 302 and response.url == "/mine-soknader/"
    assert get_user(citizen).is_authenticated
    # Nor do they count against the address for password log-ins.
    kari = user_with_password(email="kari@example.no")
    password_user = citizen_at()
    response = password_user.post(
        reverse("portal:login"), {"username": kari.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert get_user(password_user).pk == kari.pk


def test_failed_callbacks_count_for_their_browser_session(provider):
    browser = citizen_at()
    statuses = [fail_with_idporten(browser, provider).status_code for _ in range(5)]
    assert statuses == [302] * 4 + [429]

    assert log_in_with_idporten(browser, provider).status_code == 429
    assert not get_user(browser).is_authenticated
    # Another citizen at the same address is not affected.
    other = citizen_at()
    assert log_in_with_idporten(other, provider).status_code == 302
    assert get_user(other).is_authenticated


def test_email_requests_are_limited_per_account_not_per_address(
    provider, settings, django_capture_on_commit_callbacks
):
    settings.RATELIMIT_REGISTRATIONS_PER_HOUR = 1
    first, second = citizen_at(), citizen_at()
    log_in_with_idporten(first, provider)
    log_in_with_idporten(second, provider, born=date(1991, 9, 2))
    assert get_user(first).pk != get_user(second).pk
    url = reverse("accounts:email")

    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            first.post(url, {"email": address}).status_code
            for address in ["en@example.no", "to@example.no"]
        ]
        response = second.post(url, {"email": "tre@example.no"})

    assert statuses == [302, 429]
    assert response.status_code == 302


def test_the_lock_page_after_failed_callbacks_says_what_lifts_it(provider):
    """Locked for this browser session: waiting helps, a new password would not (and
    the page does not offer one)."""
    browser = citizen_at()
    for _ in range(4):
        fail_with_idporten(browser, provider)

    response = fail_with_idporten(browser, provider)

    assert response.status_code == 429
    page = parse(response.content)
    assert page.one(".ds-alert").text == (
        "Av sikkerhetshensyn tar vi en stund ikke imot innlogging med ID-porten i denne "
        "nettleseren, fordi flere innlogginger har mislyktes. Vent 30 minutter og prøv igjen."
    )
    assert "passord" not in page.one("main").text.lower()
