"""/saksbehandling/finn-person/: a person's cases by national identity number. The
number is posted, never put in a URL (no redirect, no link, no Location header) or in
the access log, and the results are only the cases the caseworker may see."""

import logging
import re
from datetime import date

import pytest

from referrals.cases.models import AccessLogEntry
from tests.referrals.casework.factories import make_case
from tests.referrals.helpers import national_id

SEARCH = "/saksbehandling/finn-person/"
QUEUE = "/saksbehandling/"


@pytest.fixture
def number(world):
    return world.case.person_national_id


@pytest.fixture
def south_case(world, day_activity, districts, number):
    """The same person, applying in the south: Nora (north) may not see it."""
    return make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.south,
        person_name="Ola Nordmann",
        person_national_id=number,
    )


def _urls(html):
    return re.findall(r'(?:href|action|src)="([^"]*)"', html)


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.post(SEARCH, {"national_id": "15075050012"})
    assert response.status_code == 302 and "/konto/logg-inn/" in response["Location"]
    assert "15075050012" not in response["Location"]


def test_a_citizen_is_refused(world, login, number):
    assert login(world.citizen).post(SEARCH, {"national_id": number}).status_code == 403


def test_it_finds_the_persons_cases_within_the_caseworkers_scope(world, login, number, south_case):
    response = login(world.staff.north).post(SEARCH, {"national_id": number})
    assert response.status_code == 200
    references = {row.reference for row in response.context["results"]}
    assert references == {world.case.reference}
    html = response.content.decode()
    assert world.case.reference in html
    assert south_case.reference not in html

    south = login(world.staff.south).post(SEARCH, {"national_id": number})
    assert {row.reference for row in south.context["results"]} == {south_case.reference}


def test_a_unit_leader_finds_only_cases_about_their_units(world, login, number, south_case):
    leader = login(world.staff.leader).post(SEARCH, {"national_id": number})
    assert {row.reference for row in leader.context["results"]} == {world.case.reference}
    other = login(world.staff.other_leader).post(SEARCH, {"national_id": number})
    assert other.context["results"] == []
    assert "Ingen saker du har tilgang til" in other.content.decode()


def test_a_number_typed_with_spaces_is_found(world, login, number):
    typed = f"{number[:6]} {number[6:]}"
    response = login(world.staff.north).post(SEARCH, {"national_id": typed})
    assert [row.reference for row in response.context["results"]] == [world.case.reference]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Skriv fødselsnummeret eller D-nummeret."),
        ("1234", "må ha 11 sifre"),
        ("15075050013", "stemmer ikke"),
        ("x" * 300, "Skriv høyst"),
    ],
)
def test_a_bad_number_is_refused_next_to_the_field_and_kept(world, login, typed, message, caplog):
    with caplog.at_level(logging.DEBUG):
        response = login(world.staff.north).post(SEARCH, {"national_id": typed})
    assert response.status_code == 422
    assert "Location" not in response
    if typed:
        assert typed not in caplog.text  # the 422 is logged with the path only
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html or "ds-validation-message" in html
    if typed and len(typed) < 20:
        assert f'value="{typed}"' in html
    assert "results" not in response.context or not response.context.get("searched")


def test_the_number_is_never_in_a_url_or_the_access_log(world, login, number, south_case, caplog):
    client = login(world.staff.north)
    with caplog.at_level(logging.DEBUG):
        response = client.post(SEARCH, {"national_id": number})
        queue = client.get(QUEUE)
    assert response.status_code == 200 and "Location" not in response
    for html in (response.content.decode(), queue.content.decode()):
        for url in _urls(html):
            assert number not in url
            assert number[:6] not in url
    # The search form is on the queue and posts to the search page.
    assert f'action="{SEARCH}"' in queue.content.decode()
    assert 'method="post"' in queue.content.decode()
    assert number not in caplog.text
    for entry in AccessLogEntry.objects.all():
        for value in (entry.detail, entry.object_id, entry.reference, entry.person):
            assert number not in value
    logged = AccessLogEntry.objects.filter(object_type="person_search")
    assert [entry.application_id_logged for entry in logged] == [world.case.pk]


def test_an_empty_search_is_logged_too(world, login):
    nobody = national_id(date(1980, 1, 2))
    response = login(world.staff.north).post(SEARCH, {"national_id": nobody})
    assert response.status_code == 200 and response.context["results"] == []
    entry = AccessLogEntry.objects.get(object_type="person_search")
    assert entry.user == world.staff.north and entry.application_id_logged is None


def test_the_free_text_queue_filter_refuses_an_identity_number(world, login, number):
    response = login(world.staff.north).get(QUEUE, {"q": number, "status": "submitted"})
    assert response.status_code == 200
    assert "Fødselsnummer søker du på i skjemaet" in response.content.decode()
    entry = AccessLogEntry.objects.get(object_type="queue")
    assert number not in entry.detail
    assert "status=submitted" in entry.detail
