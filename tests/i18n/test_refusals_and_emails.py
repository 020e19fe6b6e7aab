"""What the page walk of test_language_leaks.py does not reach reads in one language too:
the pages that refuse a request (a form with a stale CSRF token, too many log-in
attempts, too many requests from one address) and every e-mail the portal sends."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.emails import queue_email
from portal.roles import Role
from tests.i18n.leaks import leaks
from tests.portal.html import parse
from tests.portal.users import user_with_password

pytestmark = pytest.mark.django_db

LANGUAGES = ["nb", "nn", "en"]
HEADINGS = {
    "nb": "Skjemaet kunne ikke sendes",
    "nn": "Skjemaet kunne ikkje sendast",
    "en": "The form could not be sent",
}


def client_in(language: str, **kwargs) -> Client:
    client = Client(**kwargs)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def assert_one_language(html: str | bytes, language: str) -> None:
    page = parse(html)
    assert page.get("lang") == language
    html = html.decode() if isinstance(html, bytes) else html
    assert not leaks(html, language, [settings.MUNICIPALITY_NAME])


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_refused_for_its_csrf_token_says_what_to_do_in_the_readers_language(language):
    client = client_in(language, enforce_csrf_checks=True)
    response = client.post(reverse("portal:login"), {"username": "kari@example.no"})
    assert response.status_code == 403
    page = parse(response.content)
    assert page.one("h1").text == HEADINGS[language]
    assert page.select("link[rel=stylesheet]")  # the portal's page, not Django's bare one
    assert "CSRF" not in page.text
    assert_one_language(response.content, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_lockout_page_reads_in_one_language(language, settings):
    settings.AXES_FAILURE_LIMIT = 1
    user_with_password(Role.CITIZEN, email="kari@example.no")
    client = client_in(language)
    response = client.post(
        reverse("portal:login"), {"username": "kari@example.no", "password": "feil"}
    )
    assert response.status_code == 429
    assert_one_language(response.content, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_rate_limit_page_reads_in_one_language(language, settings):
    settings.RATELIMIT_PASSWORD_RESETS_PER_HOUR = 1
    client = client_in(language)
    url = reverse("portal:password_reset")
    statuses = [client.post(url, {"email": "kari@example.no"}).status_code for _ in range(2)]
    assert statuses[-1] == 429
    response = client.post(url, {"email": "kari@example.no"})
    assert_one_language(response.content, language)


# --- e-mails ---------------------------------------------------------------------------


def email_templates() -> list[str]:
    """Every plain-text template: the portal's e-mails (subject on the first line)."""
    roots = [Path(settings.BASE_DIR) / "templates"] + [
        Path(settings.BASE_DIR) / app / "templates" for app in ("portal", "catalogue", "referrals")
    ]
    roots += sorted(Path(settings.BASE_DIR, "referrals").glob("*/templates"))
    found = {
        str(path.relative_to(root))
        for root in roots
        if root.exists()
        for path in root.rglob("*.txt")
    }
    return sorted(found)


EMAILS = email_templates()
CONTEXT = {
    "link": "https://portal.example/lenke/",
    "municipality_name": settings.MUNICIPALITY_NAME,
    "reference": "S-2026-0042",
    "unit": "Solsikken",
    "status": "submitted",
    "days": 3,
    "offer": SimpleNamespace(title="Solsikken"),
    "offers": [SimpleNamespace(title="Solsikken"), SimpleNamespace(title="Månen")],
}


def test_every_e_mail_is_found():
    assert len(EMAILS) >= 14
    assert "registration/password_reset_email.txt" in EMAILS


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", EMAILS)
def test_every_e_mail_reads_in_one_language(template, language, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(to=["kari@example.no"], template=template, context=CONTEXT, language=language)
    (message,) = mail.outbox
    text = f"{message.subject}\n{message.body}"
    assert message.subject and message.body
    assert not leaks(text, language, [settings.MUNICIPALITY_NAME]), text
