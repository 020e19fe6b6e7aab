"""Personal pages are never kept by a browser or a proxy: every response to a logged-in
user says ``Cache-Control: private, no-store`` (portal.middleware.PrivatePagesMiddleware),
and so do the pages a signed e-mail link opens; public pages for visitors who are not
logged in keep their own caching.

Every URL of the project is checked for a logged-in user in
tests/security/test_methods_csrf.py, and every URL of the access matrix for every
logged-in role in tests/security/test_access_matrix.py; here: the account pages, the
log-in and log-out, and what stays public."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from portal.roles import Role
from portal.views_accounts import make_email_change_token, make_verification_token
from tests.catalogue.factories import OfferFactory
from tests.factories import DEFAULT_PASSWORD
from tests.portal.caching import assert_private, cache_directives
from tests.portal.users import staff_with_password, user_with_password
from tests.referrals.helpers import MODEL_BACKEND, make_user, national_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen():
    return user_with_password(Role.CITIZEN, email="kari@example.no")


@pytest.fixture
def logged_in(client, citizen):
    client.force_login(citizen, backend=MODEL_BACKEND)
    return client


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("bilde.png", buffer.getvalue(), content_type="image/png")


# --- account pages ----------------------------------------------------------------------


def test_the_email_page_of_an_idporten_account_is_private(client):
    user = make_user(Role.CITIZEN, email="id@example.no", national_id=national_id(start=300))
    client.force_login(user, backend=MODEL_BACKEND)
    response = client.get(reverse("accounts:email"))
    assert response.status_code == 200
    assert_private(response)
    response = client.post(reverse("accounts:email"), {"email": "ny@example.no"})
    assert response.status_code == 302
    assert_private(response)


@pytest.mark.parametrize(
    "name",
    ["accounts:register", "accounts:register_done", "portal:login", "portal:password_reset"],
)
def test_account_pages_are_private_for_a_logged_in_user(logged_in, name):
    assert_private(logged_in.get(reverse(name)), name)


def test_the_email_confirmation_link_is_private_without_a_log_in(client, citizen):
    """It shows the new address to whoever opens it: nothing may keep it."""
    citizen.pending_email = "ny-adresse@example.no"
    citizen.save(update_fields=["pending_email"])
    url = reverse("accounts:email_confirm", kwargs={"token": make_email_change_token(citizen)})
    response = client.get(url)
    assert response.status_code == 200
    assert "ny-adresse@example.no" in response.content.decode()
    assert_private(response)


def test_the_verification_link_is_private_without_a_log_in(client):
    user = make_user(Role.CITIZEN, email="ny@example.no", is_active=False)
    url = reverse("accounts:verify", kwargs={"token": make_verification_token(user)})
    response = client.get(url)
    assert response.status_code == 200
    assert_private(response)
    response = client.post(url)  # confirms and logs in
    assert response.status_code == 302
    assert_private(response)


# --- logging in and out -------------------------------------------------------------------


def test_the_answer_to_a_log_in_is_private(client, citizen):
    response = client.post(
        reverse("portal:login"), {"username": "kari@example.no", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()
    assert_private(response)


def test_the_answer_to_a_log_out_is_private(logged_in):
    response = logged_in.post(reverse("portal:logout"))
    assert response.status_code == 302
    assert_private(response)


def test_the_idle_timeout_log_out_is_private(client, settings):
    settings.STAFF_IDLE_TIMEOUT_SECONDS = 60
    with time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC), tick=False) as t:
        client.force_login(staff_with_password(Role.CASEWORKER))
        client.get("/")
        t.shift(dt.timedelta(minutes=5))
        response = client.get(reverse("referrals:queue"))
    assert response.status_code == 302
    assert_private(response)


def test_a_stricter_header_is_kept(logged_in):
    """The log-in page's own never_cache (no-cache, must-revalidate, max-age=0) stays."""
    directives = cache_directives(logged_in.get(reverse("portal:login")))
    assert {"private", "no-store", "no-cache", "must-revalidate", "max-age"} <= directives


# --- public pages -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/tilbud/", "/tilbud/kaffetreff/", "/api/v1/services/", "/tilbud/finn/"],
)
def test_public_pages_for_visitors_are_not_marked_private(client, path):
    OfferFactory(slug="kaffetreff")
    response = client.get(path)
    assert response.status_code == 200
    assert not cache_directives(response) & {"private", "no-store"}, path


def test_the_same_public_pages_are_private_for_a_logged_in_user(logged_in):
    OfferFactory(slug="kaffetreff")
    for path in ("/", "/tilbud/", "/tilbud/kaffetreff/"):
        assert_private(logged_in.get(path), path)


def test_an_offer_picture_keeps_its_public_caching_for_visitors_only(client, citizen):
    offer = OfferFactory(slug="kaffetreff", image=png(), image_alt="Kaffekopper på et bord")
    url = reverse("catalogue:offer_image", kwargs={"slug": offer.slug})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=86400"

    client.force_login(citizen, backend=MODEL_BACKEND)
    assert_private(client.get(url))
