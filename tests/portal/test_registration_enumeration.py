"""Registration does not tell which e-mail addresses have accounts: a new address, an
unconfirmed one and a confirmed one get the same answer, after the same work (one
password hash each; a known address used to skip it and answer ten times faster)."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.urls import reverse

from portal.models import User
from portal.roles import Role
from tests.portal.html import parse
from tests.referrals.helpers import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "lang-og-trygg-passfrase-9"


class CountingHasher(MD5PasswordHasher):
    """The tests' real (fast) hasher, counting the passwords it hashes."""

    hashed: list[str] = []

    def encode(self, password, salt):
        CountingHasher.hashed.append(password)
        return super().encode(password, salt)


@pytest.fixture(autouse=True)
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.hashed = []
    return CountingHasher


def register(client, capture, email):
    data = {"full_name": "Nora Ny", "email": email, "password1": PASSWORD, "password2": PASSWORD}
    with capture(execute=True):
        return client.post(reverse("accounts:register"), data)


@pytest.fixture
def addresses():
    make_user(Role.CITIZEN, email="kjent@example.no", is_active=True)
    make_user(Role.CITIZEN, email="ubekreftet@example.no", is_active=False)
    CountingHasher.hashed = []  # the factories' own hashing does not count
    return {
        "new": "ny@example.no",
        "unconfirmed": "ubekreftet@example.no",
        "known": "kjent@example.no",
    }


@pytest.mark.parametrize("kind", ["new", "unconfirmed", "known"])
def test_every_path_hashes_the_password_once(
    client, django_capture_on_commit_callbacks, addresses, kind
):
    response = register(client, django_capture_on_commit_callbacks, addresses[kind])
    assert response.status_code == 302
    assert CountingHasher.hashed == [PASSWORD]
    assert len(mail.outbox) == 1  # a link to confirm, or "you already have an account"
    assert mail.outbox[0].to == [addresses[kind]]


def test_a_known_address_gets_the_same_answer_as_a_new_one(
    client, django_capture_on_commit_callbacks, addresses
):
    answers = {}
    for kind in ("new", "known"):
        response = register(client, django_capture_on_commit_callbacks, addresses[kind])
        page = client.get(response["Location"])
        answers[kind] = (
            response.status_code,
            response["Location"],
            response.content,
            page.status_code,
            parse(page.content).one("main").text,
        )
    assert answers["known"] == answers["new"]
    assert User.objects.get(email="kjent@example.no").check_password(PASSWORD) is False
