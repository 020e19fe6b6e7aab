"""The administrators' role page (/saksbehandling/roller/): who may use it, the list of
staff with their roles and scopes, giving and taking away each role with its scope, the
log of every change, bad input, and the access log's "Enhet" for caseworkers."""

import pytest
from django.conf import settings
from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.contrib.auth.models import Group
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.roles import Role
from referrals.cases import access
from referrals.cases.models import AccessLogEntry, CaseworkerAssignment
from tests.portal.html import parse
from tests.referrals.casework.factories import make_caseworker, make_unit_leader
from tests.referrals.helpers import MODEL_BACKEND, make_user

URL = reverse("referrals:roles")
GRANT = reverse("referrals:roles_grant")
REVOKE = reverse("referrals:roles_revoke")


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


@pytest.fixture
def admin(db):
    return make_user(Role.ADMINISTRATOR, email="admin@example.no", full_name="Ada Admin")


@pytest.fixture
def person(db):
    return make_user(email="ny@example.no", full_name="Nils Ny")


def _rows(response) -> dict[str, list[str]]:
    page = parse(response.content)
    return {
        row.one("th").text: [cell.text for cell in row.select("td")]
        for row in page.select("#staff-table tbody tr")
    }


# --- who may use it ---------------------------------------------------------------


def test_the_administrator_sees_the_page(admin):
    response = _client(admin).get(URL)
    assert response.status_code == 200
    page = parse(response.content)
    assert page.one("#staff-table caption").text
    assert page.select("#staff-table thead th[scope=col]")


@pytest.mark.parametrize("who", ["caseworker", "unit_leader", "citizen"])
def test_others_get_403(who, day_activity, units, admin):
    user = {
        "caseworker": lambda: make_caseworker(service_type=day_activity),
        "unit_leader": lambda: make_unit_leader(unit=units.sun),
        "citizen": lambda: make_user(Role.CITIZEN),
    }[who]()
    client = _client(user)
    assert client.get(URL).status_code == 403
    assert client.post(GRANT, {"email": user.email, "role": "administrator"}).status_code == 403
    assert client.post(REVOKE, {"person": admin.pk, "role": "administrator"}).status_code == 403
    assert Role.ADMINISTRATOR.value not in set(user.groups.values_list("name", flat=True))
    assert admin.groups.filter(name=Role.ADMINISTRATOR.value).exists()


@pytest.mark.parametrize("url", [URL, GRANT, REVOKE])
def test_anonymous_goes_to_the_login(url, db):
    response = Client().post(url) if url != URL else Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.parametrize("url", [GRANT, REVOKE])
def test_changes_reject_get(url, admin):
    assert _client(admin).get(url).status_code == 405


# --- the list ---------------------------------------------------------------------


def test_it_lists_staff_with_roles_and_scopes(admin, day_activity, districts, units, citizen):
    caseworker = make_caseworker(
        service_type=day_activity, district=districts.north, full_name="Cato Case"
    )
    caseworker.units.add(units.moon)
    make_unit_leader(unit=units.sun, full_name="Lise Leder")

    rows = _rows(_client(admin).get(URL))

    assert "Cato Case" in rows
    assert "Saksbehandler" in rows["Cato Case"][1]
    assert rows["Cato Case"][2] == "Månen"
    assert str(day_activity) in rows["Cato Case"][3] and "Nord" in rows["Cato Case"][3]
    assert "Enhetsleder" in rows["Lise Leder"][1] and rows["Lise Leder"][2] == "Solsiden"
    assert citizen.full_name not in rows


def test_it_filters_by_role_and_searches(admin, day_activity, units):
    make_caseworker(service_type=day_activity, full_name="Cato Case", email="cato@example.no")
    make_unit_leader(unit=units.sun, full_name="Lise Leder")
    client = _client(admin)

    assert set(_rows(client.get(URL, {"rolle": "unit_leader"}))) == {"Lise Leder"}
    assert set(_rows(client.get(URL, {"q": "cato@"}))) == {"Cato Case"}
    assert set(_rows(client.get(URL, {"q": "lise"}))) == {"Lise Leder"}
    assert client.get(URL, {"rolle": "nonsense"}).status_code == 200


# --- giving and taking away --------------------------------------------------------


def _log_for(person) -> LogEntry:
    return LogEntry.objects.filter(object_id=str(person.pk)).latest("pk")


