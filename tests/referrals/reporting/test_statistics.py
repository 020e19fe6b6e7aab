"""/saksbehandling/statistikk/: numbers per service type and month, no personal data."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from referrals.capacity.models import WaitingListEntry
from referrals.cases.models import Appeal, Application, Decision, DecisionContent
from referrals.casework.models import AppealForwarding
from referrals.reporting import statistics as stats
from referrals.reporting.statistics import monthly as statistics
from tests.referrals.casework.factories import decide, make_case, take

URL = "/saksbehandling/statistikk/"


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


def test_counts_outcomes_and_processing_times(world, day_activity, districts):
    take(world.case, world.staff.north)
    Application.objects.filter(pk=world.case.pk).update(
        submitted_at=timezone.now() - timedelta(days=10)
    )
    decide(world.case, world.staff.north, offer=world.offer)
    other = take(
        make_case(applicant=world.citizen, service_type=day_activity, district=districts.north),
        world.staff.north,
    )
    decide(other, world.staff.north, outcome="refused")
    make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.north,
        due_in_days=-3,
    )
    rows = [r for r in statistics() if r["service_type"] == str(day_activity)]
    this_month = [r for r in rows if r["month"] == timezone.localdate().replace(day=1)]
    total = {
        key: sum(r[key] for r in rows) for key in ("received", "decided", "granted", "refused")
    }
    assert total == {"received": 3, "decided": 2, "granted": 1, "refused": 1}
    assert this_month[0]["overdue"] == 1
    assert this_month[0]["p90_days"] >= 9.9


def test_percentiles_use_the_nearest_rank():
    values = [float(n) for n in range(10, 0, -1)]
    assert stats.percentile(values, 0.5) == 5
    assert stats.percentile(values, 0.9) == 9
    assert stats.percentile([3.0], 0.9) == 3
    assert stats.percentile([], 0.5) is None


def test_last_months_ends_with_this_month_and_crosses_the_new_year():
    months = stats.last_months(count=3, today=datetime(2026, 2, 17).date())
    assert [m.isoformat() for m in months] == ["2025-12-01", "2026-01-01", "2026-02-01"]


def _submitted(world, day_activity, districts, *, on, status=None, due=None):
    case = make_case(applicant=world.citizen, service_type=day_activity, district=districts.north)
    changes = {"submitted_at": on}
    if status:
        changes["status"] = status
    if due:
        changes["due_date"] = due
    Application.objects.filter(pk=case.pk).update(**changes)
    case.refresh_from_db()
    return case


def _decision(case, outcome, issued_at):
    return Decision.objects.create(
        application=case, outcome=outcome, appeal_basis="pbrl-7-5", issued_at=issued_at
    )


@pytest.fixture
def history(world, day_activity, districts):
    """Cases spread over two months of 2025, decided, appealed and waiting."""
    Application.objects.filter(pk=world.case.pk).update(submitted_at=at(2024, 12, 1))
    march = [
        _submitted(world, day_activity, districts, on=at(2025, 3, day), status="decided")
        for day in (1, 2, 3, 4)
    ]
    open_late = _submitted(  # still open and past its due date
        world, day_activity, districts, on=at(2025, 3, 10), due=at(2025, 4, 7).date()
    )
    decisions = [
        _decision(march[0], "granted", at(2025, 3, 11)),  # 10 days
        _decision(march[1], "partly_granted", at(2025, 3, 22)),  # 20 days
        _decision(march[2], "refused", at(2025, 4, 3)),  # 31 days, in April
        _decision(march[3], "rejected", at(2025, 3, 5)),  # 1 day
    ]
    appeal = {
        "reasons": "Jeg er uenig.",
        "submitted_at": at(2025, 4, 10),
    }
    granted = Appeal.objects.create(
        application=march[0], decision=decisions[0], status="granted", **appeal
    )
    upheld = Appeal.objects.create(
        application=march[1], decision=decisions[1], status="resolved", **appeal
    )
    AppealForwarding.objects.create(
        appeal=upheld, comments="-", case_file="letters/x.pdf", outcome="upheld"
    )
    waiting = Appeal.objects.create(
        application=march[2], decision=decisions[2], status="forwarded", **appeal
    )
    AppealForwarding.objects.create(appeal=waiting, comments="-", case_file="letters/y.pdf")
    for added, removed in [
        (at(2025, 3, 12), None),  # waits through March and April
        (at(2025, 3, 15), at(2025, 4, 2)),  # waited in March only
        (at(2025, 4, 20), None),  # April only
    ]:
        WaitingListEntry.objects.create(
            offer=world.offer,
            application=march[0],
            decision=decisions[0],
            weekday=1,
            added_at=added,
            removed_at=removed,
        )
    return {"open_late": open_late, "appeals": [granted, upheld, waiting]}


def _row(day_activity, year, month):
    rows = stats.monthly(today=datetime(2025, 6, 1).date())
    return next(
        r
        for r in rows
        if r["service_type"] == str(day_activity) and r["month"] == datetime(year, month, 1).date()
    )


def test_each_month_counts_received_decided_and_outcomes(history, day_activity):
    march = _row(day_activity, 2025, 3)
    assert march["received"] == 5
    assert march["decided"] == 3
    assert (march["granted"], march["partly_granted"], march["refused"], march["rejected"]) == (
        1,
        1,
        0,
        1,
    )
    april = _row(day_activity, 2025, 4)
    assert (april["received"], april["decided"], april["refused"]) == (0, 1, 1)


def test_processing_time_is_days_from_submission_to_decision(history, day_activity):
    march = _row(day_activity, 2025, 3)  # 1, 10 and 20 days
    assert (march["median_days"], march["p90_days"]) == (10.0, 20.0)
    april = _row(day_activity, 2025, 4)  # 31 days
    assert (april["median_days"], april["p90_days"]) == (31.0, 31.0)


def test_a_later_decision_counts_but_does_not_stretch_the_processing_time(history, day_activity):
    first = Decision.objects.get(outcome="granted")
    Decision.objects.create(
        application=first.application,
        outcome="refused",
        appeal_basis="pbrl-7-5",
        issued_at=at(2025, 4, 28),
        replaces=first,
    )
    april = _row(day_activity, 2025, 4)
    assert (april["decided"], april["refused"]) == (2, 2)
    assert (april["median_days"], april["p90_days"]) == (31.0, 31.0)


def test_overdue_counts_open_cases_past_their_due_date_by_month_received(history, day_activity):
    assert _row(day_activity, 2025, 3)["overdue"] == 1
    Application.objects.filter(pk=history["open_late"].pk).update(status="decided")
    assert _row(day_activity, 2025, 3)["overdue"] == 0


def test_appeals_and_their_outcomes(history, day_activity):
    april = _row(day_activity, 2025, 4)
    assert april["appeals"] == 3
    assert april["appeals_granted"] == 1
    assert april["appeals_forwarded"] == 2
    assert april["appeals_upheld"] == 1
    assert (april["appeals_reversed"], april["appeals_quashed"]) == (0, 0)
    assert april["appeals_pending"] == 1
    assert _row(day_activity, 2025, 3)["appeals"] == 0


def test_waiting_list_length_at_the_end_of_each_month(history, day_activity):
    assert _row(day_activity, 2025, 3)["waiting"] == 2
    assert _row(day_activity, 2025, 4)["waiting"] == 2


def test_utilisation_per_centre_and_weekday(world, day_activity, districts):
    from referrals.capacity.models import Allocation

    decision = _decision(world.case, "granted", timezone.now())
    today = timezone.localdate()
    for start, ended in [
        (None, None),
        (today - timedelta(days=3), None),
        (today - timedelta(days=3), timezone.now() - timedelta(days=1)),  # ended
        (today + timedelta(days=5), None),  # starts later, but the place is given
    ]:
        Allocation.objects.create(
            offer=world.offer,
            application=world.case,
            decision=decision,
            weekday=1,
            start_date=start,
            ended_at=ended,
        )
    WaitingListEntry.objects.create(
        offer=world.offer, application=world.case, decision=decision, weekday=1
    )
    result = stats.utilisation()
    centre = next(c for c in result["centres"] if c["offer"] == "Solsiden dagsenter")
    tuesday = centre["days"][1]
    assert (tuesday.capacity, tuesday.allocated, tuesday.free, tuesday.percent) == (10, 3, 7, 30)
    assert tuesday.waiting == 1
    assert centre["days"][0].percent == 0
    assert result["totals"][1].allocated == 3


def _queries(callable_):
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def test_the_figures_take_a_fixed_number_of_queries(history, world, day_activity, districts):
    few = (_queries(stats.monthly), _queries(stats.utilisation))
    for day in range(1, 20):
        case = _submitted(world, day_activity, districts, on=at(2025, 5, day), status="decided")
        _decision(case, "granted", at(2025, 6, day))
    assert (_queries(stats.monthly), _queries(stats.utilisation)) == few
    assert few == (5, 3)


def test_the_page_takes_a_fixed_number_of_queries(history, world, login, day_activity, districts):
    client = login(world.staff.admin)
    client.get(URL)  # the first request also loads what the session caches
    few = _queries(lambda: client.get(URL))
    for day in range(1, 20):
        case = _submitted(world, day_activity, districts, on=at(2025, 5, day), status="decided")
        _decision(case, "refused", at(2025, 6, day))
    assert _queries(lambda: client.get(URL)) == few


def test_the_page_and_csv_have_no_personal_data(world, login):
    take(world.case, world.staff.north)
    decide(world.case, world.staff.north, offer=world.offer)
    client = login(world.staff.admin)
    page = client.get(URL)
    assert page.status_code == 200
    csv = client.get(URL, {"format": "csv"})
    body = csv.content.decode()
    assert body.splitlines()[0].startswith("Tjenestetype,Måned,Mottatt")
    centres = client.get(URL, {"format": "csv", "tabell": "kapasitet"}).content.decode()
    assert centres.splitlines()[0].startswith("Enhet,Tilbud,Ukedag,Plasser,Tildelt")
    assert "Solsiden,Solsiden dagsenter,tirsdag,10,1,9,10,0" in centres
    for text in (page.content.decode(), body, centres):
        assert "Ola Nordmann" not in text
        assert world.case.reference not in text
        assert world.case.person_national_id not in text


def test_the_csv_has_every_month_column(history, world, login, day_activity):
    body = login(world.staff.admin).get(URL, {"format": "csv"}).content.decode()
    header, *lines = body.splitlines()
    assert header.split(",")[-1] == "På venteliste ved månedsslutt"
    april = next(line for line in lines if ",2025-04," in line)
    assert april.split(",")[2:] == [
        *("0", "1", "0", "0", "1", "0"),  # received, decided, outcomes
        *("31.0", "31.0", "0"),  # median, p90, overdue
        *("3", "1", "2", "1", "0", "0", "0", "1"),  # appeals
        "2",  # waiting
    ]


def test_a_cell_that_looks_like_a_formula_is_neutralised(world, login, day_activity):
    type(day_activity).objects.filter(pk=day_activity.pk).update(name="=HYPERLINK(1)")
    body = login(world.staff.admin).get(URL, {"format": "csv"}).content.decode()
    assert "'=HYPERLINK(1)" in body


def test_anonymous_users_are_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/logg-inn/" in response["Location"] or "login" in response["Location"]


def test_citizens_and_unit_leaders_are_refused(world, login):
    assert login(world.citizen).get(URL).status_code == 403
    assert login(world.staff.leader).get(URL).status_code == 403
    assert login(world.staff.north).get(URL).status_code == 200


def test_only_administrators_see_the_link_to_the_kpr_export(world, login):
    assert "/saksbehandling/kpr/" in login(world.staff.admin).get(URL).content.decode()
    assert "/saksbehandling/kpr/" not in login(world.staff.north).get(URL).content.decode()


def _correction(decision, outcome, issued_at):
    correction = _decision(decision.application, outcome, issued_at)
    correction.replaces = decision
    correction.save(update_fields=["replaces"])
    DecisionContent.objects.create(
        decision=correction,
        facts="-",
        reasons="-",
        correction_reason="Feil utfall i det første vedtaket.",
    )
    Decision.objects.filter(pk=decision.pk).update(replaced_at=issued_at)
    return correction


def test_a_correction_is_not_counted_as_a_new_decision(history, day_activity):
    first = Decision.objects.get(outcome="granted")  # March
    _correction(first, "partly_granted", at(2025, 4, 28))
    march = _row(day_activity, 2025, 3)
    april = _row(day_activity, 2025, 4)
    assert (april["decided"], april["partly_granted"]) == (1, 0)  # only the refusal
    # The corrected decision counts once, with the outcome that stands.
    assert march["decided"] == 3
    assert (march["granted"], march["partly_granted"]) == (0, 2)
    assert (march["median_days"], april["median_days"]) == (10.0, 31.0)


def test_a_correction_of_a_correction_still_replaces_the_first_decision(history, day_activity):
    first = Decision.objects.get(outcome="granted")
    second = _correction(first, "refused", at(2025, 4, 20))
    _correction(second, "partly_granted", at(2025, 5, 2))
    totals = {
        key: sum(r[key] for r in stats.monthly(today=datetime(2025, 6, 1).date()))
        for key in ("decided", "granted", "partly_granted", "refused", "rejected")
    }
    assert totals == {
        "decided": 4,
        "granted": 0,
        "partly_granted": 2,
        "refused": 1,
        "rejected": 1,
    }
