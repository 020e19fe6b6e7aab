"""Deactivating or deleting a user ends all their sessions at once, and re-activating
the account later does not bring an old session back (portal.sessions)."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from portal.models import User
from portal.roles import Role
from portal.sessions import end_all_sessions
from tests.factories import DEFAULT_PASSWORD
from tests.portal.users import staff_with_password, user_with_password

pytestmark = pytest.mark.django_db

MY_APPLICATIONS = reverse("referrals:my_applications")
LOGIN = reverse("portal:login")


@pytest.fixture
def citizen():
    return user_with_password(Role.CITIZEN, email="kari@example.no")


@pytest.fixture
def caseworker():
    return staff_with_password(Role.CASEWORKER, email="sara@kommune.no")


@pytest.fixture
def admin_client():
    admin = staff_with_password(Role.ADMINISTRATOR, email="admin@kommune.no", is_superuser=True)
    client = Client()
    client.force_login(admin)
    return client


def logged_in(user) -> Client:
    """A browser logged in through the form, as the person would be."""
    client = Client()
    response = client.post(LOGIN, {"username": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    return client


def page_for(user) -> str:
    # A page behind the log-in for both (staff can apply for themselves too).
    return MY_APPLICATIONS


def assert_logged_out(client, user):
    response = client.get(page_for(user))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def deactivate_in_admin(admin_client, user):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "phone": user.phone,
        "groups": [group.pk for group in user.groups.all()],
        "units": [],
        # "is_active" left out: the box is unticked
    }
    if user.is_staff:
        data["is_staff"] = "on"
    response = admin_client.post(reverse("admin:portal_user_change", args=[user.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert not user.is_active


@pytest.mark.parametrize("who", ["citizen", "caseworker"])
def test_deactivating_in_the_admin_logs_the_user_out(who, request, admin_client):
    user = request.getfixturevalue(who)
    browser = logged_in(user)
    assert browser.get(page_for(user)).status_code == 200

    deactivate_in_admin(admin_client, user)

    assert_logged_out(browser, user)


@pytest.mark.parametrize("who", ["citizen", "caseworker"])
@pytest.mark.parametrize("update_fields", [None, ["is_active"]], ids=["save", "update-fields"])
def test_deactivating_in_code_logs_the_user_out_and_reactivating_does_not_revive(
    who, update_fields, request
):
    user = request.getfixturevalue(who)
    browser = logged_in(user)
    other_browser = logged_in(user)

    user.is_active = False
    user.save(update_fields=update_fields)
    assert_logged_out(browser, user)

    user.is_active = True
    user.save(update_fields=update_fields)
    assert_logged_out(browser, user)
    assert_logged_out(other_browser, user)  # never used while inactive: ended too
    assert SESSION_KEY not in browser.session
    assert SESSION_KEY not in other_browser.session

    # The person can log in again as usual.
    assert logged_in(user).get(page_for(user)).status_code == 200


def test_reactivating_after_the_admin_does_not_revive_the_session(citizen, admin_client):
    browser = logged_in(citizen)
    deactivate_in_admin(admin_client, citizen)
    citizen.is_active = True
    citizen.save()
    assert_logged_out(browser, citizen)
    assert SESSION_KEY not in browser.session


def test_a_deleted_user_is_logged_out(caseworker):
    browser = logged_in(caseworker)
    caseworker.delete()
    assert_logged_out(browser, caseworker)


def test_other_changes_keep_the_user_logged_in(citizen):
    browser = logged_in(citizen)
    citizen.full_name = "Kari Nordmann-Hansen"
    citizen.save()
    inactive = user_with_password(email="inaktiv@example.no", is_active=False)
    inactive.full_name = "Ina Aktiv"
    inactive.save()  # already inactive: nothing to end
    assert browser.get(MY_APPLICATIONS).status_code == 200
    assert User.objects.get(pk=inactive.pk).session_epoch == 0


def test_end_all_sessions_logs_out_every_browser_of_an_active_user(caseworker):
    browsers = [logged_in(caseworker), logged_in(caseworker)]
    end_all_sessions(caseworker)
    for browser in browsers:
        assert_logged_out(browser, caseworker)
    assert logged_in(caseworker).get(MY_APPLICATIONS).status_code == 200


def test_existing_sessions_survive_the_new_hash_until_an_epoch_is_set(citizen):
    # Epoch 0 gives Django's own hash, so sessions made before this change live on.
    from django.contrib.auth.base_user import AbstractBaseUser

    assert citizen.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(citizen)
    end_all_sessions(citizen)
    assert citizen.get_session_auth_hash() != AbstractBaseUser.get_session_auth_hash(citizen)


def test_the_middleware_removes_the_session_of_a_deactivated_user_at_once(citizen, settings):
    middleware = "portal.sessions.EndedSessionMiddleware"
    if middleware not in settings.MIDDLEWARE:
        position = settings.MIDDLEWARE.index(
            "django.contrib.auth.middleware.AuthenticationMiddleware"
        )
        settings.MIDDLEWARE = [
            *settings.MIDDLEWARE[: position + 1],
            middleware,
            *settings.MIDDLEWARE[position + 1 :],
        ]
    browser = logged_in(citizen)
    User.objects.filter(pk=citizen.pk).update(is_active=False)  # bypasses save()
    assert_logged_out(browser, citizen)
    assert SESSION_KEY not in browser.session
