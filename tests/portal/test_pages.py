"""The portal's own pages: front page, accessibility statement, privacy notice, layout."""

import pytest
from django.urls import reverse

from portal.roles import Role
from tests.portal.html import parse
from tests.portal.users import staff_with_password, user_with_password

pytestmark = pytest.mark.django_db

PAGES = [
    "portal:home",
    "portal:accessibility",
    "portal:privacy",
    "portal:login",
    "portal:password_reset",
]


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_in_bokmal_with_one_h1(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    page = parse(response.content)
    assert page.one("html").get("lang") == "nb"
    assert len(page.select("h1")) == 1
    assert page.one("title").text.endswith("Eksempel kommune")


@pytest.mark.parametrize("name", PAGES)
def test_layout_landmarks(client, name):
    page = parse(client.get(reverse(name)).content)
    skip = page.select("body a")[0]
    assert skip.get("href") == "#main"
    assert "ds-skip-link" in skip.get("class")
    assert page.one("main").get("id") == "main"
    assert page.one("main").get("tabindex") == "-1"
    assert len(page.select("header")) == 1
    assert len(page.select("footer")) == 1
    labels = [nav.get("aria-label") for nav in page.select("nav")]
    assert all(labels) and len(labels) == len(set(labels)), labels


def test_language_is_chosen_with_a_post_form_and_returns_to_the_page(client):
    page = parse(client.get(reverse("portal:accessibility")).content)
    form = page.one("form.language-switcher")
    assert form.get("method") == "post"
    assert form.get("action") == reverse("set_language")
    assert form.one('input[name="next"]').get("value") == reverse("portal:accessibility")
    assert [b.get("value") for b in form.select("button")] == ["nn", "en"]
    assert form.one("[aria-current]").get("lang") == "nb"

    response = client.post(
        reverse("set_language"), {"language": "nn", "next": reverse("portal:accessibility")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:accessibility")
    page = parse(client.get(reverse("portal:accessibility")).content)
    assert page.one("html").get("lang") == "nn"


def test_anonymous_header_offers_log_in(client):
    page = parse(client.get("/").content)
    assert page.one("header a.site-header__login").get("href") == reverse("portal:login")
    assert not page.select("header form.site-header__logout")


def test_logged_in_header_offers_log_out_by_post(client):
    user = user_with_password(full_name="Kari Nordmann")
    client.force_login(user)
    page = parse(client.get("/").content)
    form = page.one("header form.site-header__logout")
    assert form.get("method") == "post"
    assert form.get("action") == reverse("portal:logout")
    assert "Logget inn som Kari" in form.text


def test_navigation_shows_staff_entries_only_to_their_role(client):
    page = parse(client.get("/").content)
    anonymous_links = {a.text for a in page.select('nav[aria-label="Hovedmeny"] a')}
    assert "Administrasjon" not in anonymous_links
    admin = staff_with_password(Role.ADMINISTRATOR)
    client.force_login(admin)
    page = parse(client.get("/").content)
    links = {a.text for a in page.select('nav[aria-label="Hovedmeny"] a')}
    assert "Administrasjon" in links


def test_home_links_only_to_pages_that_exist(client):
    page = parse(client.get("/").content)
    for link in page.select("main a"):
        href = link.get("href")
        assert client.get(href).status_code in {200, 302}, href


@pytest.mark.parametrize(
    ("language", "words"),
    [("nb", "slettes etter 400 dager"), ("nn", "blir sletta etter 400 dagar")],
)
def test_privacy_notice_tells_about_the_anonymous_search_counts(client, settings, language, words):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    text = parse(client.get(reverse("portal:privacy")).content).one("main").text
    assert words in " ".join(text.split())
