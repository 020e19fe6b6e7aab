"""Help requests from a granted støttekontakt decision, suggestions of ready helpers
only, proposing, both sides accepting, ending, check-ins and hours."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from referrals.cases.models import ApplicationEvent
from referrals.cases.services import ApplicationError
from referrals.matching import selectors, services
from referrals.matching.models import CheckIn, Match
from referrals.volunteers.models import Gender, HelpRequest
from tests.catalogue.factories import DistrictFactory
from tests.referrals.matching.factories import available, make_helper, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def request_for(world, **fields):
    return services.request_helper(
        application=world["application"],
        unit=world["unit"],
        description="En mann i 70-årene i Nord som liker fisking, 3 timer i uka.",
        by=world["coordinator"],
        **fields,
    )


def test_help_request_from_the_granted_decision(world):
    help_request = request_for(world, hours_per_week=Decimal("3"))
    assert help_request.decision == world["decision"]
    assert help_request.application == world["application"]
    assert help_request.district == world["district"]
    assert help_request.kind == "stottekontakt"
    assert ApplicationEvent.objects.filter(
        application=world["application"], action="referrals.match.help_requested"
    ).exists()
    with pytest.raises(ApplicationError):
        request_for(world)  # one open request per case


def test_no_help_request_without_a_grant(world):
    world["decision"].outcome = "refused"
    world["decision"].save()
    with pytest.raises(ApplicationError):
        request_for(world)


def test_only_ready_helpers_are_suggested_best_fit_first(world):
    help_request = request_for(world, preferred_gender=Gender.MAN)
    help_request.times.create(weekday=0, part="afternoon")
    near = make_helper(world["role"], name="Nils Nær", district=world["district"], gender="man")
    available(near, (0, "afternoon"))
    far = make_helper(world["role"], name="Frida Fjern", district=DistrictFactory(name="Sør"))
    make_helper(world["role"], ready=False, name="Ulla Uferdig", district=world["district"])

    suggestions = selectors.suggest_helpers(help_request)

    assert [helper.name for helper, _score, _reasons in suggestions] == [near.name, far.name]
    helper, points, reasons = suggestions[0]
    assert points > suggestions[1][1]
    assert "Bor i samme bydel" in reasons
    assert "Kjønn som ønsket" in reasons


def test_a_helper_without_a_completed_checklist_cannot_be_proposed(world):
    help_request = request_for(world)
    unready = make_helper(world["role"], ready=False)
    with pytest.raises(ApplicationError):
        services.propose(help_request=help_request, helper=unready, by=world["coordinator"])
    assert not Match.objects.exists()


def test_both_sides_accept_then_started(world):
    help_request = request_for(world)
    helper = make_helper(world["role"], name="Nils Nær", phone="+4798765432")
    match = services.propose(help_request=help_request, helper=helper, by=world["coordinator"])
    assert match.status == Match.Status.PROPOSED
    with pytest.raises(ApplicationError):  # one active proposal at a time
        services.propose(
            help_request=help_request, helper=make_helper(world["role"]), by=world["coordinator"]
        )

    match = services.accept_by_helper(match=match, user=helper.user)
    assert match.status == Match.Status.ACCEPTED_BY_HELPER
    match = services.accept_by_person(match=match, user=world["citizen"])
    assert match.status == Match.Status.STARTED
    assert match.started_at is not None
    actions = set(
        ApplicationEvent.objects.filter(application=world["application"]).values_list(
            "action", flat=True
        )
    )
    assert {
        "referrals.match.proposed",
        "referrals.match.accepted_by_helper",
        "referrals.match.accepted_by_person",
        "referrals.match.started",
    } <= actions


def test_another_user_cannot_accept_as_the_helper(world):
    help_request = request_for(world)
    match = services.propose(
        help_request=help_request, helper=make_helper(world["role"]), by=world["coordinator"]
    )
    with pytest.raises(ApplicationError):
        services.accept_by_helper(match=match, user=world["citizen"])


def test_declined_then_a_new_proposal(world):
    help_request = request_for(world)
    first = make_helper(world["role"])
    match = services.propose(help_request=help_request, helper=first, by=world["coordinator"])
    services.decline(match=match, user=world["citizen"], by_helper=False)
    match.refresh_from_db()
    assert match.status == Match.Status.DECLINED
    assert match.ended_reason == Match.EndedReason.DECLINED_BY_PERSON
    second = make_helper(world["role"])
    assert services.propose(help_request=help_request, helper=second, by=world["coordinator"])


def started(world):
    help_request = request_for(world)
    helper = make_helper(world["role"])
    match = services.propose(help_request=help_request, helper=helper, by=world["coordinator"])
    services.accept_by_helper(match=match, user=helper.user)
    return services.accept_by_person(match=match, user=world["citizen"])


def test_end_with_reason(world):
    match = started(world)
    services.end(
        match=match,
        reason=Match.EndedReason.NO_LONGER_NEEDED,
        text="Flyttet",
        by=world["coordinator"],
        close_request=True,
    )
    match.refresh_from_db()
    assert match.status == Match.Status.ENDED
    assert match.help_request.status == HelpRequest.Status.CLOSED
    status = selectors.status_for(world["application"])
    assert status is not None and status.match == match


def test_check_ins_due_after_2_6_and_12_weeks(world):
    match = started(world)
    now = timezone.now()
    assert selectors.check_ins_due(match, now=now + timedelta(days=13)) == []
    assert selectors.check_ins_due(match, now=now + timedelta(weeks=2, hours=1)) == [
        (2, ["person", "helper"])
    ]
    Match.objects.filter(pk=match.pk).update(started_at=now - timedelta(weeks=7))
    match.refresh_from_db()
    assert selectors.check_in_due_for(match, CheckIn.Side.HELPER) == 6
    services.check_in(match=match, side=CheckIn.Side.HELPER, rating=4, text="Fint", user=None)
    assert CheckIn.objects.get().week == 6
    assert [week for _match, week, _missing in selectors.due_check_ins(world["coordinator"])] == [
        2,
        6,
    ]
    assert selectors.check_in_due_for(match, CheckIn.Side.HELPER) is None
    assert selectors.check_in_due_for(match, CheckIn.Side.PERSON) == 6
    with pytest.raises(ApplicationError):
        services.check_in(match=match, side=CheckIn.Side.HELPER, rating=5, text="", user=None)


def test_hours_reported_by_the_helper_replace_the_month(world):
    match = started(world)
    month = timezone.localdate().replace(day=15)
    services.report_hours(
        match=match, month=month, hours=Decimal("10"), note="", user=match.helper.user
    )
    services.report_hours(
        match=match, month=month, hours=Decimal("12.5"), note="", user=match.helper.user
    )
    report = match.hours_reports.get()
    assert report.hours == Decimal("12.5")
    assert report.month.day == 1
    with pytest.raises(ApplicationError):
        services.report_hours(
            match=match, month=month, hours=Decimal("1"), note="", user=world["citizen"]
        )


def test_usual_days_needs_five_matches(world):
    assert selectors.usual_days() is None


def test_usual_days_is_the_median_of_the_last_twelve_months(world):
    issued = world["decision"].issued_at
    helper = make_helper(world["role"])
    for days in (10, 20, 30, 40, 50, 400):
        help_request = HelpRequest.objects.create(
            unit=world["unit"], description="Turvenn", decision=world["decision"]
        )
        Match.objects.create(
            help_request=help_request,
            helper=helper,
            status=Match.Status.STARTED,
            started_at=issued + timedelta(days=days),
        )
    now = issued + timedelta(days=60)
    # The match started 400 days after the decision lies in the future of ``now``; the
    # five within the last 12 months give the median.
    assert selectors.usual_days(now=now) == 30
    stats = selectors.statistics(world["coordinator"])
    assert stats.started_count == 6
    assert stats.median_days is not None
