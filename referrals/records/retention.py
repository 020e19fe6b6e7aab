"""How long the portal keeps applications, and the functions the daily job runs.

The rule and its legal basis are in docs/retention.md; in short:

1. Drafts nobody has changed for 30 days are deleted with their files.
2. Applications withdrawn or closed without a decision are deleted, with their files,
   ``CLOSED_RETENTION_DAYS`` after they were closed.
3. Decided cases keep everything while the decision can still be appealed or reviewed:
   until one year after the last decision (forvaltningsloven § 31 third paragraph),
   the review date a grant states, the end of the last place and the outcome of the
   last appeal, whichever is latest, plus ``DECIDED_EXTRA_DAYS``. Then their
   attachments are removed from the portal, but only after the archive transfer
   (``RETENTION_ARCHIVE_TRANSFER``) has taken the case into the municipality's case
   and archive system (sak/arkiv). Without a configured transfer nothing is removed.

The same job deletes the catalogue's search statistics after 400 days
(``catalogue.search_stats.delete_old_stats``) and the sign-ups for sessions
``PARTICIPATION_RETENTION_DAYS`` after the session
(``catalogue.participation.retention.delete_old_signups``).

Helpers who offered to help (``referrals.volunteers``) are deleted
``STOPPED_HELPER_DAYS`` after they stop, and when they do not answer the yearly question
whether they still want to help (``ask_or_delete_inactive_helpers``, docs/volunteers.md).

The access log (``AccessLogEntry``) is never deleted here: it has no foreign key to the
application and is append-only.

Every function is idempotent (a second run finds nothing to do), works through the
candidates in batches of primary keys, re-checks each case under a row lock before it
changes it, returns counts, and logs counts only (never references, names or ids).
Run them through ``referrals.records.tasks.run_retention`` (``manage.py run_retention``).
"""

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.deletion import ProtectedError
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.module_loading import import_string

from catalogue.feedback.services import delete_old_invitations
from catalogue.participation.retention import delete_old_signups
from catalogue.search_stats import delete_old_stats as delete_old_search_stats
from referrals.capacity.models import Allocation, WaitingListEntry
from referrals.cases.models import (
    Appeal,
    Application,
    ApplicationEvent,
    Attachment,
    Decision,
)
from referrals.cases.services import (
    delete_with_files,
    record_internal_event,
)
from referrals.letters.models import PrintBatch
from referrals.matching.models import HoursReport, Match
from referrals.volunteers.models import HelperProfile, HelpRequest, HelpRequester
from referrals.volunteers.services import (
    ask_if_still_helping,
    refresh_expired,
    remind_police_renewals,
)

logger = logging.getLogger(__name__)

Status = Application.Status

# Portal rules (docs/retention.md). The municipality's archive plan may ask for others.
CLOSED_RETENTION_DAYS = 365  # withdrawn or closed without a decision, after closing
APPEAL_REVIEW_DAYS = 365  # forvaltningsloven § 31 (3): no appeal after one year
DECIDED_EXTRA_DAYS = 90  # after the appeal and review period, before attachments go
BATCH_SIZE = 200

DECIDED_STATUSES = (Status.DECIDED, Status.CLOSED, Status.WITHDRAWN)
PENDING_APPEAL_STATUSES = (Appeal.Status.RECEIVED, Appeal.Status.FORWARDED)

# Given a decided case, copies it into sak/arkiv and returns True once the archive
# holds it (it may be called again for the same case and must then succeed too).
ArchiveTransfer = Callable[[Application], bool]


def _batched_pks(queryset: QuerySet[Application], batch_size: int) -> Iterator[int]:
    """The primary keys of ``queryset`` in ascending batches: the next batch is read
    after the previous one has been handled, and a case that is skipped is not read
    again (no endless loop when something keeps a case)."""
    last = 0
    while True:
        pks = list(
            queryset.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch_size]
        )
        yield from pks
        if len(pks) < batch_size:
            return
        last = pks[-1]


def _delete_files_on_commit(files: Iterable[FieldFile]) -> None:
    for file in files:
        if file.name:  # what ``bool(file)`` asks
            transaction.on_commit(partial(file.storage.delete, file.name))


# --- 1. drafts --------------------------------------------------------------------------


# --- 2. withdrawn or closed without a decision -----------------------------------------


def _closed_on() -> Coalesce:
    """When the case got its current (closed) status: the last status event, else the
    withdrawal time, else the last change."""
    last_status_event = (
        ApplicationEvent.objects.filter(application=OuterRef("pk"), status=OuterRef("status"))
        .exclude(kind=ApplicationEvent.Kind.INTERNAL)
        .order_by("-at")
        .values("at")[:1]
    )
    return Coalesce(Subquery(last_status_event), F("withdrawn_at"), F("updated_at"))