def test_giving_the_caseworker_role_with_its_scope(admin, person, day_activity, districts, units):
    response = _client(admin).post(
        GRANT,
        {
            "email": "NY@example.no",
            "role": "caseworker",
            "units": [units.sun.pk],
            "service_types": [day_activity.pk],
            "districts": [districts.north.pk, districts.south.pk],
        },
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.has_perm("referrals.change_application")
    assert person.is_staff
    assert list(person.units.all()) == [units.sun]
    assert set(
        CaseworkerAssignment.objects.filter(user=person).values_list("service_type", "district")
    ) == {(day_activity.pk, districts.north.pk), (day_activity.pk, districts.south.pk)}
    entry = _log_for(person)
    assert entry.user == admin and entry.action_flag == ADDITION
    assert "caseworker" in entry.get_change_message()
    assert "Solsiden" in entry.get_change_message()


def test_caseworker_without_districts_covers_every_district(admin, person, day_activity, units):
    _client(admin).post(
        GRANT,
        {
            "email": person.email,
            "role": "caseworker",
            "units": [units.sun.pk],
            "service_types": [day_activity.pk],
        },
    )
    assignment = CaseworkerAssignment.objects.get(user=person)
    assert assignment.district is None


def test_giving_and_taking_the_unit_leader_role(admin, person, units):
    client = _client(admin)
    client.post(GRANT, {"email": person.email, "role": "unit_leader", "units": [units.moon.pk]})
    assert person.has_role(Role.UNIT_LEADER)
    assert list(person.units.all()) == [units.moon]

    response = client.post(REVOKE, {"person": person.pk, "role": "unit_leader"})

    assert response.status_code == 302
    person = type(person).objects.get(pk=person.pk)
    assert not person.has_role(Role.UNIT_LEADER)
    assert not person.units.exists()
    entry = _log_for(person)
    assert entry.user == admin and entry.action_flag == DELETION
    assert "unit_leader" in entry.get_change_message()


def test_giving_and_taking_the_administrator_role(admin, person):
    client = _client(admin)
    client.post(GRANT, {"email": person.email, "role": "administrator"})
    assert person.has_role(Role.ADMINISTRATOR)
    assert _log_for(person).action_flag == ADDITION

    client.post(REVOKE, {"person": person.pk, "role": "administrator"})
    person = type(person).objects.get(pk=person.pk)
    assert not person.has_role(Role.ADMINISTRATOR)
    assert _log_for(person).action_flag == DELETION


def test_taking_the_caseworker_role_removes_its_scope(admin, day_activity, units):
    caseworker = make_caseworker(service_type=day_activity)
    caseworker.units.add(units.sun)

    _client(admin).post(REVOKE, {"person": caseworker.pk, "role": "caseworker"})

    caseworker = type(caseworker).objects.get(pk=caseworker.pk)
    assert not caseworker.has_role(Role.CASEWORKER)
    assert not CaseworkerAssignment.objects.filter(user=caseworker).exists()
    assert not caseworker.units.exists()
    entry = _log_for(caseworker)
    assert entry.action_flag == DELETION and str(day_activity) in entry.get_change_message()


def test_units_stay_while_another_role_uses_them(admin, day_activity, units):
    person = make_caseworker(service_type=day_activity)
    person.groups.add(Group.objects.get(name=Role.UNIT_LEADER.value))
    person.units.add(units.sun)

    _client(admin).post(REVOKE, {"person": person.pk, "role": "caseworker"})

    assert list(person.units.all()) == [units.sun]


def test_an_administrator_cannot_remove_their_own_role(admin):
    response = _client(admin).post(
        REVOKE, {"person": admin.pk, "role": "administrator"}, follow=True
    )
    assert admin.groups.filter(name=Role.ADMINISTRATOR.value).exists()
    assert "egen administratorrolle" in response.content.decode()
    assert not LogEntry.objects.exists()


def test_the_page_shows_the_changes(admin, person):
    client = _client(admin)
    client.post(GRANT, {"email": person.email, "role": "administrator"})
    page = parse(client.get(URL).content)
    text = page.one("#changes-table").text
    assert "Ada Admin" in text and "Nils Ny" in text and "administrator" in text


# --- bad input ---------------------------------------------------------------------


def test_an_unknown_email_keeps_what_was_typed(admin, units):
    response = _client(admin).post(
        GRANT, {"email": "finnes.ikke@example.no", "role": "unit_leader", "units": [units.sun.pk]}
    )

    assert response.status_code == 422
    page = parse(response.content)
    assert page.one("input[name=email]").get("value") == "finnes.ikke@example.no"
    assert "Fant ingen aktiv konto" in response.content.decode()
    assert page.one(f"input[name=units][value='{units.sun.pk}']").has("checked")
    assert not LogEntry.objects.exists()


def test_a_caseworker_needs_a_unit_and_a_service_type(admin, person):
    response = _client(admin).post(GRANT, {"email": person.email, "role": "caseworker"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Velg minst én enhet." in body and "Velg minst én tjenestetype." in body
    assert not person.groups.exists()


def test_nonsense_never_gives_a_500(admin):
    client = _client(admin)
    assert client.post(GRANT, {"email": "x", "role": "superuser"}).status_code == 422
    assert client.post(REVOKE, {"person": "abc", "role": "x"}).status_code == 302
    assert client.post(REVOKE, {"person": 999999, "role": "caseworker"}).status_code == 404


def test_a_superuser_cannot_be_found_by_an_administrator(admin):
    make_user(email="root@example.no", is_superuser=True)
    response = _client(admin).post(GRANT, {"email": "root@example.no", "role": "administrator"})
    assert response.status_code == 422


# --- the access log's "Enhet" ----------------------------------------------------------


def test_a_caseworker_given_a_unit_fills_the_access_logs_unit(admin, person, day_activity, units):
    _client(admin).post(
        GRANT,
        {
            "email": person.email,
            "role": "caseworker",
            "units": [units.sun.pk],
            "service_types": [day_activity.pk],
        },
    )

    entry = access.log_access(
        user=person, action=AccessLogEntry.Action.VIEW, object_type="application"
    )

    assert entry.unit_label == "Solsiden"
    page = parse(_client(admin).get(reverse("referrals:access_log")).content)
    cells = [[c.text.strip() for c in row.select("th, td")] for row in page.select("tbody tr")]
    assert any(person.full_name in row and "Solsiden" in row for row in cells)


def test_the_list_takes_the_same_queries_for_more_people(admin, day_activity, districts, units):
    def queries() -> int:
        client = _client(admin)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    make_caseworker(service_type=day_activity, district=districts.north).units.add(units.sun)
    queries()  # the content types are cached after the first page
    few = queries()
    for _ in range(4):
        person = make_caseworker(service_type=day_activity, district=districts.south)
        person.units.add(units.moon)
        make_unit_leader(unit=units.sun)
    assert queries() == few


# --- the approver role (four eyes) -------------------------------------------------


def test_giving_and_taking_the_approver_role(admin, day_activity, units):
    caseworker = make_caseworker(service_type=day_activity, full_name="Gunn Godkjenner")
    caseworker.units.add(units.sun)
    client = _client(admin)

    response = client.post(GRANT, {"email": caseworker.email, "role": "approver"}, follow=True)

    caseworker = type(caseworker).objects.get(pk=caseworker.pk)
    assert caseworker.has_role(Role.APPROVER) and caseworker.has_perm(access.APPROVE_PERMISSION)
    assert "har fått rollen Godkjenner" in response.content.decode()
    assert _log_for(caseworker).action_flag == ADDITION
    assert "approver" in _log_for(caseworker).get_change_message()
    assert "Godkjenner" in _rows(client.get(URL))["Gunn Godkjenner"][1]

    # The caseworker role stays while the person approves.
    refused = client.post(REVOKE, {"person": caseworker.pk, "role": "caseworker"}, follow=True)
    assert "Fjern rollen godkjenner" in refused.content.decode()
    assert type(caseworker).objects.get(pk=caseworker.pk).has_role(Role.CASEWORKER)

    client.post(REVOKE, {"person": caseworker.pk, "role": "approver"})
    caseworker = type(caseworker).objects.get(pk=caseworker.pk)
    assert not caseworker.has_role(Role.APPROVER) and caseworker.has_role(Role.CASEWORKER)
    assert CaseworkerAssignment.objects.filter(user=caseworker).exists()
    assert list(caseworker.units.all()) == [units.sun]
    assert _log_for(caseworker).action_flag == DELETION


def test_only_a_caseworker_can_be_an_approver(admin, person):
    response = _client(admin).post(GRANT, {"email": person.email, "role": "approver"})
    assert response.status_code == 422
    assert "Gi personen rollen saksbehandler først" in response.content.decode()
    assert not person.groups.exists()
    assert not LogEntry.objects.exists()
