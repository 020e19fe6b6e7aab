"""An ID-porten log-in in a browser where a local account (e-mail and password) is
logged in, against the real OpenID Provider on loopback (tests/oidc_provider).

- On a shared computer where the previous person did not log out, the next person's
  "Logg inn med ID-porten" is their own log-in: the previous account does not get their
  identity (nor, with it, their cases), and the previous session ends.
- The owner of a local account adds ID-porten to it only from the account page
  (``/konto/id-porten/legg-til/``): its button (a POST) starts the log-in at ID-porten,
  and only the answer to that request, within minutes, adds the identity.
- A log-in cancelled at ID-porten leaves the session as it was.
"""

import time
from importlib import import_module

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse

from portal.oidc import LINK_SECONDS, LINK_SESSION_KEY, VERIFIED_IDENTITY_SESSION_KEY
from portal.roles import Role
from referrals.demo import seed_service_types
from tests.factories import DEFAULT_PASSWORD
from tests.idporten_stub import continue_url
from tests.oidc_provider import KARI, client_metadata, start_provider
from tests.oidc_provider.browser import SITE, ProviderBrowser, portal_path
from tests.portal.html import parse
from tests.portal.users import user_with_password
from tests.referrals.helpers import make_submitted

pytestmark = pytest.mark.django_db

CLIENT = "portal"
START = "/konto/id-porten/"
ADD = "/konto/id-porten/legg-til/"
FAILED_CANCELLED = "/konto/id-porten/mislyktes/?grunn=avbrutt"


@pytest.fixture(scope="module")
def provider():
    with start_provider([client_metadata(CLIENT, SITE)]) as provider:
        yield provider


@pytest.fixture
def idporten(provider, settings):
    provider.portal_settings(settings, CLIENT, site=SITE)
    return provider


@pytest.fixture
def local(client):
    """Per, logged in with e-mail and password (and, at a shared computer, gone
    without logging out)."""
    user = user_with_password(Role.CITIZEN, email="per@example.no", full_name="Per Hansen")
    client.post(reverse("portal:login"), {"username": user.email, "password": DEFAULT_PASSWORD})
    assert get_user(client).pk == user.pk
    return user


def answer(client, provider, authorization_url: str, user=KARI, action="login"):
    """The citizen at ID-porten (logs in, or cancels); the portal's answer to the
    browser coming back."""
    browser = ProviderBrowser(provider)
    login_page = browser.go(authorization_url)
    assert login_page.status_code == 200, login_page.text
    return client.get(portal_path(browser.log_in(login_page, user, action)))


def session_exists(key: str) -> bool:
    return import_module(django_settings.SESSION_ENGINE).SessionStore().exists(key)


def ask_to_add(client, next_path="/mine-soknader/") -> str:
    """The owner presses the account page's button; a page of ours leads on to
    ID-porten (the address it leads to)."""
    response = client.post(f"{ADD}?next={next_path}")
    assert response.status_code == 200
    return continue_url(response)


# --- the next person at a shared computer ----------------------------------------------


def test_the_next_person_logs_in_to_their_own_account_and_the_previous_session_ends(
    client, idporten, local
):
    previous_session = client.session.session_key

    response = answer(client, idporten, client.get(START).url)

    assert response.status_code == 302
    local.refresh_from_db()
    assert local.national_id == ""
    user = get_user(client)
    assert user.pk != local.pk and user.national_id == KARI.pid
    assert client.session[VERIFIED_IDENTITY_SESSION_KEY]
    assert not session_exists(previous_session)
    # What the next person sends is theirs: the previous person, with their password,
    # does not see it.
    application = make_submitted(
        applicant=user,
        service_type=seed_service_types()[0],
        person_national_id=KARI.pid,
        on_behalf=False,
        verified=True,
    )
    previous_person = Client()
    previous_person.post(
        reverse("portal:login"), {"username": local.email, "password": DEFAULT_PASSWORD}
    )
    page = previous_person.get(reverse("referrals:my_applications"))
    assert page.status_code == 200
    assert application.reference not in page.content.decode()
    detail = reverse("referrals:application_detail", args=[application.reference])
    assert previous_person.get(detail).status_code == 404


