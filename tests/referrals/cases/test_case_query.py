"""The caseworker's case fetch (``access._one_case``) runs SQL compiled once per process
(``portal.compiled``): it must find the same case, with the same related objects, as the
queryset it was compiled from, see changes at once, and never let one caseworker's
assignments open a case for another."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals.cases import access
from referrals.cases.models import Application, CaseworkerAssignment
from tests.referrals.casework.factories import take

pytestmark = pytest.mark.django_db


def test_it_compiles_the_same_sql_at_any_time():
    access._caseworker_case_query.cache_clear()
    first = access._caseworker_case_query(connection.vendor)
    access._caseworker_case_query.cache_clear()
    second = access._caseworker_case_query(connection.vendor)
    assert (first.sql, first.params, first.slots) == (second.sql, second.params, second.slots)


def test_it_finds_the_case_the_queryset_finds(world):
    north = world.staff.north
    take(world.case, north)  # a caseworker on the case: a fourth related row
    found = access._one_case(north, world.case.reference)
    expected = access._caseworker_case(north.pk, world.case.reference).get()
    assert found is not None
    assert [(f.attname, getattr(found, f.attname)) for f in Application._meta.concrete_fields] == [
        (f.attname, getattr(expected, f.attname)) for f in Application._meta.concrete_fields
    ]
    with CaptureQueriesContext(connection) as queries:
        related = (found.service_type, found.district, found.caseworker, found.applicant)
    assert len(queries) == 0  # read with the case
    assert related == (
        expected.service_type,
        expected.district,
        expected.caseworker,
        expected.applicant,
    )
    assert related[0].name == expected.service_type.name
    assert related[2].full_name == "Nora Nord"


def test_one_caseworkers_assignment_opens_nothing_for_another(world):
    case = world.case.reference
    assert access._one_case(world.staff.north, case) is not None
    # The same query for the caseworker in the other district, after the first one ran.
    assert access._one_case(world.staff.south, case) is None
    assert access._one_case(world.staff.everywhere_support, case) is None
    assert access._one_case(world.staff.north, "2099-000000") is None


def test_a_change_in_the_database_counts_on_the_next_request(world, login):
    client = login(world.staff.north)
    url = reverse("referrals:case", kwargs={"reference": world.case.reference})
    assert client.get(url).status_code == 200

    Application.objects.filter(pk=world.case.pk).update(person_name="Kari Endret")
    assert "Kari Endret" in client.get(url).content.decode()

    CaseworkerAssignment.objects.filter(user=world.staff.north).delete()
    assert client.get(url).status_code == 404

    CaseworkerAssignment.objects.create(
        user=world.staff.north, service_type=world.case.service_type, district=None
    )
    assert client.get(url).status_code == 200


def test_the_assignments_are_read_for_the_caseworker_asked_about(world, districts, day_activity):
    access._assignments_query.cache_clear()
    first = access._assignments_query(connection.vendor)
    access._assignments_query.cache_clear()
    assert (first.sql, first.params) == (lambda q: (q.sql, q.params))(
        access._assignments_query(connection.vendor)
    )
    north, south = world.staff.north, world.staff.south
    assert access.staff_applications(north).filter(pk=world.case.pk).exists()
    assert not access.staff_applications(south).filter(pk=world.case.pk).exists()
    # A change made straight in the database counts at once.
    CaseworkerAssignment.objects.create(user=south, service_type=day_activity, district=None)
    assert access.staff_applications(south).filter(pk=world.case.pk).exists()
    CaseworkerAssignment.objects.filter(user=north).delete()
    assert not access.staff_applications(north).filter(pk=world.case.pk).exists()
