"""Retention (docs/retention.md): old drafts and undecided closed cases are deleted with
their files, decided cases lose their attachments only after the archive transfer, and
the access log is never deleted."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from referrals.applications import services
from referrals.cases import access
from referrals.cases.models import (
    AccessLogEntry,
    Application,
    ApplicationEvent,
    Attachment,
    Decision,
)
from referrals.casework import services as casework
from referrals.letters.models import PreliminaryReply
from referrals.records import retention
from tests.referrals.casework.factories import decide, make_case, take
from tests.referrals.helpers import make_draft, upload

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def stored(file_field) -> bool:
    return file_field.storage.exists(file_field.name)


def draft_with_file(*, applicant, service_type, age_days: int):
    with time_machine.travel(timezone.now() - age_days * DAY, tick=False):
        draft = make_draft(applicant=applicant, service_type=service_type)
        attachment = services.add_attachment(
            application=draft, uploaded=upload("utkast.pdf"), user=applicant
        )
    return draft, attachment


def withdrawn_case(world, *, days_ago: int, full: bool = True):
    """A case with an attachment and (``full``) a message attachment, a preliminary
    reply and an access-log entry, withdrawn ``days_ago``."""
    with time_machine.travel(timezone.now() - days_ago * DAY, tick=False):
        case = make_case(
            applicant=world.citizen,
            service_type=world.case.service_type,
            district=world.case.district,
        )
        [attachment] = services.add_documents(
            application=case, user=world.citizen, files=[upload("legeerklaering.pdf")]
        )
        if not full:
            services.withdraw_application(application=case, user=world.citizen)
            return case, attachment, None
        take(case, world.staff.north)
        reply = casework.send_preliminary_reply(
            application=case,
            actor=world.staff.north,
            reason="Vi venter på fastlegen.",
            expected_date=timezone.localdate() + 30 * DAY,
        )
        services.reply_to_municipality(
            application=case,
            user=world.citizen,
            body="Her er papirene.",
            files=[upload("svar.pdf")],
        )
        access.log_access(
            user=world.staff.north, action="view", object_type="application", application=case
        )
        services.withdraw_application(application=case, user=world.citizen)
    return case, attachment, reply


# --- 1. drafts ----------------------------------------------------------------------------


def test_a_draft_older_than_30_days_is_deleted_with_its_file(
    world, django_capture_on_commit_callbacks
):
    old, old_file = draft_with_file(
        applicant=world.citizen, service_type=world.case.service_type, age_days=31
    )
    recent, recent_file = draft_with_file(
        applicant=world.citizen, service_type=world.case.service_type, age_days=29
    )
    assert stored(old_file.file) and stored(recent_file.file)
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.delete_stale_drafts() == 1
    assert not Application.objects.filter(pk=old.pk).exists()
    assert not Attachment.objects.filter(pk=old_file.pk).exists()
    assert not stored(old_file.file)
    # The 29-day draft and its file stay.
    assert Application.objects.filter(pk=recent.pk).exists()
    assert stored(recent_file.file)


# --- 2. withdrawn or closed without a decision -------------------------------------------


def test_a_withdrawn_case_past_the_period_is_deleted_with_its_files(
    world, django_capture_on_commit_callbacks
):
    case, attachment, reply = withdrawn_case(world, days_ago=retention.CLOSED_RETENTION_DAYS + 1)
    files = [item.file for item in case.attachments.all()] + [reply.letter]
    assert len(files) == 3 and all(stored(file) for file in files)
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.delete_expired_closed_cases() == 1
    assert not Application.objects.filter(pk=case.pk).exists()
    assert not PreliminaryReply.objects.filter(pk=reply.pk).exists()
    assert not ApplicationEvent.objects.filter(application_id=case.pk).exists()
    assert not any(stored(file) for file in files)


def test_a_withdrawn_case_within_the_period_is_kept(world, django_capture_on_commit_callbacks):
    case, attachment, _reply = withdrawn_case(world, days_ago=retention.CLOSED_RETENTION_DAYS - 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.delete_expired_closed_cases() == 0
    assert Application.objects.filter(pk=case.pk).exists()
    assert stored(attachment.file)


def test_a_case_closed_without_a_decision_is_deleted_a_year_after_closing(world):
    with time_machine.travel(timezone.now() - 500 * DAY, tick=False):
        case = make_case(
            applicant=world.citizen,
            service_type=world.case.service_type,
            district=world.case.district,
        )
        take(case, world.staff.north)
    # Worked on for a long time, closed 100 days ago: the period runs from the closing.
    with time_machine.travel(timezone.now() - 100 * DAY, tick=False):
        casework.close_case(application=case, actor=world.staff.north, reason="Flyttet")
    assert retention.delete_expired_closed_cases() == 0
    later = timezone.now() + (retention.CLOSED_RETENTION_DAYS - 99) * DAY
    assert retention.delete_expired_closed_cases(now=later) == 1
    assert not Application.objects.filter(pk=case.pk).exists()


def test_a_closed_case_with_a_decision_is_not_deleted_by_the_closed_rule(world):
    take(world.case, world.staff.north)
    decide(world.case, world.staff.north, outcome="refused")
    casework.close_case(application=world.case, actor=world.staff.north, reason="Ferdig")
    far = timezone.now() + 5000 * DAY
    assert retention.delete_expired_closed_cases(now=far) == 0
    assert Application.objects.filter(pk=world.case.pk).exists()


def test_the_access_log_is_never_deleted(world):
    case, _attachment, _reply = withdrawn_case(world, days_ago=retention.CLOSED_RETENTION_DAYS + 1)
    logged = AccessLogEntry.objects.filter(application_id_logged=case.pk)
    before = logged.count()
    assert before >= 1
    total = AccessLogEntry.objects.count()
    assert retention.run_retention()["closed_cases_deleted"] == 1
    assert logged.count() == before
    assert AccessLogEntry.objects.count() == total


def test_closed_cases_are_deleted_in_batches(world):
    cases = [withdrawn_case(world, days_ago=400, full=False)[0] for _ in range(3)]
    assert retention.delete_expired_closed_cases(batch_size=2) == 3
    assert not Application.objects.filter(pk__in=[case.pk for case in cases]).exists()
    assert retention.delete_expired_closed_cases(batch_size=2) == 0


# --- 3. decided cases ----------------------------------------------------------------------


@pytest.fixture
def decided_case(world):
    """Kari's case (with her medical statement attached), refused today."""
    take(world.case, world.staff.north)
    decision = decide(world.case, world.staff.north, outcome="refused")
    return world.case, decision


