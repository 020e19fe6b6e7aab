"""Local citizen accounts: register, confirm the address by a signed link, log in."""

import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from portal.models import User
from portal.views_accounts import make_verification_token

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.referrals.urls")]

PASSWORD = "lang-og-trygg-passfrase-9"


def register(client, email="ny@example.no", **extra):
    data = {
        "full_name": "Nora Ny",
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    return client.post("/konto/registrer/", data)


def link_from(message) -> str:
    return (
        re.search(r"https?://\S+", message.body)
        .group(0)
        .split("testserver", 1)[-1]
        .replace("http://127.0.0.1:8000", "")
    )


def test_registration_creates_an_inactive_citizen_and_sends_a_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, "Ny@Example.no", next="/soknad/?service=dagaktivitet")
    assert response.status_code == 302 and response.url == "/konto/registrer/sendt/"
    user = User.objects.get(email="ny@example.no")
    assert not user.is_active
    assert user.groups.filter(name="citizen").exists()
    assert len(mail.outbox) == 1
    assert "ny@example.no" not in link_from(mail.outbox[0])

    # Log-in is refused until the address is confirmed.
    refused = client.post("/konto/logg-inn/", {"username": "ny@example.no", "password": PASSWORD})
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session

    link = link_from(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    user.refresh_from_db()
    assert not user.is_active  # a GET (a mail scanner) never activates
    response = client.post(link.split("?")[0], {"next": "/soknad/?service=dagaktivitet"})
    assert response.status_code == 302
    assert response.url == "/soknad/?service=dagaktivitet"
    user.refresh_from_db()
    assert user.is_active
    assert client.get("/mine-soknader/").status_code == 200


def test_a_taken_address_gets_a_notice_not_a_second_account(
    client, django_capture_on_commit_callbacks
):
    User.objects.create_user(email="kari@example.no", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, "kari@example.no")
    assert response.url == "/konto/registrer/sendt/"
    assert User.objects.filter(email="kari@example.no").count() == 1
    assert "allerede en konto" in mail.outbox[0].subject


def test_bad_input_is_shown_and_kept(client):
    response = client.post(
        "/konto/registrer/",
        {"full_name": "Nora", "email": "ikke-epost", "password1": "kort", "password2": "annet"},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Skriv en gyldig e-postadresse" in body
    assert "Passordene er ikke like" in body
    assert 'value="Nora"' in body
    assert not User.objects.exists()


def test_a_forged_or_expired_link_is_refused(client):
    user = User.objects.create_user(email="ny@example.no", password=PASSWORD, is_active=False)
    assert client.get("/konto/bekreft/forfalsket/").status_code == 400
    token = make_verification_token(user)
    with time_machine.travel(timezone.now() + timezone.timedelta(days=4)):
        assert client.post(f"/konto/bekreft/{token}/").status_code == 400
    user.refresh_from_db()
    assert not user.is_active


def test_a_link_stops_working_when_the_address_changes(client):
    user = User.objects.create_user(email="ny@example.no", password=PASSWORD, is_active=False)
    token = make_verification_token(user)
    user.email = "annen@example.no"
    user.save()
    assert client.post(f"/konto/bekreft/{token}/").status_code == 400