# --- the owner adds ID-porten to their account -----------------------------------------


def test_the_owner_adds_idporten_to_their_account_from_the_account_page(client, idporten, local):
    page = parse(client.get(f"{ADD}?next=/mine-soknader/").content)
    assert "per@example.no" in page.one("[data-idporten-link-account]").text
    form = page.one("main form")
    assert form.get("method") == "post" and form.get("action") == f"{ADD}?next=/mine-soknader/"
    before = client.session.session_key

    response = answer(client, idporten, ask_to_add(client))

    assert response.status_code == 302 and response.url == "/mine-soknader/"
    local.refresh_from_db()
    assert local.national_id == KARI.pid
    assert get_user(client).pk == local.pk
    assert client.session[VERIFIED_IDENTITY_SESSION_KEY]
    assert client.session.session_key != before  # the session now reaches more: rotated
    assert LINK_SESSION_KEY not in client.session


def test_a_log_in_started_after_the_request_to_add_does_not_add(client, idporten, local):
    """The owner asked, then walked away at ID-porten; the next person starts their
    own log-in in the same browser."""
    ask_to_add(client)

    answer(client, idporten, client.get(START).url)

    local.refresh_from_db()
    assert local.national_id == ""
    assert get_user(client).national_id == KARI.pid


def test_a_request_to_add_lasts_minutes(client, idporten, local):
    # The owner asked a little longer ago than a request lasts (the provider's own
    # clock, and the ID token it signs, are now).
    with time_machine.travel(time.time() - LINK_SECONDS - 5, tick=True):
        authorization_url = ask_to_add(client)

    answer(client, idporten, authorization_url)

    local.refresh_from_db()
    assert local.national_id == ""
    assert get_user(client).pk != local.pk


def test_the_request_to_add_is_used_up_by_a_cancelled_log_in(client, idporten, local):
    response = answer(client, idporten, ask_to_add(client), action="cancel")

    assert response.url == FAILED_CANCELLED
    assert LINK_SESSION_KEY not in client.session
    local.refresh_from_db()
    assert local.national_id == ""


@pytest.mark.parametrize(
    "start_at", ["log-in", "account page"], ids=["plain-log-in", "adding-to-the-account"]
)
def test_cancelling_at_idporten_leaves_the_local_log_in_as_it_was(
    client, idporten, local, start_at
):
    before = client.session.session_key
    authorization_url = client.get(START).url if start_at == "log-in" else ask_to_add(client)

    response = answer(client, idporten, authorization_url, action="cancel")

    assert response.status_code == 302 and response.url == FAILED_CANCELLED
    assert get_user(client).pk == local.pk
    assert client.session.session_key == before
    page = parse(client.get(response.url).content)
    assert "du er fortsatt logget inn som før" in page.one("main").text
    assert client.get(reverse("referrals:my_applications")).status_code == 200


# --- the account page ------------------------------------------------------------------


def test_the_account_page_is_for_a_local_account_without_an_identity(client, idporten):
    assert client.get(ADD)["Location"].startswith(reverse("portal:login"))
    assert client.post(ADD)["Location"].startswith(reverse("portal:login"))
    linked = user_with_password(Role.CITIZEN, email="ola@example.no", national_id=KARI.pid)
    client.force_login(linked)
    assert client.get(ADD).status_code == 404
    assert client.post(ADD).status_code == 404


def test_the_account_page_leads_back_only_to_this_site(client, idporten, local):
    response = client.get(f"{ADD}?next=https://angriper.example/")
    main = parse(response.content).one("main")
    assert main.one("form").get("action") == ADD
    assert [link.get("href") for link in main.select("a")] == ["/"]


def test_the_account_page_is_off_unless_idporten_is(client, local, settings):
    settings.IDPORTEN_ENABLED = False
    assert client.get(ADD).status_code == 404
    assert client.post(ADD).status_code == 404
