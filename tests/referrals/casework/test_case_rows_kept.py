"""The rows of the queue and the person search are rendered once per row and language
and kept per process (``views.case_rows_html``): a change shows on the next request,
the language is the reader's, and one caseworker's rows never show to another."""

import pytest
from django.utils import translation

from referrals.cases.models import Application
from referrals.casework import views
from referrals.casework.selectors import queue_rows
from tests.referrals.casework.factories import make_case, take

QUEUE = "/saksbehandling/"


@pytest.fixture(autouse=True)
def _no_kept_rows():
    views._case_row_html.cache_clear()
    yield
    views._case_row_html.cache_clear()


def test_a_change_made_in_the_database_shows_on_the_next_request(world, login):
    client = login(world.staff.north)
    assert "Ola Nordmann" in client.get(QUEUE).content.decode()

    Application.objects.filter(pk=world.case.pk).update(person_name="Kari Endret")
    page = client.get(QUEUE).content.decode()
    assert "Kari Endret" in page
    assert "Ola Nordmann" not in page

    take(world.case, world.staff.north)
    assert "Nora Nord" in client.get(QUEUE).content.decode()


def test_each_language_has_its_own_rows(world, login):
    client = login(world.staff.north)
    assert "Ikke tildelt" in client.get(QUEUE, headers={"accept-language": "nb"}).content.decode()
    english = client.get(QUEUE, headers={"accept-language": "en"}).content.decode()
    assert "Not assigned" in english
    assert "Ikke tildelt" not in english
    nynorsk = client.get(QUEUE, headers={"accept-language": "nn"}).content.decode()
    assert "Ikkje tildelt" in nynorsk


def test_the_same_row_is_kept_once_per_language(world):
    # The same values in every language (a row's texts differ by language otherwise):
    # only the fixed texts of the row template tell the languages apart.
    row = queue_rows([world.case.pk])[0]
    with translation.override("nb"):
        bokmal = views.case_rows_html([row])[0]
    with translation.override("en"):
        english = views.case_rows_html([row])[0]
    assert "Ikke tildelt" in bokmal
    assert "Not assigned" in english
    assert "Ikke tildelt" not in english


def test_one_caseworkers_rows_never_show_to_another(world, login, districts, day_activity):
    south_case = make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.south,
        person_name="Sara Sørby",
    )
    north_page = login(world.staff.north).get(QUEUE).content.decode()
    assert "Ola Nordmann" in north_page
    south_page = login(world.staff.south).get(QUEUE).content.decode()
    assert "Sara Sørby" in south_page
    assert "Ola Nordmann" not in south_page
    assert world.case.reference not in south_page
    assert south_case.reference not in login(world.staff.north).get(QUEUE).content.decode()


def test_a_kept_row_is_the_row_rendered_afresh(world):
    rows = queue_rows([world.case.pk])
    with translation.override("en"):
        first = views.case_rows_html(rows)
        views._case_row_html.cache_clear()
        assert views.case_rows_html(rows) == first
        assert views.case_rows_html(rows)[0] is views.case_rows_html(rows)[0]  # kept
    assert first[0].startswith("<tr>")
    assert world.case.reference in first[0]
