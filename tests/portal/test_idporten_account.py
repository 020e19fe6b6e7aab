"""ID-porten accounts against the stubbed provider of tests/referrals/applications/test_idporten.py:
log-out ends the ID-porten session too (end_session_endpoint with id_token_hint and
post_logout_redirect_uri), a deactivated account is logged out, and the citizen adds a
real e-mail address, confirmed through a link."""

import re
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from django.contrib.auth import SESSION_KEY, get_user
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.models import User
from portal.oidc import ID_TOKEN_SESSION_KEY, has_placeholder_email
from portal.roles import Role
from tests.factories import DEFAULT_PASSWORD
from tests.idporten_stub import (
    ISSUER,
    PRIVATE_KEY,
    StubProvider,
    begin,
    begin_adding_to_account,
    finish,
    good_claims,
)
from tests.portal.html import parse
from tests.portal.users import user_with_password
from tests.referrals.helpers import national_id

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("idporten")]

LOGOUT = reverse("portal:logout")
LOGOUT_IDPORTEN = reverse("portal:logout_idporten")
EMAIL = reverse("accounts:email")
MY_APPLICATIONS = reverse("referrals:my_applications")


@pytest.fixture(autouse=True)
def logout_endpoint(settings):
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{ISSUER}/logout"


@pytest.fixture
def provider(monkeypatch):
    return StubProvider(monkeypatch)


def log_in_with_idporten(client, provider, pid=None):
    params = begin(client)
    response = finish(client, provider, params, good_claims(params, pid or national_id()))
    assert response.status_code == 302
    user = get_user(client)
    assert user.is_authenticated
    return user


def link_from(message) -> str:
    url = re.search(r"https?://\S+", message.body).group(0)
    return urlsplit(url).path


# --- log-out --------------------------------------------------------------------------


def end_session_url_after_log_out(client) -> str:
    """Log out; the portal's own page then sends the browser on to ID-porten (a form's
    redirect to another site would be stopped by the CSP's form-action 'self')."""
    response = client.post(LOGOUT)
    assert response.status_code == 302 and response["Location"] == LOGOUT_IDPORTEN
    page = client.get(LOGOUT_IDPORTEN)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = parse(page.content)
    refresh = html.one('meta[http-equiv="refresh"]').get("content")
    link = html.one("[data-idporten-logout]").get("href")
    assert refresh == f"0; url={link}"
    return link


def test_log_out_ends_the_session_and_the_idporten_session(client, provider):
    pid = national_id()
    log_in_with_idporten(client, provider, pid)

    location = end_session_url_after_log_out(client)

    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{ISSUER}/logout"
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert query["post_logout_redirect_uri"] == "http://127.0.0.1:8000/"
    hint = jwt.decode(
        query["id_token_hint"],
        PRIVATE_KEY.public_key(),
        algorithms=["RS256"],
        audience="aktivitetsportal",
    )
    assert hint["pid"] == pid and hint["iss"] == ISSUER
    assert SESSION_KEY not in client.session
    assert ID_TOKEN_SESSION_KEY not in client.session
    assert client.get(MY_APPLICATIONS).status_code == 302
    # The page is shown once; afterwards it leads home.
    assert client.get(LOGOUT_IDPORTEN)["Location"] == reverse("portal:home")


def test_the_log_out_page_without_a_log_out_leads_home(client):
    assert client.get(LOGOUT_IDPORTEN)["Location"] == reverse("portal:home")


def test_the_redirect_after_log_out_can_be_configured(client, provider, settings):
    settings.IDPORTEN_POST_LOGOUT_REDIRECT_URI = "https://portal.kommune.no/logget-ut/"
    log_in_with_idporten(client, provider)
    location = end_session_url_after_log_out(client)
    assert parse_qs(urlsplit(location).query)["post_logout_redirect_uri"] == [
        "https://portal.kommune.no/logget-ut/"
    ]