def expired_closed_cases(*, now: datetime | None = None) -> QuerySet[Application]:
    now = now or timezone.now()
    return (
        Application.objects.filter(status__in=Application.CLOSED_STATUSES)
        .filter(~Exists(Decision.objects.filter(application=OuterRef("pk"))))
        .annotate(closed_on=_closed_on())
        .filter(closed_on__lt=now - timedelta(days=CLOSED_RETENTION_DAYS))
    )


def _delete_case(application: Application) -> None:
    """Delete an undecided case and everything on it (timeline, messages, attachments,
    internal notes, consultations, assessment, preliminary replies and their dispatches)
    with its files. A print batch left with no letters goes too (it held only this
    case's; what is left of it is who made and printed it, which says nothing now)."""
    files = [attachment.file for attachment in application.attachments.all()]
    replies = application.preliminary_replies.all()
    files += [reply.letter for reply in replies]
    dispatches = application.dispatches.all()
    batch_ids = set(dispatches.filter(batch__isnull=False).values_list("batch_id", flat=True))
    dispatches.delete()  # how its letters were sent (letters.dispatch)
    replies.delete()
    application.delete()
    PrintBatch.objects.filter(pk__in=batch_ids, dispatches__isnull=True).delete()
    _delete_files_on_commit(files)


def delete_expired_closed_cases(
    *, now: datetime | None = None, batch_size: int = BATCH_SIZE
) -> int:
    count = kept = 0
    for pk in _batched_pks(expired_closed_cases(now=now), batch_size):
        try:
            with transaction.atomic():
                # Locked and re-checked: a caseworker may be reopening the case now.
                application = Application.objects.select_for_update().filter(pk=pk).first()
                if application is None or not expired_closed_cases(now=now).filter(pk=pk).exists():
                    continue
                _delete_case(application)
        except ProtectedError:
            # A record added later (not known to this module) points at the case:
            # keep it and say so, rather than stop the whole run.
            kept += 1
            continue
        count += 1
    if kept:
        logger.warning("Retention: %d closed case(s) kept: other records refer to them", kept)
    return count


# --- 3. decided cases: attachments after the archive transfer --------------------------


def decided_case_kept_until(application: Application, *, today: date | None = None) -> date | None:
    """The last day the portal keeps a decided case's attachments, or None while the
    case is still running (an appeal being handled, a place or a waiting-list place)."""
    today = today or timezone.localdate()
    if application.appeals.filter(status__in=PENDING_APPEAL_STATUSES).exists():
        return None
    places = Allocation.objects.filter(application=application)
    # A place runs until it is ended, or until its planned last day (``ends_on``).
    if (
        places.filter(ended_at__isnull=True)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .exists()
    ):
        return None
    if WaitingListEntry.objects.filter(application=application, removed_at__isnull=True).exists():
        return None
    decisions = list(application.decisions.select_related("content"))
    if not decisions:
        return None
    dates: list[date] = []
    for decision in decisions:
        dates.append(decision.appeal_deadline)
        dates.append(timezone.localdate(decision.issued_at) + timedelta(days=APPEAL_REVIEW_DAYS))
        content = getattr(decision, "content", None)
        if content is not None and content.review_date:
            dates.append(content.review_date)
    for ended_at, ends_on in places.values_list("ended_at", "ends_on"):
        if ended_at:
            dates.append(timezone.localdate(ended_at))
        elif ends_on is not None:  # always, here: a place with neither is still running
            dates.append(ends_on)
    for appeal in application.appeals.select_related("forwarding"):
        dates.append(timezone.localdate(appeal.submitted_at))
        forwarding = getattr(appeal, "forwarding", None)
        if forwarding is not None and forwarding.outcome_registered_at:
            dates.append(timezone.localdate(forwarding.outcome_registered_at))
    return max(dates) + timedelta(days=DECIDED_EXTRA_DAYS)


def decided_cases_with_attachments(*, now: datetime | None = None) -> QuerySet[Application]:
    """Candidates only: the exact day is ``decided_case_kept_until``. A case whose
    last decision is younger than the shortest possible period cannot be due."""
    now = now or timezone.now()
    last_decision = (
        Decision.objects.filter(application=OuterRef("pk"))
        .order_by("-issued_at")
        .values("issued_at")[:1]
    )
    return (
        Application.objects.filter(status__in=DECIDED_STATUSES)
        .filter(Exists(Attachment.objects.filter(application=OuterRef("pk"))))
        .annotate(last_decision_at=Subquery(last_decision))
        .filter(last_decision_at__lt=now - timedelta(days=APPEAL_REVIEW_DAYS + DECIDED_EXTRA_DAYS))
    )


