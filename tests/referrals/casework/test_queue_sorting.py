"""/saksbehandling/: sorting by the table's columns (a whitelist; anything else is the
default order), and the filters for appeals by their forwarding deadline and for
decisions awaiting a second approval."""

from datetime import timedelta

import pytest
from django.utils import timezone

from referrals.cases.models import Appeal
from referrals.casework.models import DecisionProposal
from referrals.casework.selectors import APPEAL_FORWARD_DAYS, QueueSort
from tests.referrals.casework.factories import decide, make_case, take

QUEUE = "/saksbehandling/"


@pytest.fixture
def three(world, day_activity, districts):
    """Three cases in the north with names and deadlines in different orders."""
    world.case.person_name = "Ola Nordmann"
    world.case.save(update_fields=["person_name"])
    b = make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.north,
        person_name="Berit Berg",
        due_in_days=60,
    )
    a = make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.north,
        person_name="Anne Aas",
        due_in_days=-5,
    )
    return a, b, world.case


def _names(response):
    return [row.person_name for row in response.context["page"].object_list]


def test_it_sorts_by_name_ascending_and_descending(world, login, three):
    client = login(world.staff.north)
    assert _names(client.get(QUEUE, {"sort": "navn"})) == [
        "Anne Aas",
        "Berit Berg",
        "Ola Nordmann",
    ]
    assert _names(client.get(QUEUE, {"sort": "-navn"})) == [
        "Ola Nordmann",
        "Berit Berg",
        "Anne Aas",
    ]


def test_it_sorts_by_deadline_descending(world, login, three):
    a, b, c = three
    response = login(world.staff.north).get(QUEUE, {"sort": "-frist"})
    assert [r.reference for r in response.context["page"].object_list] == [
        b.reference,
        c.reference,
        a.reference,
    ]


@pytest.mark.parametrize(
    "value", ["hacker", "-", "--navn", "person_national_id", "navn;drop", "x" * 500, ""]
)
def test_an_unknown_sort_is_ignored(world, login, three, value):
    a, b, c = three
    response = login(world.staff.north).get(QUEUE, {"sort": value})
    assert response.status_code == 200
    assert [r.reference for r in response.context["page"].object_list] == [
        a.reference,
        c.reference,
        b.reference,
    ]


def test_the_column_headers_are_sort_links_with_aria_sort(world, login, three):
    client = login(world.staff.north)
    html = client.get(QUEUE, {"status": "submitted"}).content.decode()
    # The default order is by deadline, ascending; a click sorts it descending.
    assert (
        '<th scope="col" aria-sort="ascending"><a class="ds-link queue-sort" href="?status=submitted&amp;sort=-frist">'
        in html
    )
    assert 'href="?status=submitted&amp;sort=navn">Gjelder</a>' in html
    assert html.count("aria-sort=") == 1

    html = client.get(QUEUE, {"sort": "navn", "side": "1"}).content.decode()
    assert 'aria-sort="ascending"><a class="ds-link queue-sort" href="?sort=-navn">Gjelder' in html
    html = client.get(QUEUE, {"sort": "-navn"}).content.decode()
    assert 'aria-sort="descending"><a class="ds-link queue-sort" href="?sort=navn">Gjelder' in html
    # The filter form keeps the chosen sort.
    assert '<input type="hidden" name="sort" value="-navn">' in html


def test_the_pager_keeps_the_sort(world, login, three, monkeypatch):
    from referrals.casework import selectors

    monkeypatch.setattr(selectors, "QUEUE_PAGE_SIZE", 2)
    response = login(world.staff.north).get(QUEUE, {"sort": "-navn"})
    assert 'href="?sort=-navn&amp;side=2"' in response.content.decode()
    second = login(world.staff.north).get(QUEUE, {"sort": "-navn", "side": "2"})
    assert _names(second) == ["Anne Aas"]


def test_sort_parsing_is_a_whitelist():
    assert QueueSort.parse("-status") == QueueSort(key="status", descending=True)
    assert QueueSort.parse("status") == QueueSort(key="status")
    assert QueueSort.parse("pk") == QueueSort()
    assert QueueSort.parse(None) == QueueSort()
    assert QueueSort().order_by() == ("due_date", "submitted_at", "pk")
    assert QueueSort.parse("-bydel").order_by() == ("-district__name", "-pk")


def _appeal(case, caseworker, *, received_days_ago):
    decision = decide(case, caseworker)
    return Appeal.objects.create(
        application=case,
        decision=decision,
        reasons="Jeg trenger flere dager.",
        submitted_at=timezone.now() - timedelta(days=received_days_ago),
    )


def test_it_filters_appeals_by_their_forwarding_deadline(world, login, day_activity, districts):
    def case(name):
        made = make_case(
            applicant=world.citizen,
            service_type=day_activity,
            district=districts.north,
            person_name=name,
        )
        take(made, world.staff.north)
        return made

    past = case("Per Passert")
    near = case("Nina Nær")
    fresh = case("Frida Fersk")
    forwarded = case("Finn Videresendt")
    _appeal(past, world.staff.north, received_days_ago=APPEAL_FORWARD_DAYS + 1)
    _appeal(near, world.staff.north, received_days_ago=APPEAL_FORWARD_DAYS - 3)
    _appeal(fresh, world.staff.north, received_days_ago=1)
    done = _appeal(forwarded, world.staff.north, received_days_ago=APPEAL_FORWARD_DAYS + 5)
    Appeal.objects.filter(pk=done.pk).update(status=Appeal.Status.FORWARDED)
    client = login(world.staff.north)

    def refs(value):
        response = client.get(QUEUE, {"appeal_deadline": value})
        assert response.status_code == 200
        return {row.reference for row in response.context["page"].object_list}

    assert refs("past") == {past.reference}
    assert refs("near") == {near.reference}
    assert len(refs("nonsense")) == 5  # an unknown choice filters nothing


def test_it_filters_decisions_awaiting_approval(world, login, day_activity, districts):
    waiting = make_case(
        applicant=world.citizen, service_type=day_activity, district=districts.north
    )
    returned = make_case(
        applicant=world.citizen, service_type=day_activity, district=districts.north
    )
    fields = {
        "outcome": "granted",
        "facts": "Fakta.",
        "reasons": "Begrunnelse.",
        "weekdays": [1],
        "drafted_by": world.staff.north_colleague,
    }
    DecisionProposal.objects.create(application=waiting, **fields)
    DecisionProposal.objects.create(
        application=returned, status=DecisionProposal.Status.RETURNED, **fields
    )
    response = login(world.staff.north).get(QUEUE, {"awaiting_approval": "on"})
    assert [r.reference for r in response.context["page"].object_list] == [waiting.reference]
    assert "Vedtak som venter på godkjenning" in response.content.decode()


def test_sorting_and_the_new_filters_keep_the_queue_within_its_query_budget(
    world, login, three, django_assert_max_num_queries
):
    client = login(world.staff.north)
    params = {"sort": "-saksbehandler", "appeal_deadline": "past", "awaiting_approval": "on"}
    client.get(QUEUE, params)  # warm the session and permission caches
    with django_assert_max_num_queries(12):
        assert client.get(QUEUE, {**params, "sort": "tjenestetype"}).status_code == 200