def test_a_local_log_in_logs_out_locally(client):
    user = user_with_password(Role.CITIZEN, email="kari@example.no")
    client.post(reverse("portal:login"), {"username": user.email, "password": DEFAULT_PASSWORD})
    assert get_user(client).pk == user.pk
    response = client.post(LOGOUT)
    assert response["Location"] == reverse("portal:home")
    assert SESSION_KEY not in client.session


def test_a_failed_idporten_log_in_keeps_no_token(client, provider):
    params = begin(client)
    finish(client, provider, params, good_claims(params, national_id(), acr="idporten-loa-low"))
    assert ID_TOKEN_SESSION_KEY not in client.session
    assert not get_user(client).is_authenticated


def test_adding_the_identity_to_a_local_account_rotates_the_session(client, provider):
    local = user_with_password(Role.CITIZEN, email="kari@example.no")
    client.force_login(local, backend="django.contrib.auth.backends.ModelBackend")
    before = client.session.session_key

    params = begin_adding_to_account(client)
    finish(client, provider, params, good_claims(params, national_id()))

    assert get_user(client).pk == local.pk
    assert client.session.session_key != before
    assert end_session_url_after_log_out(client).startswith(f"{ISSUER}/logout?")


def test_a_deactivated_idporten_account_is_logged_out_for_good(client, provider):
    user = log_in_with_idporten(client, provider)
    assert client.get(MY_APPLICATIONS).status_code == 200

    user.is_active = False
    user.save()
    assert client.get(MY_APPLICATIONS).status_code == 302

    user.is_active = True
    user.save()
    assert client.get(MY_APPLICATIONS).status_code == 302
    assert SESSION_KEY not in client.session


def test_an_idporten_session_is_refused_once_the_account_is_inactive(client, provider):
    # Even when save() is bypassed (no session epoch raised), an inactive account's
    # session is not accepted (mozilla-django-oidc's get_user alone would accept it).
    user = log_in_with_idporten(client, provider)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get(MY_APPLICATIONS).status_code == 302


# --- the e-mail address ---------------------------------------------------------------


def ask_for(client, address, capture):
    with capture(execute=True):
        return client.post(EMAIL, {"email": address})


def test_an_idporten_citizen_adds_an_email_address_confirmed_by_a_link(
    client, provider, django_capture_on_commit_callbacks
):
    user = log_in_with_idporten(client, provider)
    assert has_placeholder_email(user)
    page = parse(client.get(EMAIL).content)
    assert "vi har ikke e-postadressen din ennå" in page.one("main").text
    assert page.one("#id_email").get("autocomplete") == "email"

    response = ask_for(client, "Kari@Example.no", django_capture_on_commit_callbacks)

    assert response.status_code == 302 and response["Location"] == EMAIL
    user.refresh_from_db()
    assert has_placeholder_email(user) and user.pending_email == "kari@example.no"
    (message,) = mail.outbox
    assert message.to == ["kari@example.no"]
    assert message.subject == "Bekreft e-postadressen din"
    link = link_from(message)
    assert "kari" not in link.lower()
    page = parse(client.get(EMAIL).content)
    assert "kari@example.no" in page.one("[data-pending-email]").text

    # Opening the link (a mail scanner too) changes nothing; the button does.
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert "kari@example.no" in parse(confirm_page.content).one("main").text
    user.refresh_from_db()
    assert has_placeholder_email(user)

    response = client.post(link)

    assert response.status_code == 302 and response["Location"] == EMAIL
    user.refresh_from_db()
    assert user.email == "kari@example.no" and user.pending_email == ""
    assert get_user(client).pk == user.pk  # still logged in
    assert (
        "E-postadressen er lagret." in parse(client.get(EMAIL).content).one(".site-messages").text
    )
    # The link is used up.
    assert client.post(link).status_code == 400


def test_the_link_works_in_another_browser_without_log_in(
    client, provider, django_capture_on_commit_callbacks
):
    user = log_in_with_idporten(client, provider)
    ask_for(client, "kari@example.no", django_capture_on_commit_callbacks)
    response = Client().post(link_from(mail.outbox[0]))
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    user.refresh_from_db()
    assert user.email == "kari@example.no"


