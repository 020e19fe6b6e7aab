"""/saksbehandling/statistikk/: numbers per service type and month, no personal data."""

from datetime import timedelta

from django.utils import timezone

from referrals.casework_selectors import statistics
from referrals.models import Application
from tests.referrals.casework.factories import decide, make_case, take


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


def test_the_page_and_csv_have_no_personal_data(world, login):
    take(world.case, world.staff.north)
    decide(world.case, world.staff.north, offer=world.offer)
    client = login(world.staff.admin)
    page = client.get("/saksbehandling/statistikk/")
    assert page.status_code == 200
    csv = client.get("/saksbehandling/statistikk/", {"format": "csv"})
    body = csv.content.decode()
    assert body.splitlines()[0].startswith("Tjenestetype,Måned,Mottatt")
    for text in (page.content.decode(), body):
        assert "Ola Nordmann" not in text
        assert world.case.reference not in text


def test_citizens_and_unit_leaders_are_refused(world, login):
    assert login(world.citizen).get("/saksbehandling/statistikk/").status_code == 403
    assert login(world.staff.leader).get("/saksbehandling/statistikk/").status_code == 403
    assert login(world.staff.north).get("/saksbehandling/statistikk/").status_code == 200
