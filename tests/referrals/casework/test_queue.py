"""/saksbehandling/: one queue across units, with filters, counts and a fixed number
of queries; taking, assigning, closing and reopening cases."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.cases.models import AccessLogEntry, Application, ApplicationEvent
from tests.referrals.casework.factories import make_case, make_caseworker, take

QUEUE = "/saksbehandling/"


def test_the_queue_url_is_named():
    assert reverse("referrals:queue") == QUEUE


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert "/konto/logg-inn/" in response["Location"]


def test_a_citizen_is_refused(world, login):
    assert login(world.citizen).get(QUEUE).status_code == 403


def test_an_administrator_does_not_see_the_queue(world, login):
    assert login(world.staff.admin).get(QUEUE).status_code == 403


def test_a_caseworker_sees_the_cases_of_their_service_type_and_district(
    world, login, districts, day_activity
):
    south_case = make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.south,
        person_name="Sara Sørby",
    )
    response = login(world.staff.north).get(QUEUE)
    assert response.status_code == 200
    page = response.content.decode()
    assert world.case.reference in page
    assert south_case.reference not in page


def test_the_queue_visit_is_access_logged_without_identity_numbers(world, login):
    login(world.staff.north).get(QUEUE, {"q": "Ola"})
    entry = AccessLogEntry.objects.get(object_type="queue")
    assert entry.user == world.staff.north
    assert entry.role == "caseworker"
    assert world.case.person_national_id not in entry.detail


def test_filters_by_free_text_on_name_and_reference(world, login, day_activity, districts):
    other = make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.north,
        person_name="Per Hansen",
    )
    client = login(world.staff.north)
    by_name = client.get(QUEUE, {"q": "hansen"}).content.decode()
    assert other.reference in by_name and world.case.reference not in by_name
    by_reference = client.get(QUEUE, {"q": world.case.reference}).content.decode()
    assert world.case.reference in by_reference and other.reference not in by_reference


def test_filters_by_status_assignment_and_deadline(world, login, day_activity, districts):
    overdue = make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.north,
        person_name="Olav Overdue",
        due_in_days=-2,
    )
    soon = make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.north,
        person_name="Siri Snart",
        due_in_days=3,
    )
    take(soon, world.staff.north)
    client = login(world.staff.north)

    def refs(**params):
        cases = client.get(QUEUE, params).context["page"].object_list
        return {case.reference for case in cases}

    assert refs(overdue="on") == {overdue.reference}
    assert refs(due_soon="on") == {soon.reference}
    assert refs(assigned="me") == {soon.reference}
    assert refs(assigned="unassigned") == {overdue.reference, world.case.reference}
    assert refs(status="assessment") == {soon.reference}
    assert refs(district=districts.north.pk, service_type=day_activity.pk) == {
        overdue.reference,
        soon.reference,
        world.case.reference,
    }


def test_cases_are_sorted_by_deadline(world, login, day_activity, districts):
    later = make_case(
        applicant=world.citizen, service_type=day_activity, district=districts.north, due_in_days=60
    )
    first = make_case(
        applicant=world.citizen, service_type=day_activity, district=districts.north, due_in_days=-5
    )
    cases = list(login(world.staff.north).get(QUEUE).context["page"].object_list)
    assert [c.reference for c in cases] == [first.reference, world.case.reference, later.reference]


def test_counts_per_status_cover_the_whole_scope(world, login, day_activity, districts):
    take(
        make_case(applicant=world.citizen, service_type=day_activity, district=districts.north),
        world.staff.north,
    )
    response = login(world.staff.north).get(QUEUE, {"status": "closed"})
    counts = {value: n for value, _label, n in response.context["status_counts"]}
    assert counts["submitted"] == 1
    assert counts["assessment"] == 1
    assert response.context["total"] == 2


def _make_cases(n, *, citizen, service_type, district):
    for i in range(n):
        make_case(
            applicant=citizen,
            service_type=service_type,
            district=district,
            person_name=f"Person {i}",
        )


@pytest.mark.parametrize("extra_cases", [4, 199])
def test_the_queue_runs_a_fixed_number_of_queries(
    world, login, day_activity, districts, django_assert_num_queries, extra_cases
):
    _make_cases(
        extra_cases, citizen=world.citizen, service_type=day_activity, district=districts.north
    )
    for case in Application.objects.submitted()[:3]:
        take(case, world.staff.north_colleague)
    client = login(world.staff.north)
    client.get(QUEUE)  # warm the session and permission caches like any later request
    # Session, user, permissions and groups (one query), the caseworker's assignments,
    # the data version of the cached counts, the page's ids, its rows, the access-log
    # entry (the reader's units from the cache), the filter form's service types and
    # districts.
    with django_assert_num_queries(10):
        response = client.get(QUEUE, {"assigned": "", "q": ""})
    assert response.status_code == 200
    assert response.context["total"] == extra_cases + 1


def test_taking_a_case_assigns_it_and_starts_the_assessment(world, login):
    client = login(world.staff.north)
    response = client.post(
        reverse("referrals:case_take", kwargs={"reference": world.case.reference})
    )
    assert response.status_code == 302
    world.case.refresh_from_db()
    assert world.case.caseworker == world.staff.north
    assert world.case.status == Application.Status.UNDER_ASSESSMENT
    internal = world.case.events.get(kind=ApplicationEvent.Kind.INTERNAL)
    assert internal.visible_to_citizen is False
    assert internal.action == "referrals.case.assigned"
    assert internal.data == {"name": "Nora Nord"}


def test_taking_a_case_refuses_get(world, login):
    response = login(world.staff.north).get(
        reverse("referrals:case_take", kwargs={"reference": world.case.reference})
    )
    assert response.status_code == 405


def test_a_case_can_be_assigned_to_a_colleague_and_reassigned(world, login):
    client = login(world.staff.north)
    url = reverse("referrals:case_assign", kwargs={"reference": world.case.reference})
    client.post(url, {"assign-assignee": world.staff.north_colleague.pk})
    world.case.refresh_from_db()
    assert world.case.caseworker == world.staff.north_colleague
    client.post(url, {"assign-assignee": world.staff.north.pk})
    world.case.refresh_from_db()
    assert world.case.caseworker == world.staff.north
    last = world.case.events.filter(kind="internal").last()
    assert last.action == "referrals.case.reassigned"
    assert last.data == {"old": "Kåre Kollega", "new": "Nora Nord"}


def test_closing_needs_a_reason_and_reopening_returns_it_to_assessment(world, login):
    client = login(world.staff.north)
    close = reverse("referrals:case_close", kwargs={"reference": world.case.reference})
    response = client.post(close, {"close-reason": " "})
    assert response.status_code == 422
    assert "Skriv hvorfor saken avsluttes." in response.content.decode()
    world.case.refresh_from_db()
    assert world.case.status == Application.Status.SUBMITTED

    client.post(close, {"close-reason": "Søkeren har flyttet fra kommunen."})
    world.case.refresh_from_db()
    assert world.case.status == Application.Status.CLOSED
    assert world.case.events.filter(
        status="closed",
        action="referrals.case.closed",
        data={"reason": "Søkeren har flyttet fra kommunen."},
    ).exists()

    client.post(reverse("referrals:case_reopen", kwargs={"reference": world.case.reference}))
    world.case.refresh_from_db()
    assert world.case.status == Application.Status.UNDER_ASSESSMENT


def test_overdue_cases_are_marked_in_the_list(world, login, day_activity, districts):
    make_case(
        applicant=world.citizen, service_type=day_activity, district=districts.north, due_in_days=-1
    )
    page = login(world.staff.north).get(QUEUE).content.decode()
    assert "Over fristen" in page
    assert timezone.localdate() - timedelta(days=1)


def test_the_pages_link_to_each_other_and_keep_the_filters(
    world, login, day_activity, districts, monkeypatch
):
    from referrals.casework import selectors as casework_selectors

    monkeypatch.setattr(casework_selectors, "QUEUE_PAGE_SIZE", 2)
    _make_cases(4, citizen=world.citizen, service_type=day_activity, district=districts.north)
    client = login(world.staff.north)

    first = client.get(QUEUE, {"q": "Person"}).content.decode()
    response = client.get(QUEUE, {"q": "Person", "side": "2"})
    second = response.content.decode()
    pages = response.context["page"].paginator.num_pages

    assert 'href="?q=Person&amp;side=2">Neste side</a>' in first
    assert "Forrige side" not in first
    assert 'href="?q=Person&amp;side=1">Forrige side</a>' in second
    assert pages >= 2 and f"Side 2 av {pages}" in second


def test_a_row_names_the_service_type_and_district_in_the_readers_language_and_the_caseworker(
    world, login, day_activity, districts
):
    """The rows are read as plain values (referrals.casework.selectors.queue_rows), not as
    model instances: what they show must still be what str() of each object says."""
    districts.north.name_nn = "Nord (nynorsk)"
    districts.north.save()
    nameless = make_caseworker(service_type=day_activity, email="utennavn@example.no", full_name="")
    take(world.case, nameless)
    other = make_case(applicant=world.citizen, service_type=day_activity, district=districts.north)
    client = login(world.staff.north)

    def rows(language):
        response = client.get(QUEUE, HTTP_ACCEPT_LANGUAGE=language)
        return {row.reference: row for row in response.context["page"].object_list}

    norwegian, nynorsk = rows("nb"), rows("nn")
    assert norwegian[world.case.reference].service_type == day_activity.name
    assert nynorsk[world.case.reference].service_type == day_activity.name_nn
    assert norwegian[world.case.reference].district == "Nord"
    assert nynorsk[world.case.reference].district == "Nord (nynorsk)"
    assert norwegian[world.case.reference].caseworker == "utennavn@example.no"
    assert norwegian[world.case.reference].url == f"{QUEUE}{world.case.reference}/"
    assert norwegian[other.reference].caseworker == ""
    assert "Ikke tildelt" in client.get(QUEUE, HTTP_ACCEPT_LANGUAGE="nb").content.decode()


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_queue_indexes_exist():
    """The deadline order over everyone's cases, and within one caseworker's (migrations
    0009 and 0025, PostgreSQL only)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'referrals_application'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"application_queue_covering", "application_caseworker_queue"} <= names


def test_the_queue_with_a_service_type_and_a_district_chosen_stays_within_12_queries(
    world, login, day_activity, districts, django_assert_max_num_queries
):
    """Issue 14's budget at its tightest: the two chosen filter values are each checked
    with one query (ModelChoiceField), and the filter form's choices read with one each
    (names only); the queue's own queries as in the test above."""
    client = login(world.staff.north)
    params = {"service_type": day_activity.pk, "district": districts.north.pk, "side": "1"}
    client.get(QUEUE, params)  # warm the session and permission caches
    with django_assert_max_num_queries(12):
        response = client.get(QUEUE, params)
    assert response.status_code == 200
    assert [row.reference for row in response.context["page"].object_list] == [world.case.reference]
