"""The coordinator's list and the helper's page run a fixed number of queries whatever
the number of requests and matches."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from referrals.matching import services
from referrals.matching.models import Match
from tests.referrals.matching.factories import make_helper, make_world
from tests.referrals.volunteers.factories import HelpRequestFactory

pytestmark = pytest.mark.django_db


def _queries(client, url):
    client.get(url)  # caches (content types, sessions) warmed
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _request_with_match(world, helper, *, started=False):
    help_request = HelpRequestFactory(unit=world["unit"])
    match = services.propose(help_request=help_request, helper=helper, by=world["coordinator"])
    if started:
        services.accept_by_helper(match=match, user=helper.user)
        services.accept_by_person(match=match, user=world["coordinator"])
        # A check-in is due: the helper's page looks at the check-ins answered.
        Match.objects.filter(pk=match.pk).update(started_at=timezone.now() - timedelta(weeks=3))
    return help_request


def test_requests_list_queries_do_not_grow_with_requests(client):
    world = make_world()
    client.force_login(world["coordinator"])
    url = reverse("referrals:matching_requests")
    _request_with_match(world, make_helper(world["role"]))
    one = _queries(client, url)
    for _ in range(3):
        _request_with_match(world, make_helper(world["role"]))
    assert _queries(client, url) == one


def test_helper_page_queries_do_not_grow_with_matches(client):
    world = make_world()
    helper = make_helper(world["role"])
    client.force_login(helper.user)
    url = reverse("referrals:matching_mine")
    _request_with_match(world, helper, started=True)
    one = _queries(client, url)
    for _ in range(3):
        _request_with_match(world, helper, started=True)
    assert _queries(client, url) == one