def _due(decision) -> timezone.datetime:
    """The first moment the attachments may go: the last of the appeal deadline and one
    year after the decision, plus the stated extra period, passed."""
    last = max(
        decision.appeal_deadline,
        timezone.localdate(decision.issued_at) + retention.APPEAL_REVIEW_DAYS * DAY,
    )
    return timezone.now() + (
        (last - timezone.localdate()) + (retention.DECIDED_EXTRA_DAYS + 1) * DAY
    )


def test_a_decided_case_keeps_its_attachments_during_the_period(world, decided_case):
    case, decision = decided_case
    archive = []
    counts = retention.remove_archived_attachments(
        now=_due(decision) - 2 * DAY, archive=lambda application: archive.append(application)
    )
    assert counts == {"decided_attachments_removed": 0, "decided_awaiting_archive": 0}
    assert archive == []
    assert stored(world.attachment.file)


def test_a_decided_case_keeps_its_attachments_until_the_archive_has_it(world, decided_case):
    case, decision = decided_case
    due = _due(decision)
    assert retention.remove_archived_attachments(now=due, archive=None) == {
        "decided_attachments_removed": 0,
        "decided_awaiting_archive": 1,
    }
    assert retention.remove_archived_attachments(now=due, archive=lambda app: False) == {
        "decided_attachments_removed": 0,
        "decided_awaiting_archive": 1,
    }

    def broken(application):
        raise ConnectionError("arkiv nede")

    assert (
        retention.remove_archived_attachments(now=due, archive=broken)["decided_awaiting_archive"]
        == 1
    )
    assert Attachment.objects.filter(application=case).count() == 1
    assert stored(world.attachment.file)