def test_an_address_of_another_account_is_not_taken_and_its_owner_is_told(
    client, provider, django_capture_on_commit_callbacks
):
    user_with_password(Role.CITIZEN, email="kari@example.no")
    user = log_in_with_idporten(client, provider)

    response = ask_for(client, "kari@example.no", django_capture_on_commit_callbacks)

    assert response.status_code == 302  # the same answer as for a free address
    user.refresh_from_db()
    assert has_placeholder_email(user) and user.pending_email == ""
    (message,) = mail.outbox
    assert message.to == ["kari@example.no"]
    assert message.subject == "Du har allerede en konto"


def test_an_address_taken_before_the_link_is_opened_is_refused(
    client, provider, django_capture_on_commit_callbacks
):
    user = log_in_with_idporten(client, provider)
    ask_for(client, "kari@example.no", django_capture_on_commit_callbacks)
    User.objects.create_user(email="kari@example.no", password="x-lang-passord-1")
    response = client.post(link_from(mail.outbox[0]))
    assert response.status_code == 400
    user.refresh_from_db()
    assert has_placeholder_email(user)


def test_a_newer_request_makes_the_older_link_stop_working(
    client, provider, django_capture_on_commit_callbacks
):
    user = log_in_with_idporten(client, provider)
    ask_for(client, "gammel@example.no", django_capture_on_commit_callbacks)
    ask_for(client, "ny@example.no", django_capture_on_commit_callbacks)
    old, new = (link_from(message) for message in mail.outbox)
    assert client.get(old).status_code == 400
    assert client.post(old).status_code == 400
    client.post(new)
    user.refresh_from_db()
    assert user.email == "ny@example.no"


@pytest.mark.parametrize(
    ("address", "error"),
    [
        ("", "Skriv e-postadressen din."),
        ("ikke-en-adresse", "Skriv en gyldig e-postadresse"),
        ("abc@id-porten.invalid", "Skriv en gyldig e-postadresse"),
    ],
)
def test_a_wrong_address_is_explained(client, provider, address, error):
    log_in_with_idporten(client, provider)
    response = client.post(EMAIL, {"email": address})
    assert response.status_code == 422
    page = parse(response.content)
    assert error in page.one("[data-error-summary]").text
    assert page.one("title").text.startswith("Feil:")


def test_the_current_address_is_not_sent_again(
    client, provider, django_capture_on_commit_callbacks
):
    user = log_in_with_idporten(client, provider)
    ask_for(client, "kari@example.no", django_capture_on_commit_callbacks)
    client.post(link_from(mail.outbox[0]))
    response = client.post(EMAIL, {"email": "kari@example.no"})
    assert response.status_code == 422
    assert "Dette er allerede e-postadressen din." in response.content.decode()
    user.refresh_from_db()
    assert user.pending_email == ""


def test_the_page_is_for_accounts_with_a_verified_identity(client):
    assert client.get(EMAIL)["Location"].startswith(reverse("portal:login"))
    client.force_login(user_with_password(Role.CITIZEN, email="kari@example.no"))
    assert client.get(EMAIL).status_code == 404


def test_a_forged_link_is_refused(client):
    assert client.get(reverse("accounts:email_confirm", args=["forged"])).status_code == 400


def test_an_idporten_citizen_without_an_address_finds_the_email_page(client, provider):
    user = log_in_with_idporten(client, provider)
    assert has_placeholder_email(user) and not user.full_name

    page = parse(client.get(MY_APPLICATIONS).content)

    assert page.one(".site-header__user").text.strip() == "Logget inn"  # not the placeholder
    assert page.select(f'a[href="{EMAIL}"]')


def test_a_local_account_without_identity_has_no_email_link(client):
    user = user_with_password(email="ola@example.no", full_name="")
    client.force_login(user)

    page = parse(client.get(MY_APPLICATIONS).content)

    assert "ola@example.no" in page.one(".site-header__user").text
    assert not page.select(f'a[href="{EMAIL}"]')