def archive_transfer_from_settings() -> ArchiveTransfer | None:
    """``settings.RETENTION_ARCHIVE_TRANSFER``: the dotted path of the function that
    hands a case to sak/arkiv. Not set: no transfer, so no attachment is removed."""
    path = getattr(settings, "RETENTION_ARCHIVE_TRANSFER", "")
    return import_string(path) if path else None


def _is_due(application: Application, today: date) -> bool:
    kept_until = decided_case_kept_until(application, today=today)
    return kept_until is not None and kept_until < today


def remove_archived_attachments(
    *,
    now: datetime | None = None,
    archive: ArchiveTransfer | None = None,
    batch_size: int = BATCH_SIZE,
) -> dict[str, int]:
    """For decided cases past their period: transfer to the archive, then remove the
    attachments (rows and files) from the portal. The decision, its letter, the
    messages and the timeline stay. Returns how many cases had their attachments
    removed and how many are due but wait for the archive transfer."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    removed = waiting = 0
    for pk in _batched_pks(decided_cases_with_attachments(now=now), batch_size):
        application = Application.objects.filter(pk=pk).first()
        if application is None or not _is_due(application, today):
            continue
        if archive is None or not _transferred(archive, application):
            waiting += 1
            continue
        with transaction.atomic():
            # Locked and re-checked: the case may have been reopened or appealed while
            # the archive transfer ran.
            application = Application.objects.select_for_update().filter(pk=pk).first()
            if application is None or not _is_due(application, today):
                continue
            attachments = list(application.attachments.all())
            if not attachments:
                continue
            Attachment.objects.filter(pk__in=[item.pk for item in attachments]).delete()
            record_internal_event(
                application=application,
                actor=None,
                action="referrals.attachments.archived",
                data={"count": len(attachments)},
            )
            _delete_files_on_commit([item.file for item in attachments])
        removed += 1
    if waiting:
        logger.info("Retention: %d decided case(s) due, waiting for the archive transfer", waiting)
    return {"decided_attachments_removed": removed, "decided_awaiting_archive": waiting}


def _transferred(archive: ArchiveTransfer, application: Application) -> bool:
    try:
        return bool(archive(application))
    except Exception as error:  # an external system: log the kind of failure only
        logger.warning("Retention: archive transfer failed (%s)", type(error).__name__)
        return False


# --- all of it ----------------------------------------------------------------------------


def run_retention(
    *, now: datetime | None = None, archive: ArchiveTransfer | None = None
) -> dict[str, int]:
    """Apply the whole rule once; ``archive`` defaults to the configured transfer."""
    now = now or timezone.now()
    counts = {
        "drafts_deleted": delete_stale_drafts(now=now),
        "closed_cases_deleted": delete_expired_closed_cases(now=now),
        **remove_archived_attachments(now=now, archive=archive or archive_transfer_from_settings()),
        # Not about applications, but the same daily job: the catalogue's search counts
        # (no personal data) are kept catalogue.search_stats.RETENTION_DAYS.
        "search_stats_deleted": delete_old_search_stats(today=timezone.localdate(now)),
        # Feedback links (no personal data) long past their expiry; docs/feedback.md.
        "feedback_invitations_deleted": delete_old_invitations(now=now),
        # Helpers (docs/volunteers.md): stopped ones deleted after STOPPED_HELPER_DAYS,
        # quiet ones asked after a year and deleted without an answer; and the reminder
        # before a police certificate must be renewed.
        "stopped_helpers_deleted": delete_stopped_helpers(now=now),
        **ask_or_delete_inactive_helpers(now=now),
        "police_renewals_reminded": remind_police_renewals(today=timezone.localdate(now)),
        "expired_helpers_not_ready": refresh_expired(today=timezone.localdate(now)),
        # Matches ENDED_MATCH_DAYS after they ended or were declined; hours reports
        # (accounting material) HOURS_REPORT_YEARS after the end of their accounting year.
        "ended_matches_deleted": delete_ended_matches(now=now),
        "hours_reports_deleted": delete_old_hours_reports(today=timezone.localdate(now)),
        # Who asked for a volunteer, the person's name, phone and need: ASKED_REQUEST_DAYS
        # after the request was withdrawn or closed (the anonymous request stays).
        "help_requesters_deleted": delete_closed_requesters(now=now),
        # Sign-ups for sessions (catalogue.participation), PARTICIPATION_RETENTION_DAYS
        # after the session.
        "signups_deleted": delete_old_signups(now),
    }
    logger.info("Retention: %s", ", ".join(f"{key}={value}" for key, value in counts.items()))
    return counts


def delete_stale_drafts(*, now: datetime | None = None) -> int:
    """Drafts not changed for 30 days (``DRAFT_RETENTION_DAYS``), with their files; each
    locked and re-checked in its own transaction (the owner may be saving a step)."""
    count = 0
    for pk in Application.objects.stale_drafts(now=now).values_list("pk", flat=True):
        with transaction.atomic():
            # Locked and re-checked: the owner may be saving a step right now.
            application = Application.objects.select_for_update().filter(pk=pk).first()
            if application is None or application not in Application.objects.stale_drafts(now=now):
                continue
            delete_with_files(application)
            count += 1
    if count:
        logger.info("Deleted %d stale drafts", count)
    return count


# --- helpers (volunteers and støttekontakter, docs/volunteers.md) ------------------------

STOPPED_HELPER_DAYS = 90  # after a helper stops, before their data is deleted
HELPER_INACTIVITY_DAYS = 365  # no confirmation for a year: ask if they still want to help
HELPER_ANSWER_DAYS = 30  # no answer within this time after asking: delete
ENDED_MATCH_DAYS = 365  # after a match ended or was declined, before it is deleted
# Hours reported for paid work are payroll vouchers (bokføringsloven § 13 second paragraph:
# five years after the end of the accounting year; the accounting year is the calendar year).
HOURS_REPORT_YEARS = 5


def _delete_each(queryset: QuerySet[Any]) -> int:
    """Delete the objects of ``queryset`` one by one, each in its own transaction and
    locked first, so that one still matching when it is locked is deleted (a helper who
    answered in the meantime is not). Returns how many were deleted."""
    count = 0
    for pk in queryset.values_list("pk", flat=True):
        with transaction.atomic():
            obj = queryset.select_for_update().filter(pk=pk).first()
            if obj is not None:
                obj.delete()
                count += 1
    return count


def delete_stopped_helpers(*, now: datetime | None = None) -> int:
    """Helpers who stopped more than ``STOPPED_HELPER_DAYS`` ago: their profile and
    everything about their onboarding (pledges, checklist records, certificate checks)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=STOPPED_HELPER_DAYS)
    return _delete_each(
        HelperProfile.objects.filter(status=HelperProfile.Status.STOPPED, stopped_at__lt=cutoff)
    )