def test_after_the_archive_transfer_the_attachments_are_removed_and_the_decision_stays(
    world, decided_case, django_capture_on_commit_callbacks
):
    case, decision = decided_case
    transferred = []
    with django_capture_on_commit_callbacks(execute=True):
        counts = retention.remove_archived_attachments(
            now=_due(decision),
            archive=lambda application: transferred.append(application.pk) or True,
        )
    assert counts == {"decided_attachments_removed": 1, "decided_awaiting_archive": 0}
    assert transferred == [case.pk]
    assert not Attachment.objects.filter(application=case).exists()
    assert not stored(world.attachment.file)
    # The decision and its letter, and the case itself, stay in the portal.
    decision.refresh_from_db()
    assert Decision.objects.filter(pk=decision.pk).exists()
    assert stored(decision.letter)
    event = case.events.get(
        kind=ApplicationEvent.Kind.INTERNAL, action="referrals.attachments.archived"
    )
    assert event.data == {"count": 1}
    assert event.visible_to_citizen is False
    # Idempotent: nothing left to do.
    assert retention.remove_archived_attachments(now=_due(decision), archive=lambda a: True) == {
        "decided_attachments_removed": 0,
        "decided_awaiting_archive": 0,
    }


def test_a_decided_case_with_a_running_place_keeps_its_attachments(world):
    take(world.case, world.staff.north)
    decide(world.case, world.staff.north, offer=world.offer)
    assert world.case.allocations.filter(ended_at__isnull=True).exists()
    far = timezone.now() + 5000 * DAY
    assert retention.remove_archived_attachments(now=far, archive=lambda a: True) == {
        "decided_attachments_removed": 0,
        "decided_awaiting_archive": 0,
    }
    assert Attachment.objects.filter(application=world.case).exists()


def test_a_place_with_a_planned_end_runs_until_that_day(world):
    take(world.case, world.staff.north)
    decide(world.case, world.staff.north, offer=world.offer)
    last_day = timezone.localdate() + 600 * DAY
    world.case.allocations.update(ends_on=last_day)
    assert retention.decided_case_kept_until(world.case, today=last_day) is None
    assert retention.decided_case_kept_until(world.case, today=last_day + DAY) == last_day + (
        retention.DECIDED_EXTRA_DAYS * DAY
    )


def test_a_pending_appeal_keeps_the_attachments(world, decided_case):
    case, decision = decided_case
    services.file_appeal(application=case, user=world.citizen, reasons="Uenig.")
    assert retention.decided_case_kept_until(case) is None
    assert retention.remove_archived_attachments(
        now=timezone.now() + 5000 * DAY, archive=lambda a: True
    ) == {"decided_attachments_removed": 0, "decided_awaiting_archive": 0}


def test_the_review_date_of_a_grant_extends_the_period(world):
    take(world.case, world.staff.north)
    review = timezone.localdate() + 700 * DAY
    decide(world.case, world.staff.north, offer=None, review_date=review)
    assert retention.decided_case_kept_until(world.case) == review + (
        retention.DECIDED_EXTRA_DAYS * DAY
    )


def test_the_transfer_comes_from_the_setting(settings):
    settings.RETENTION_ARCHIVE_TRANSFER = "tests.referrals.records.test_retention.stored"
    assert retention.archive_transfer_from_settings() is stored
    settings.RETENTION_ARCHIVE_TRANSFER = ""
    assert retention.archive_transfer_from_settings() is None


# --- the task and the command ----------------------------------------------------------


def test_the_command_runs_the_task_now_and_logs_counts_only(world, capsys, caplog):
    case, _attachment, _reply = withdrawn_case(world, days_ago=400, full=False)
    old, _file = draft_with_file(
        applicant=world.citizen, service_type=world.case.service_type, age_days=40
    )
    with caplog.at_level(logging.INFO, logger="referrals"):
        call_command("run_retention", "--now")
    output = capsys.readouterr().out
    assert "drafts_deleted: 1" in output
    assert "closed_cases_deleted: 1" in output
    assert "decided_attachments_removed: 0" in output
    assert "decided_awaiting_archive: 0" in output
    assert not Application.objects.filter(pk__in=[case.pk, old.pk]).exists()
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "closed_cases_deleted=1" in logged
    for personal in (case.reference, "Ola Nordmann", case.person_national_id):
        assert personal not in logged


