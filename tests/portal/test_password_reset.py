"""Password reset: the e-mail goes through the tasks framework and its link (on SITE_URL,
tests/portal/test_email_links.py) works."""

import re
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from tests.portal.html import parse
from tests.portal.users import user_with_password

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase-77"


def link_path(message) -> str:
    """The path of the link in the e-mail (on SITE_URL), for the test client."""
    return re.search(re.escape(settings.SITE_URL) + r"(/\S+)", message.body).group(1)


def request_reset(client, capture, email):
    with capture(execute=True):
        return client.post(reverse("portal:password_reset"), {"email": email})


def test_reset_email_is_sent_through_the_task_queue(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    from portal import emails, tasks

    enqueued = []

    def spy(**kwargs):
        enqueued.append(kwargs)
        return tasks.send_email.enqueue(**kwargs)  # ImmediateBackend in tests: runs now

    monkeypatch.setattr(emails, "send_email", SimpleNamespace(enqueue=spy))
    user_with_password(email="kari@example.no")

    response = request_reset(client, django_capture_on_commit_callbacks, "kari@example.no")

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:password_reset_done")
    assert len(enqueued) == 1
    assert enqueued[0]["to"] == ["kari@example.no"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Velg nytt passord – Eksempel kommune"
    assert "Noen har bedt om å få bytte passordet" in message.body


def test_the_link_in_the_email_sets_a_new_password(client, django_capture_on_commit_callbacks):
    user = user_with_password(email="kari@example.no")
    request_reset(client, django_capture_on_commit_callbacks, "kari@example.no")
    link = link_path(mail.outbox[0])

    response = client.get(link)
    assert response.status_code == 302  # Django swaps the token for a session marker
    set_password_url = response["Location"]
    page = parse(client.get(set_password_url).content)
    assert page.select("#id_new_password1") and page.select("#id_new_password2")

    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == reverse("portal:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    # The link works once only.
    page = parse(client.get(link, follow=True).content)
    assert "Lenken virker ikke lenger" in page.one("main").text

    client.post(reverse("portal:login"), {"username": "kari@example.no", "password": NEW_PASSWORD})
    assert int(client.session[SESSION_KEY]) == user.pk


def test_mismatched_new_passwords_are_explained(client, django_capture_on_commit_callbacks):
    user_with_password(email="kari@example.no")
    request_reset(client, django_capture_on_commit_callbacks, "kari@example.no")
    link = link_path(mail.outbox[0])
    set_password_url = client.get(link)["Location"]
    page = parse(
        client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": "x"}).content
    )
    assert page.select("[data-error-summary] a[href='#id_new_password2']")


def test_unknown_address_gets_the_same_answer_and_no_email(
    client, django_capture_on_commit_callbacks
):
    response = request_reset(client, django_capture_on_commit_callbacks, "nobody@example.no")
    assert response["Location"] == reverse("portal:password_reset_done")
    assert mail.outbox == []


def test_invalid_address_is_shown_in_the_summary(client):
    page = parse(
        client.post(reverse("portal:password_reset"), {"email": "ikke-en-adresse"}).content
    )
    assert page.one("[data-error-summary] a").get("href") == "#id_email"
