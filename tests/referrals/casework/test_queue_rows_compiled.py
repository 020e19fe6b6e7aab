"""A queue page's rows are read with SQL compiled once per process and number of ids
(``selectors._queue_rows_query``): the same values the ORM's query reads, for the ids
asked about only, in their order."""

import pytest
from django.db import connection

from referrals.cases.models import Application
from referrals.casework import selectors
from tests.referrals.casework.factories import make_case, take

pytestmark = pytest.mark.django_db


def _cases(world, districts, day_activity, n):
    return [world.case] + [
        make_case(
            applicant=world.citizen,
            service_type=day_activity,
            district=districts.south if i % 2 else None,
            person_name=f"Person {i}",
        )
        for i in range(n - 1)
    ]


def test_it_compiles_the_same_sql_at_any_time():
    selectors._queue_rows_query.cache_clear()
    first = selectors._queue_rows_query(connection.vendor, 3)
    selectors._queue_rows_query.cache_clear()
    second = selectors._queue_rows_query(connection.vendor, 3)
    assert (first.sql, first.params, first.slots) == (second.sql, second.params, second.slots)


def test_the_rows_are_those_the_orm_reads_in_the_order_of_the_ids(world, districts, day_activity):
    cases = _cases(world, districts, day_activity, 4)
    take(cases[2], world.staff.south)
    ids = [cases[2].pk, cases[0].pk, cases[3].pk, cases[1].pk]
    rows = selectors.queue_rows(ids)
    assert [row.reference for row in rows] == [
        Application.objects.get(pk=pk).reference for pk in ids
    ]
    orm = {
        row["reference"]: row
        for row in selectors._queue_rows(ids).values(*selectors.QUEUE_ROW_VALUES)
    }
    for row in rows:
        values = orm[row.reference]
        assert row.person_name == values["person_name"]
        assert row.due_date == values["due_date"]
        assert row.status == values["status"]
        assert row.caseworker == (values["caseworker__full_name"] or "")
        assert row.district == (values["district__name"] or "")
    assert rows[0].caseworker == "Sølvi Sør"
    # Fewer ids, then as many again: each count its own query, each call its own ids.
    assert [row.reference for row in selectors.queue_rows(ids[:1])] == [cases[2].reference]
    assert [row.reference for row in selectors.queue_rows(ids[1:2])] == [cases[0].reference]
    assert selectors.queue_rows([]) == []
