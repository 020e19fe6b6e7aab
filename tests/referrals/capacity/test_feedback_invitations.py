"""Three months after a day-centre place started, the person is invited to give
anonymous feedback on the offer, once (referrals.capacity.services.invite_to_feedback,
run by the daily job)."""

from datetime import date, timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from catalogue.feedback.models import FeedbackInvitation, Occasion
from referrals.capacity import services as capacity
from referrals.capacity.models import Allocation
from tests.referrals.casework.factories import decide, make_case, take


def _granted(world, day_activity, districts, *, start_date, weekdays=(1, 3), **answers):
    case = make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.north,
        offers=[world.offer],
        **answers,
    )
    take(case, world.staff.north)
    return decide(
        case, world.staff.north, offer=world.offer, weekdays=list(weekdays), start_date=start_date
    )


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert capacity.months_before(date(2026, 12, 6), 3) == date(2026, 9, 6)
    assert capacity.months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert capacity.months_before(date(2026, 2, 10), 3) == date(2025, 11, 10)


def test_a_place_that_started_three_months_ago_is_invited_once(
    world, day_activity, districts, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    start = capacity.months_before(today, 3)
    decision = _granted(
        world, day_activity, districts, start_date=start, person_email="deltaker@eksempel.no"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert capacity.invite_to_feedback(today=today) == 1
    # Two weekdays at the same offer: one invitation, both places recorded.
    invitation = FeedbackInvitation.objects.get()
    assert invitation.offer == world.offer and invitation.occasion == Occasion.DAY_CENTRE
    assert [m.to for m in mail.outbox] == [["deltaker@eksempel.no"]]
    assert "/tilbakemelding/" in mail.outbox[0].body
    assert set(
        Allocation.objects.filter(decision=decision).values_list("feedback_invited_on", flat=True)
    ) == {today}
    # The next day's run (and the same day's again) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert capacity.invite_to_feedback(today=today) == 0
        assert capacity.invite_to_feedback(today=today + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1
    assert FeedbackInvitation.objects.count() == 1


def test_places_too_new_too_old_or_ended_are_not_invited(world, day_activity, districts):
    today = timezone.localdate()
    due = capacity.months_before(today, 3)
    _granted(
        world,
        day_activity,
        districts,
        start_date=due + timedelta(days=1),
        person_email="a@eksempel.no",
    )
    _granted(
        world,
        day_activity,
        districts,
        start_date=due - timedelta(days=60),
        person_email="b@eksempel.no",
    )
    ended = _granted(world, day_activity, districts, start_date=due, person_email="c@eksempel.no")
    Allocation.objects.filter(decision=ended).update(ends_on=today)
    assert capacity.invite_to_feedback(today=today) == 0
    assert not FeedbackInvitation.objects.exists()


def test_without_an_email_address_the_place_is_recorded_and_no_link_is_made(
    world, day_activity, districts
):
    today = timezone.localdate()
    decision = _granted(
        world,
        day_activity,
        districts,
        start_date=capacity.months_before(today, 3),
        person_email="",
        applicant_email="",
    )
    assert capacity.invite_to_feedback(today=today) == 0
    assert not FeedbackInvitation.objects.exists()
    assert not Allocation.objects.filter(
        decision=decision, feedback_invited_on__isnull=True
    ).exists()


def test_the_daily_job_sends_the_invitations(world, day_activity, districts, capsys):
    _granted(
        world,
        day_activity,
        districts,
        start_date=capacity.months_before(timezone.localdate(), 3),
        person_email="deltaker@eksempel.no",
    )
    call_command("run_retention", "--now")
    assert "feedback_invitations_sent: 1" in capsys.readouterr().out
    assert FeedbackInvitation.objects.count() == 1
