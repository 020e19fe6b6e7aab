"""Throttling: repeated failed log-ins lock citizens and staff alike (django-axes, 429)
per account *and* client address, an address spraying many accounts is refused, the
lockout is logged without identity numbers, and registration and password reset are
limited per address (portal.limits, django-ratelimit); all with and without a proxy in front. The
address itself is tested in test_client_ip.py, ID-porten in test_idporten_throttling.py,
two servers sharing the counters in tests/multi_machine/test_throttling.py. The staff
idle timeout is tested in test_staff_idle_timeout.py, session rotation for citizens in
test_login.py."""

import logging
import math
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
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


def test_a_refused_address_may_try_again_when_the_window_ends(client, settings):
    settings.RATELIMIT_PASSWORD_RESETS_PER_HOUR = 1
    url = reverse("portal:password_reset")
    with time_machine.travel(1_800_000_000, tick=False) as traveller:
        assert client.post(url, {"email": "en@example.no"}).status_code == 302
        refused = client.post(url, {"email": "to@example.no"})
        assert refused.status_code == 429
        wait = int(refused["Retry-After"])
        assert 0 < wait <= 3600
        assert f"Vent {math.ceil(wait / 60)} minutt" in parse(refused.content).one(".ds-alert").text

        traveller.shift(wait - 1)
        assert client.post(url, {"email": "tre@example.no"}).status_code == 429
        traveller.shift(1)
        assert client.post(url, {"email": "fire@example.no"}).status_code == 302


def test_the_limits_have_defaults(client):
    # Without settings the defaults apply: the 11th reset request in an hour is refused.
    url = reverse("portal:password_reset")
    statuses = [client.post(url, {"email": "ingen@example.no"}).status_code for _ in range(11)]
    assert statuses == [302] * 10 + [429]


# --- the client address: with and without a proxy ---------------------------------------

LOAD_BALANCER = "10.0.0.1"
ATTACKER = "198.51.100.7"
VICTIM_ADDRESS = "203.0.113.9"


def from_address(address, *, proxies, forged="192.0.2.1"):
    """Request headers for a client at ``address``: directly (``proxies=0``), or through
    the load balancer, which appends the client to what the client sent (a forged
    left-most entry included)."""
    if proxies == 0:
        return {"REMOTE_ADDR": address, "HTTP_X_FORWARDED_FOR": forged}
    return {"REMOTE_ADDR": LOAD_BALANCER, "HTTP_X_FORWARDED_FOR": f"{forged}, {address}"}


@pytest.mark.parametrize("proxies", [0, 1], ids=["no-proxy", "behind-a-load-balancer"])
def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out_elsewhere(
    client, settings, proxies
):
    settings.PROXY_COUNT = proxies
    victim = user_with_password(email="kari@example.no")
    attacker = [
        client.post(
            LOGIN,
            {"username": victim.email, "password": "wrong-password"},
            **from_address(ATTACKER, proxies=proxies, forged=f"192.0.2.{n}"),
        )
        for n in range(5)
    ]
    assert_locked_page(attacker[-1])
    # A new forged left-most entry does not make the attacker someone else.
    response = client.post(
        LOGIN,
        {"username": victim.email, "password": DEFAULT_PASSWORD},
        **from_address(ATTACKER, proxies=proxies, forged="192.0.2.200"),
    )
    assert_locked_page(response)
    assert SESSION_KEY not in client.session

    response = Client().post(
        LOGIN,
        {"username": victim.email, "password": DEFAULT_PASSWORD},
        **from_address(VICTIM_ADDRESS, proxies=proxies),
    )

    assert response.status_code == 302


def test_an_address_spraying_many_accounts_is_refused_for_every_account(client, caplog):
    # Default limit: 30 failed log-ins from one address across accounts in the
    # cool-off period; every account gets only one try, so none is locked on its own.
    kari = user_with_password(email="kari@example.no")
    statuses = [
        client.post(
            LOGIN,
            {"username": f"person{n}@example.no", "password": "Sommer2026!"},
            REMOTE_ADDR=ATTACKER,
        ).status_code
        for n in range(30)
    ]
    assert statuses == [200] * 29 + [429]
    caplog.clear()

    with caplog.at_level(logging.WARNING, logger="portal.sessions"):
        response = client.post(
            LOGIN, {"username": kari.email, "password": DEFAULT_PASSWORD}, REMOTE_ADDR=ATTACKER
        )

    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    # The page says it is the network, not Kari's account, and for how long.
    assert parse(response.content).one(".ds-alert").text == (
        "Av sikkerhetshensyn tar vi en stund ikke imot innlogging fra nettverket ditt, fordi "
        "det har vært mange mislykkede innloggingsforsøk herfra. Vent 30 minutter og prøv igjen."
    )
    assert [r.getMessage() for r in caplog.records if r.name == "portal.sessions"] == [
        f"Log-in refused for an address after failures across accounts (account {kari.pk})"
    ]
    # Kari, anywhere else, is not affected.
    response = Client().post(
        LOGIN, {"username": kari.email, "password": DEFAULT_PASSWORD}, REMOTE_ADDR=VICTIM_ADDRESS
    )
    assert response.status_code == 302


