"""The queue filter's service types and districts are read with SQL compiled once per
process (``forms._terms_query``): the same choices as the fields' querysets give, and
a change in the database shows on the next request."""

import pytest
from django.db import connection

from catalogue.models import District
from referrals.casework import forms

pytestmark = pytest.mark.django_db

QUEUE = "/saksbehandling/"


def test_it_compiles_the_same_sql_at_any_time():
    for name in forms.TERM_FIELDS:
        forms._terms_query.cache_clear()
        first = forms._terms_query(name, connection.vendor)
        forms._terms_query.cache_clear()
        second = forms._terms_query(name, connection.vendor)
        assert (first.sql, first.params) == (second.sql, second.params)


def test_the_choices_are_those_of_the_fields_querysets(world):
    form = forms.QueueFilterForm()
    for name in forms.TERM_FIELDS:
        field = form.fields[name]
        expected = [("", str(field.empty_label))] + [
            (str(term.pk), str(term)) for term in field.queryset.all()
        ]
        assert [(str(value), str(label)) for value, label in field.choices] == expected
        assert len(expected) > 1


def test_a_renamed_district_shows_on_the_next_request(world, login, districts):
    client = login(world.staff.north)
    assert ">Nord</option>" in client.get(QUEUE).content.decode()
    District.objects.filter(pk=districts.north.pk).update(name="Nordre bydel")
    District.objects.create(name="Helt ny bydel")
    page = client.get(QUEUE).content.decode()
    assert ">Nordre bydel</option>" in page
    assert ">Helt ny bydel</option>" in page
    assert ">Nord</option>" not in page
