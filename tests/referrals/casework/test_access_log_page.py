"""The administrators' access-log page (/saksbehandling/tilgangslogg/): filters, who may
see it (administrators only, everyone else a 404 that is logged), that reading it is
logged, and a fixed number of queries whatever the number of rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.roles import Role
from referrals.cases.models import AccessLogEntry
from tests.portal.html import parse
from tests.referrals.helpers import MODEL_BACKEND

URL = reverse("referrals:access_log")


def _rows(response) -> list[list[str]]:
    page = parse(response.content)
    return [[cell.text for cell in row.select("th, td")] for row in page.select("table tbody tr")]


def _entry(**values) -> AccessLogEntry:
    defaults = {
        "user_label": "Nora Nord",
        "role": Role.CASEWORKER.value,
        "object_type": "application",
        "action": AccessLogEntry.Action.VIEW,
        "reference": "2026-000001",
        "person": "1: Ola Nordmann",
        "allowed": True,
    }
    defaults.update(values)
    return AccessLogEntry.objects.create(**defaults)


@pytest.fixture
def admin(world):
    return world.staff.admin


@pytest.fixture
def log(world):
    """Rows from real requests: the caseworker reads the case, downloads the attachment,
    the other district's caseworker is refused, the unit leader reads the summary."""

    def get(user, url):
        from django.test import Client

        client = Client()
        client.force_login(user, backend=MODEL_BACKEND)
        return client.get(url)

    reference = world.case.reference
    assert get(world.staff.north, f"/saksbehandling/{reference}/").status_code == 200
    attachment = reverse(
        "referrals:case_attachment",
        kwargs={"reference": reference, "attachment": world.attachment.public_id},
    )
    assert get(world.staff.north, attachment).status_code == 200
    assert get(world.staff.south, f"/saksbehandling/{reference}/").status_code == 404
    assert get(world.staff.leader, f"/saksbehandling/{reference}/").status_code == 200
    return world


def test_an_administrator_sees_the_log_newest_first(admin, log, login):
    response = login(admin).get(URL)
    assert response.status_code == 200
    rows = _rows(response)
    assert [row[1] for row in rows] == ["Lars Leder", "Sølvi Sør", "Nora Nord", "Nora Nord"]
    assert rows[1][-1] == "Avvist"
    assert rows[0][2] == "Enhetsleder"
    assert rows[0][3] == "Solsiden"
    assert rows[0][7] == f"{log.case.pk}: Ola Nordmann"
    assert log.case.person_national_id not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected_users"),
    [
        ({"avviste": "1"}, ["Sølvi Sør"]),
        ({"rolle": "unit_leader"}, ["Lars Leder"]),
        ({"handling": "download"}, ["Nora Nord"]),
        ({"objekttype": "attachment"}, ["Nora Nord"]),
        ({"person": "Ola Nord"}, ["Lars Leder", "Sølvi Sør", "Nora Nord", "Nora Nord"]),
        ({"person": "Kari Annen"}, []),
        ({"person": "2026-999999"}, []),
    ],
)
def test_the_filters(admin, log, login, query, expected_users):
    response = login(admin).get(URL, query)
    assert response.status_code == 200
    assert [row[1] for row in _rows(response)] == expected_users


def test_the_person_filter_takes_the_case_reference(admin, log, login):
    _entry(reference="2025-000777", person="1: Per Annen", user_label="Annen Bruker")
    response = login(admin).get(URL, {"person": log.case.reference})
    assert [row[6] for row in _rows(response)] == [log.case.reference] * 4


def test_the_person_filter_resolves_a_name_on_the_server(admin, world, login):
    """A row whose pseudonymous key does not carry the name (e.g. written before a name
    change) is still found through the application it is about."""
    _entry(application_id_logged=world.case.pk, person=f"{world.case.pk}", user_label="Gammel")
    response = login(admin).get(URL, {"person": "ola nordmann"})
    assert [row[1] for row in _rows(response)] == ["Gammel"]


def test_the_user_filter(admin, log, login):
    response = login(admin).get(URL, {"bruker": log.staff.north.pk})
    assert [row[1] for row in _rows(response)] == ["Nora Nord", "Nora Nord"]


