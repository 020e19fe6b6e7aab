"""Fixtures for the volunteer tests."""

import pytest

from portal.roles import Role
from tests.referrals.helpers import MODEL_BACKEND, make_user


@pytest.fixture
def helper_client(client):
    """A citizen who signs up as a helper, logged in (``client.user``)."""
    user = make_user(Role.CITIZEN, email="hege@example.no", full_name="Hege Hjelper")
    client.force_login(user, backend=MODEL_BACKEND)
    client.user = user
    return client
