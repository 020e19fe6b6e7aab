"""The case page's fixed queries run SQL compiled once per process (``portal.compiled``):
the preferred offers and the newest timeline events must be what the related managers
give, for the case asked about only, and changes must show on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals.cases.models import ApplicationEvent
from referrals.casework import selectors
from tests.referrals.casework.factories import make_case, take

pytestmark = pytest.mark.django_db


def _events(case):
    return selectors.newest(case.events.select_related("actor"), selectors.CASE_PAGE_RECENT)


def test_it_compiles_the_same_sql_at_any_time():
    for query in (selectors._preferred_offers_query, selectors._recent_events_query):
        query.cache_clear()
        first = query(connection.vendor)
        query.cache_clear()
        second = query(connection.vendor)
        assert (first.sql, first.params, first.slots) == (second.sql, second.params, second.slots)


def test_the_newest_events_are_those_of_the_related_manager(world):
    take(world.case, world.staff.north)  # an event with an actor
    for i in range(selectors.CASE_PAGE_RECENT + 2):
        ApplicationEvent.objects.create(
            application=world.case, kind="internal", note=f"Nr. {i}", data={"nr": i}
        )
    events, more = selectors.recent_events(world.case)
    expected, expected_more = _events(world.case)
    assert [e.pk for e in events] == [e.pk for e in expected]
    assert [(e.at, e.data, e.note) for e in events] == [(e.at, e.data, e.note) for e in expected]
    assert events[-1].data == {"nr": selectors.CASE_PAGE_RECENT + 1}  # JSON read as JSON
    assert more is expected_more is True
    with CaptureQueriesContext(connection) as queries:
        actors = [e.actor for e in events]
        cases = {e.application for e in events}
    assert len(queries) == 0  # read with the events, as select_related does
    assert actors == [e.actor for e in expected]
    assert cases == {world.case}


def test_each_case_gets_its_own_offers_and_events(world, districts, day_activity):
    other = make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.north,
        person_name="Per Annen",
    )
    assert [
        o.pk
        for o in selectors.run(
            selectors.Offer.objects.all(),
            selectors._preferred_offers_query(connection.vendor),
            {"application": world.case.pk},
        )
    ] == [world.offer.pk]
    page = selectors.case_page_data(user=world.staff.north, application=other)
    assert page["preferred_offers"] == []
    mine = {e.pk for e in selectors.recent_events(world.case)[0]}
    theirs = {e.pk for e in selectors.recent_events(other)[0]}
    assert mine and theirs and not mine & theirs
    assert theirs == {e.pk for e in other.events.all()}


def test_a_change_in_the_database_shows_on_the_next_request(world, login):
    client = login(world.staff.north)
    url = reverse("referrals:case", kwargs={"reference": world.case.reference})
    page = client.get(url).content.decode()
    assert world.offer.title in page
    world.case.preferred_offers.clear()
    ApplicationEvent.objects.filter(application=world.case).update(note="Endret i databasen")
    ApplicationEvent.objects.create(application=world.case, kind="internal", note="Ny hendelse")
    page = client.get(url).content.decode()
    assert world.offer.title not in page
    assert "Ny hendelse" in page