def test_the_address_limit_can_be_set(client, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 3
    statuses = [log_in(client, f"person{n}@example.no", "wrong-").status_code for n in range(3)]
    assert statuses == [200, 200, 429]


def test_other_spellings_of_an_address_share_its_five_attempts(client, citizen):
    spellings = ["KARI@example.no", "Kari@Example.no", " kari@EXAMPLE.NO", "kaRi@example.no"]
    for spelling in spellings:
        assert log_in(client, spelling, "wrong-password").status_code == 200
    assert_locked_page(log_in(client, "kARI@example.NO", "wrong-password"))
    assert_locked_page(log_in(client, citizen.email))


def test_an_ipv6_client_cannot_escape_the_lock_by_changing_address_in_its_network(client, citizen):
    for n in range(1, 6):
        response = client.post(
            LOGIN,
            {"username": citizen.email, "password": "wrong-password"},
            REMOTE_ADDR=f"2001:db8:1:2::{n}",
        )
    assert_locked_page(response)
    assert_locked_page(
        client.post(
            LOGIN,
            {"username": citizen.email, "password": DEFAULT_PASSWORD},
            REMOTE_ADDR="2001:db8:1:2:abcd::99",
        )
    )
    response = Client().post(
        LOGIN,
        {"username": citizen.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="2001:db8:1:3::1",
    )
    assert response.status_code == 302


# --- the form limits behind a proxy -----------------------------------------------------


def test_behind_a_proxy_reset_requests_from_one_client_do_not_block_the_others(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PROXY_COUNT = 1
    user_with_password(email="kari@example.no")
    url = reverse("portal:password_reset")
    statuses = [
        client.post(
            url,
            {"email": f"person{n}@example.no"},
            **from_address(ATTACKER, proxies=1, forged=f"192.0.2.{n}"),
        ).status_code
        for n in range(11)
    ]
    assert statuses == [302] * 10 + [429]

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            url, {"email": "kari@example.no"}, **from_address(VICTIM_ADDRESS, proxies=1)
        )

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["kari@example.no"]]


def test_behind_a_proxy_registrations_from_one_client_do_not_block_the_others(client, settings):
    settings.PROXY_COUNT = 1
    settings.RATELIMIT_REGISTRATIONS_PER_HOUR = 2
    statuses = [
        register(
            client,
            f"person{n}@example.no",
            **from_address(ATTACKER, proxies=1, forged=f"192.0.2.{n}"),
        ).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]

    response = register(Client(), "nora@example.no", **from_address(VICTIM_ADDRESS, proxies=1))

    assert response.status_code == 302
    assert User.objects.filter(email="nora@example.no").exists()


def test_requests_without_a_known_address_are_not_limited_as_one_client(client, settings):
    # No REMOTE_ADDR (a misconfigured socket) must not make one count for everybody.
    settings.RATELIMIT_PASSWORD_RESETS_PER_HOUR = 1
    url = reverse("portal:password_reset")
    statuses = [
        Client().post(url, {"email": f"person{n}@example.no"}, REMOTE_ADDR="").status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 302]


# --- what the lock-out page promises ----------------------------------------------------


def test_a_new_password_from_the_reset_link_lifts_the_lock_as_the_page_says(
    client, citizen, django_capture_on_commit_callbacks
):
    """The page says "vent … eller bytt passord": a new password set through the link
    in the e-mail (whoever sets it has the mailbox) lifts the account's lock."""
    page = parse(fail_five_times(client, citizen.email).content)
    assert "eller bytt passord" in page.one(".ds-alert").text
    reset = page.one(f'main a[href="{reverse("portal:password_reset")}"]')
    assert reset.text == "Bytt passord"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:password_reset"), {"email": citizen.email.upper()})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    set_password = client.get(link)["Location"]
    new_password = "a-brand-new-passphrase-77"
    client.post(set_password, {"new_password1": new_password, "new_password2": new_password})

    response = log_in(client, citizen.email, new_password)

    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == citizen.pk


def test_a_password_reset_that_is_only_asked_for_does_not_lift_the_lock(
    client, citizen, django_capture_on_commit_callbacks
):
    fail_five_times(client, citizen.email)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:password_reset"), {"email": citizen.email})
    assert_locked_page(log_in(client, citizen.email))


def test_the_network_lock_page_offers_no_password_change(client):
    """Refused for the address (spraying): a new password does not help, and the page
    does not say it would."""
    for n in range(30):
        response = log_in(client, f"person{n}@example.no", "Sommer2026!")
    assert response.status_code == 429
    page = parse(response.content)
    assert "passord" not in page.one("main").text.lower()
