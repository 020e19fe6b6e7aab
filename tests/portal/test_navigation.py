"""The main navigation and the footer lead to the sign-ups and volunteer pages:
"Mine påmeldinger" beside "Mine søknader" for a signed-in person only, "Bli frivillig"
in every footer (the helper's own page is linked from /frivillig/: a footer link for
helpers only would cost a query on every page)."""

import pytest
from django.urls import reverse

from portal.roles import Role
from tests.portal.html import parse
from tests.referrals.helpers import MODEL_BACKEND, make_user
from tests.referrals.volunteers.factories import HelperProfileFactory

pytestmark = pytest.mark.django_db


def _nav(client) -> dict[str, str]:
    page = parse(client.get("/").content)
    return {a.text.strip(): a.get("href") for a in page.select("nav.site-nav a")}


def _footer(client) -> dict[str, str]:
    page = parse(client.get("/").content)
    return {a.text.strip(): a.get("href") for a in page.select("footer.site-footer a")}


def test_my_signups_is_in_the_menu_after_my_applications_when_signed_in(client):
    client.force_login(make_user(Role.CITIZEN), backend=MODEL_BACKEND)
    labels = list(_nav(client))
    assert _nav(client)["Mine påmeldinger"] == reverse("catalogue:my_signups")
    assert labels.index("Mine påmeldinger") == labels.index("Mine søknader") + 1


def test_my_signups_is_not_in_the_menu_of_an_anonymous_visitor(client):
    assert "Mine påmeldinger" not in _nav(client)


def test_the_footer_invites_volunteers_on_every_page(client):
    assert _footer(client)["Bli frivillig"] == reverse("referrals:volunteers")
    assert "Min side som hjelper" not in _footer(client)
    page = parse(client.get(reverse("portal:privacy")).content)
    assert reverse("referrals:volunteers") in {
        a.get("href") for a in page.select("footer.site-footer a")
    }


def test_a_helper_finds_their_page_through_the_footer_and_frivillig(client):
    """The footer leads to /frivillig/, which links the helper's own page."""
    citizen = make_user(Role.CITIZEN)
    HelperProfileFactory(user=citizen)
    client.force_login(citizen, backend=MODEL_BACKEND)
    assert "Min side som hjelper" not in _footer(client)
    page = parse(client.get(reverse("referrals:volunteers")).content)
    assert reverse("referrals:volunteer_mine") in {a.get("href") for a in page.select("main a")}


def test_the_menu_in_english(client):
    client.force_login(make_user(Role.CITIZEN), backend=MODEL_BACKEND)
    client.cookies["django_language"] = "en"
    assert _nav(client)["My sign-ups"] == reverse("catalogue:my_signups")
    assert _footer(client)["Become a volunteer"] == reverse("referrals:volunteers")