def test_the_date_range(admin, world, login):
    now = timezone.now()
    _entry(at=now - timedelta(days=10), user_label="Ti dager siden")
    _entry(at=now - timedelta(days=3), user_label="Tre dager siden")
    _entry(at=now, user_label="I dag")
    start = (timezone.localdate() - timedelta(days=5)).isoformat()
    end = (timezone.localdate() - timedelta(days=1)).isoformat()
    client = login(admin)
    assert [row[1] for row in _rows(client.get(URL, {"fra": start, "til": end}))] == [
        "Tre dager siden"
    ]
    assert [row[1] for row in _rows(client.get(URL, {"til": end}))] == [
        "Tre dager siden",
        "Ti dager siden",
    ]


@pytest.mark.parametrize("spaced", [False, True])
def test_an_identity_number_is_refused_and_never_logged(admin, world, login, spaced):
    national_id = world.case.person_national_id
    typed = f"{national_id[:6]} {national_id[6:]}" if spaced else national_id
    response = login(admin).get(URL, {"person": typed})
    assert response.status_code == 200
    assert "Fødselsnummer kan ikke brukes i søket" in response.content.decode()
    assert _rows(response) == []
    for values in AccessLogEntry.objects.values():
        assert not any(national_id in str(value) for value in values.values())


def test_reading_the_log_is_logged_with_the_search(admin, log, login):
    login(admin).get(URL, {"rolle": "caseworker", "avviste": "1"})
    entry = AccessLogEntry.objects.filter(object_type="access_log").get()
    assert entry.user == admin
    assert entry.role == Role.ADMINISTRATOR.value
    assert entry.action == AccessLogEntry.Action.LIST
    assert entry.allowed is True
    assert "rolle=caseworker" in entry.detail
    assert "avviste=True" in entry.detail


@pytest.mark.parametrize(
    "who", ["north", "south", "everywhere_support", "leader", "other_leader", "citizen"]
)
def test_everyone_else_gets_a_404_and_the_refusal_is_logged(world, login, who):
    user = world.citizen if who == "citizen" else getattr(world.staff, who)
    response = login(user).get(URL)
    assert response.status_code == 404
    entry = AccessLogEntry.objects.get(object_type="access_log")
    assert entry.allowed is False
    assert entry.user == user


def test_anonymous_gets_a_404(client, db):
    assert client.get(URL).status_code == 404
    assert AccessLogEntry.objects.get(object_type="access_log").allowed is False


def test_there_is_no_way_to_change_the_log(admin, login):
    client = login(admin)
    assert client.post(URL, {}).status_code == 405
    assert client.delete(URL).status_code == 405


def test_the_navigation_links_to_it_for_administrators_only(admin, world, login):
    client = login(admin)
    page = parse(client.get("/").content)
    links = {a.text: a.get("href") for a in page.select("nav.site-nav a")}
    assert links.get("Tilgangslogg") == URL
    page = parse(login(world.staff.north).get("/").content)
    assert "Tilgangslogg" not in {a.text for a in page.select("nav.site-nav a")}


def test_the_page_has_a_captioned_table(admin, log, login):
    table = parse(login(admin).get(URL).content).one("table.ds-table")
    assert "nyeste først" in table.one("caption").text
    assert all(th.get("scope") == "col" for th in table.select("thead th"))


@pytest.mark.parametrize("count", [5, 200])
def test_the_number_of_queries_is_fixed(admin, world, login, count):
    users = [world.staff.north, world.staff.south, world.staff.leader]
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user=users[i % 3],
            user_label=users[i % 3].full_name,
            role=Role.CASEWORKER.value,
            object_type="application",
            action=AccessLogEntry.Action.VIEW,
            reference=world.case.reference,
            person=f"{world.case.pk}: Ola Nordmann",
            application_id_logged=world.case.pk,
        )
        for i in range(count)
    )
    client = login(admin)
    client.get(URL)  # warm the session and permission caches the same way for both sizes
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"person": "Ola", "rolle": "caseworker", "side": "2"})
    assert response.status_code == 200
    assert len(_rows(response)) == {5: 5, 200: 50}[count]
    # Session, user, the permissions and groups (one query), the count, the page, the
    # entry written for this read (the reader's units from the cache), the staff list
    # for the user filter: the same for 5 rows and for 200.
    assert len(queries) == EXPECTED_QUERIES, [q["sql"][:120] for q in queries]


EXPECTED_QUERIES = 7