def test_the_command_enqueues_the_task(world, capsys):
    withdrawn_case(world, days_ago=400, full=False)
    call_command("run_retention")
    assert "Enqueued the retention task" in capsys.readouterr().out
    # The test settings run tasks immediately: the case is gone, and a second run is a no-op.
    assert retention.run_retention() == {
        "drafts_deleted": 0,
        "closed_cases_deleted": 0,
        "decided_attachments_removed": 0,
        "decided_awaiting_archive": 0,
        "search_stats_deleted": 0,
        "feedback_invitations_deleted": 0,
        "stopped_helpers_deleted": 0,
        "helpers_asked": 0,
        "inactive_helpers_deleted": 0,
        "police_renewals_reminded": 0,
        "expired_helpers_not_ready": 0,
        "signups_deleted": 0,
        "ended_matches_deleted": 0,
        "hours_reports_deleted": 0,
        "help_requesters_deleted": 0,
    }


def test_the_daily_job_retries_the_failed_letter_dispatches(world, capsys):
    """A paper letter that failed for want of an address goes to the print queue on
    the next daily run once the address is known, without anyone remembering."""
    case = take(world.case, world.staff.north)
    decision = decide(case, world.staff.north, outcome="refused")
    (failed,) = decision.dispatches.all()
    assert failed.status == "failed"
    Application.objects.filter(pk=case.pk).update(
        person_address="Storgata 1", person_postcode="0155", person_place="Oslo"
    )
    call_command("run_retention", "--now")
    assert "letter_dispatches_retried: 1" in capsys.readouterr().out
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.street) == ("queued", 2, "Storgata 1")


def test_a_print_batch_left_empty_by_a_deleted_case_goes_too(world):
    """The preliminary reply of a withdrawn case went by post in a batch of its own and,
    in another batch, next to another case's letter: the first batch goes with the case,
    the second keeps the other letter."""
    from referrals.letters import dispatch
    from referrals.letters.models import LetterDispatch, PrintBatch

    address = {"person_address": "Storgata 1", "person_postcode": "0155", "person_place": "Oslo"}
    with time_machine.travel(timezone.now() - 400 * DAY, tick=False):
        old = take(
            make_case(
                applicant=world.citizen,
                service_type=world.case.service_type,
                district=world.case.district,
                **address,
            ),
            world.staff.north,
        )
        for _ in range(2):
            casework.send_preliminary_reply(
                application=old,
                actor=world.staff.north,
                reason="Vi venter på fastlegen.",
                expected_date=timezone.localdate() + 30 * DAY,
            )
        first, second = LetterDispatch.objects.filter(application=old).order_by("pk")
        LetterDispatch.objects.filter(pk=second.pk).update(status="failed")
        alone = dispatch.make_batch(user=world.staff.north)
        dispatch.mark_batch_printed(batch=alone, user=world.staff.north)
        services.withdraw_application(application=old, user=world.citizen)
    kept = take(world.case, world.staff.north)
    Application.objects.filter(pk=kept.pk).update(**address)
    casework.send_preliminary_reply(
        application=kept,
        actor=world.staff.north,
        reason="Vi venter på fastlegen.",
        expected_date=timezone.localdate() + 30 * DAY,
    )
    LetterDispatch.objects.filter(pk=second.pk).update(status="queued")
    shared = dispatch.make_batch(user=world.staff.north)
    assert shared.dispatches.count() == 2

    assert retention.delete_expired_closed_cases() == 1
    assert not PrintBatch.objects.filter(pk=alone.pk).exists()
    assert list(
        PrintBatch.objects.get(pk=shared.pk).dispatches.values_list("application", flat=True)
    ) == [kept.pk]
