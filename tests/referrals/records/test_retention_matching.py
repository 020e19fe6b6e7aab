"""Matches and hours reports in the daily retention job: hours reports outlive the
helper's profile and the match (payroll, bokføringsloven § 13) and go five years after
the end of their accounting year; ended matches go a year after they ended."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from referrals.matching import selectors, services
from referrals.matching.models import CheckIn, HoursReport, Match
from referrals.records import retention
from referrals.volunteers.models import HelperProfile
from referrals.volunteers.services import stop_helper
from tests.referrals.matching.factories import make_helper, make_world

pytestmark = pytest.mark.django_db


def started_match():
    world = make_world()
    help_request = services.request_helper(
        application=world["application"],
        unit=world["unit"],
        description="Turvenn",
        by=world["coordinator"],
    )
    helper = make_helper(world["role"], name="Nils Nær")
    match = services.propose(help_request=help_request, helper=helper, by=world["coordinator"])
    services.accept_by_helper(match=match, user=helper.user)
    return world, services.accept_by_person(match=match, user=world["citizen"])


def report(match, month: date, hours: str = "10") -> HoursReport:
    return services.report_hours(
        match=match, month=month, hours=Decimal(hours), note="", user=match.helper.user
    )


def test_hours_outlive_a_deleted_helper_for_payroll():
    world, match = started_match()
    helper = match.helper
    report(match, date(2026, 3, 1), "12.5")
    stop_helper(helper)
    HelperProfile.objects.filter(pk=helper.pk).update(
        stopped_at=timezone.now() - timedelta(days=retention.STOPPED_HELPER_DAYS + 1)
    )

    assert retention.delete_stopped_helpers() == 1

    assert not Match.objects.exists()
    kept = HoursReport.objects.get()
    assert kept.match is None
    assert (kept.helper_name, kept.helper_email) == ("Nils Nær", helper.email)
    assert (kept.month, kept.hours, kept.unit) == (date(2026, 3, 1), Decimal("12.5"), world["unit"])
    # Still in the unit's monthly hours for payroll.
    assert list(selectors.hours_for_month(world["coordinator"], date(2026, 3, 1))) == [kept]


def test_hours_reports_go_five_years_after_their_accounting_year():
    _world, match = started_match()
    report(match, date(2020, 12, 1))
    report(match, date(2021, 1, 1))

    assert retention.delete_old_hours_reports(today=date(2025, 12, 31)) == 0
    assert retention.delete_old_hours_reports(today=date(2026, 1, 1)) == 1
    assert list(HoursReport.objects.values_list("month", flat=True)) == [date(2021, 1, 1)]


def test_ended_matches_go_a_year_after_they_ended_their_hours_stay():
    world, match = started_match()
    report(match, date(2026, 1, 1))
    CheckIn.objects.create(match=match, side=CheckIn.Side.HELPER, week=2, rating=4)
    services.end(match=match, reason=Match.EndedReason.POOR_FIT, text="", by=world["coordinator"])
    ended_at = Match.objects.get().ended_at

    assert retention.delete_ended_matches(now=ended_at + timedelta(days=364)) == 0
    assert retention.delete_ended_matches(now=ended_at + timedelta(days=366)) == 1

    assert not Match.objects.exists()
    assert not CheckIn.objects.exists()
    assert HoursReport.objects.get().helper_name == match.helper.name


def test_started_matches_are_kept():
    _world, match = started_match()
    assert retention.delete_ended_matches(now=timezone.now() + timedelta(days=3650)) == 0
    assert Match.objects.filter(pk=match.pk).exists()


def test_the_daily_job_counts_them():
    counts = retention.run_retention()
    assert counts["ended_matches_deleted"] == 0
    assert counts["hours_reports_deleted"] == 0