def ask_or_delete_inactive_helpers(*, now: datetime | None = None) -> dict[str, int]:
    """Helpers not heard from for ``HELPER_INACTIVITY_DAYS`` are asked by e-mail whether
    they still want to help; those who have not answered ``HELPER_ANSWER_DAYS`` after
    the question are deleted. Answering (or signing up again) resets the clock."""
    now = now or timezone.now()
    asked = 0
    quiet = HelperProfile.objects.filter(
        last_confirmed_at__lt=now - timedelta(days=HELPER_INACTIVITY_DAYS),
        inactivity_asked_at__isnull=True,
    ).exclude(status=HelperProfile.Status.STOPPED)
    for quiet_helper in quiet:
        ask_if_still_helping(quiet_helper, now=now)
        asked += 1
    unanswered = HelperProfile.objects.filter(
        inactivity_asked_at__lt=now - timedelta(days=HELPER_ANSWER_DAYS)
    )
    return {"helpers_asked": asked, "inactive_helpers_deleted": _delete_each(unanswered)}


def delete_ended_matches(*, now: datetime | None = None) -> int:
    """Matches ended or declined more than ``ENDED_MATCH_DAYS`` ago, with their
    check-ins. Their hours reports stay (``match`` set to null) for payroll."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=ENDED_MATCH_DAYS)
    return _delete_each(
        Match.objects.filter(
            status__in=(Match.Status.ENDED, Match.Status.DECLINED), ended_at__lt=cutoff
        )
    )


ASKED_REQUEST_DAYS = 365  # after a request someone asked for closed, before the asker goes


def delete_closed_requesters(*, now: datetime | None = None) -> int:
    """The private part of help requests (``HelpRequester``: who asked, the person's
    name, phone and need) withdrawn or closed more than ``ASKED_REQUEST_DAYS`` ago. The
    request itself (no personal data) stays for the figures."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=ASKED_REQUEST_DAYS)
    return _delete_each(
        HelpRequester.objects.filter(
            help_request__status__in=(HelpRequest.Status.CLOSED, HelpRequest.Status.WITHDRAWN),
            help_request__closed_at__lt=cutoff,
        )
    )


def delete_old_hours_reports(*, today: date | None = None) -> int:
    """Hours reports for months in accounting years that ended more than
    ``HOURS_REPORT_YEARS`` years ago (a report for March 2020 goes on 1 January 2026)."""
    today = today or timezone.localdate()
    first_kept = date(today.year - HOURS_REPORT_YEARS, 1, 1)
    count, _by_model = HoursReport.objects.filter(month__lt=first_kept).delete()
    return count
