"""Reads for the casework pages: the queue with its filters and counts, and the data of
one case page. Each function runs a fixed number of queries whatever the queue size."""

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Required, TypedDict

from django.db import connection
from django.db.models import Exists, Field, Model, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django_stubs_ext import StrOrPromise

from catalogue.models import District, Offer, ServiceType
from portal.compiled import CompiledQuery, compile_once, run
from portal.compiled import rows as compiled_rows
from portal.models import User
from portal.translated import TRANSLATIONS
from referrals.cases import staff_cache
from referrals.cases.access import (
    APPROVE_PERMISSION,
    CHANGE,
    DOWNLOAD,
    caseworkers_for,
    contents_case,
    found_or_refused,
    get_case_for_staff,
    is_caseworker,
    may_read_contents,
    staff_applications,
)
from referrals.cases.models import (
    Appeal,
    Application,
    ApplicationEvent,
    Attachment,
    Consultation,
    Decision,
    DecisionContent,
    Message,
)
from referrals.cases.presentation import staff_status_choices, status_colour
from referrals.casework import queue_counts
from referrals.casework import services as casework
from referrals.casework.models import (
    AppealForwarding,
    Assessment,
    DecisionProposal,
    InternalNote,
    ReasonParagraph,
)
from referrals.letters.models import LetterDispatch, PreliminaryReply
from referrals.letters.rendering import PRELIMINARY_REPLY_AFTER_DAYS

QUEUE_PAGE_SIZE = 50
QUEUE_ORDER = ("due_date", "submitted_at", "pk")  # the default sort (the deadline)
# The columns the queue sorts by (``?sort=frist``, ``?sort=-frist`` for descending): the
# parameter's value → the fields ordered by. Anything else in ``sort`` is ignored.
QUEUE_SORTS: dict[str, tuple[str, ...]] = {
    "referanse": ("reference",),
    "navn": ("person_name",),
    "tjenestetype": ("service_type__name",),
    "bydel": ("district__name",),
    "status": ("status",),
    "frist": ("due_date", "submitted_at"),
    "saksbehandler": ("caseworker__full_name", "caseworker__email"),
}
QUEUE_DEFAULT_SORT = "frist"
# The municipality's own target for reconsidering an appeal and, if it upholds its
# decision, forwarding it to Statsforvalteren (forvaltningsloven § 33: "uten ugrunnet
# opphold"); counted from the day the appeal was received.
APPEAL_FORWARD_DAYS = 21
# An appeal's forwarding deadline is "near" this many days before it.
APPEAL_DEADLINE_NEAR_DAYS = 7


@dataclass(frozen=True)
class QueueSort:
    key: str = QUEUE_DEFAULT_SORT
    descending: bool = False

    @classmethod
    def parse(cls, value: str | None) -> "QueueSort":
        """``frist`` or ``-frist``; an unknown or malformed value is the default."""
        value = (value or "").strip()
        descending = value.startswith("-")
        key = value[1:] if descending else value
        if key not in QUEUE_SORTS:
            return cls()
        return cls(key=key, descending=descending)

    @property
    def value(self) -> str:
        return f"-{self.key}" if self.descending else self.key

    def order_by(self) -> tuple[str, ...]:
        """The ordering, ending with the primary key so pages never overlap."""
        sign = "-" if self.descending else ""
        return (*(f"{sign}{field}" for field in QUEUE_SORTS[self.key]), f"{sign}pk")


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    service_type: int | None = None
    district: int | None = None
    assigned: str = ""  # "me", "unassigned" or "" (anyone)
    overdue: bool = False
    due_soon: bool = False
    needs_preliminary: bool = False
    appeal_deadline: str = ""  # "near", "past" or "" (any)
    appeal_stage: str = ""  # "forwarded", "new_decision" or "" (any)
    awaiting_approval: bool = False
    q: str = ""


def _start_of(day: date) -> datetime:
    # An aware start of day, not a __date lookup: that would convert every row's
    # timestamp and defeat the index.
    return timezone.make_aware(datetime.combine(day, time.min))


def appeals_by_deadline(which: str, *, today: date) -> QuerySet[Appeal]:
    """Appeals the municipality still reconsiders whose forwarding deadline
    (APPEAL_FORWARD_DAYS after receipt) has passed ("past") or falls within
    APPEAL_DEADLINE_NEAR_DAYS ("near", today included)."""
    received = Appeal.objects.filter(status=Appeal.Status.RECEIVED)
    # Deadline = received day + APPEAL_FORWARD_DAYS; past when deadline < today.
    past_before = _start_of(today - timedelta(days=APPEAL_FORWARD_DAYS))
    if which == "past":
        return received.filter(submitted_at__lt=past_before)
    near_before = _start_of(
        today - timedelta(days=APPEAL_FORWARD_DAYS - APPEAL_DEADLINE_NEAR_DAYS - 1)
    )
    return received.filter(submitted_at__gte=past_before, submitted_at__lt=near_before)


def filter_queue(
    queryset: QuerySet[Application],
    *,
    user: User,
    filters: QueueFilters,
    today: date | None = None,
) -> QuerySet[Application]:
    today = today or timezone.localdate()
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.service_type:
        queryset = queryset.filter(service_type_id=filters.service_type)
    if filters.district:
        queryset = queryset.filter(district_id=filters.district)
    if filters.assigned == "me":
        queryset = queryset.filter(caseworker=user)
    elif filters.assigned == "unassigned":
        queryset = queryset.filter(caseworker__isnull=True)
    if filters.overdue:
        queryset = queryset.filter(status__in=Application.OPEN_STATUSES, due_date__lt=today)
    if filters.due_soon:
        queryset = queryset.filter(
            status__in=Application.OPEN_STATUSES,
            due_date__gte=today,
            due_date__lte=today + timedelta(days=7),
        )
    if filters.needs_preliminary:
        queryset = queryset.filter(
            status__in=Application.OPEN_STATUSES,
            submitted_at__lt=_start_of(today - timedelta(days=PRELIMINARY_REPLY_AFTER_DAYS)),
        ).exclude(Exists(PreliminaryReply.objects.filter(application_id=OuterRef("pk"))))
    if filters.appeal_deadline in ("near", "past"):
        appeals = appeals_by_deadline(filters.appeal_deadline, today=today)
        queryset = queryset.filter(Exists(appeals.filter(application_id=OuterRef("pk"))))
    if filters.appeal_stage == "forwarded":
        queryset = queryset.filter(
            Exists(
                Appeal.objects.filter(application_id=OuterRef("pk"), status=Appeal.Status.FORWARDED)
            ),
            status=Application.Status.APPEALED,
        )
    elif filters.appeal_stage == "new_decision":
        # Statsforvalteren changed or quashed the latest decision; no new one yet.
        latest_outcome = Subquery(
            Decision.objects.filter(application_id=OuterRef("pk"))
            .order_by("-issued_at", "-pk")
            .values("appeal_outcome")[:1]
        )
        queryset = queryset.alias(latest_appeal_outcome=latest_outcome).filter(
            status__in=Application.OPEN_STATUSES,
            latest_appeal_outcome__in=["reversed", "quashed"],
        )
    if filters.awaiting_approval:
        queryset = queryset.filter(
            Exists(
                DecisionProposal.objects.filter(
                    application_id=OuterRef("pk"), status=DecisionProposal.Status.AWAITING
                )
            )
        )
    if filters.q:
        term = filters.q.strip()
        queryset = queryset.filter(Q(reference__icontains=term) | Q(person_name__icontains=term))
    return queryset


class QueueData(TypedDict):
    cases: QuerySet[Application]
    count: int
    status_counts: Sequence[tuple[str, StrOrPromise, int]]
    total: int


def queue(
    *,
    user: User,
    filters: QueueFilters,
    sort: QueueSort | None = None,
    today: date | None = None,
) -> QueueData:
    """The queue page: the filtered cases (sorted by ``sort``, by default by deadline)
    and how many they are,
    counts per status over the user's whole scope, and the total. The counts come from
    ``referrals.casework.queue_counts`` (cached until an application changes); a fixed number of
    queries."""
    scope = staff_applications(user)
    version = queue_counts.data_version()
    counts = queue_counts.status_counts(scope, version=version)
    ordering = (sort or QueueSort()).order_by()
    cases = filter_queue(scope, user=user, filters=filters, today=today).order_by(*ordering)
    status_counts = [
        (value, label, counts.get(value, 0))
        for value, label in staff_status_choices()
        if value != Application.Status.DRAFT
    ]
    return {
        "cases": cases,
        "count": queue_counts.count(cases, version=version),
        "status_counts": status_counts,
        "total": sum(counts.values()),
    }


@dataclass(frozen=True)
class QueueRow:
    """One row of the queue table, with what it shows worked out once per page (the
    template then reads plain values; resolving methods, filters and {% url %} per cell
    was most of the page's rendering)."""

    reference: str
    url: str
    person_name: str
    identity_verified: bool
    service_type: str
    district: str
    status: str
    status_label: str
    status_colour: str
    due_date: date | None
    overdue: bool
    caseworker: str


# What a row of the queue table reads: plain values, no model instances (the service
# type and district by their names in every language, so their long texts and questions
# stay unread; building four model instances per row was most of the page's reading).
_TERM_NAMES = ("name", *(f"name_{language}" for language in TRANSLATIONS))
QUEUE_ROW_VALUES = (
    "pk",
    "reference",
    "person_name",
    "person_identity",
    "status",
    "due_date",
    "service_type_id",
    *(f"service_type__{field}" for field in _TERM_NAMES),
    "district_id",
    *(f"district__{field}" for field in _TERM_NAMES),
    "caseworker__full_name",
    "caseworker__email",
)


def _queue_rows(ids: list[int]) -> QuerySet[Application, dict[str, Any]]:
    rows: QuerySet[Application, dict[str, Any]] = (
        Application.objects.filter(pk__in=ids).values(*QUEUE_ROW_VALUES).order_by()
    )
    return rows


@functools.cache
def _queue_rows_query(vendor: str, count: int) -> CompiledQuery:
    """``_queue_rows`` of ``count`` ids, compiled once per process and count (at most
    QUEUE_PAGE_SIZE or PERSON_SEARCH_LIMIT of them): compiling the select of the row's
    twenty columns from four tables cost more CPU than running it, on every queue
    page. Negative ids stand for the real ones."""
    stand_ins = {f"id{at}": -1 - at for at in range(count)}
    return compile_once(_queue_rows(list(stand_ins.values())), stand_ins)


def queue_rows(ids: list[int], *, today: date | None = None) -> list[QueueRow]:
    """The rows of one queue page, in the order of ``ids``: the page is chosen on the
    ids alone (a narrow sort), then only these rows are read with what the table shows."""
    today = today or timezone.localdate()
    if not ids:
        return []
    compiled = _queue_rows_query(connection.vendor, len(ids))
    found = compiled_rows(
        Application.objects.all(), compiled, {f"id{at}": pk for at, pk in enumerate(ids)}
    )
    rows = [dict(zip(QUEUE_ROW_VALUES, row, strict=True)) for row in found]
    labels = {value: str(label) for value, label in staff_status_choices()}
    # str() of a service type or district picks the reader's language; once per page.
    names: dict[tuple[str, object], str] = {}

    def name(row: dict[str, Any], relation: str, model: type[ServiceType | District]) -> str:
        pk = row[f"{relation}_id"]
        if pk is None:
            return ""
        if (relation, pk) not in names:
            term = model(pk=pk, **{field: row[f"{relation}__{field}"] for field in _TERM_NAMES})
            names[relation, pk] = str(term)
        return names[relation, pk]

    # One reverse() for the page; each row's link differs only by its reference.
    marker = "0000-000000"
    case_url = reverse("referrals:case", kwargs={"reference": marker})
    by_pk = {}
    for row in rows:
        reference, status, due_date = row["reference"] or "", row["status"], row["due_date"]
        by_pk[row["pk"]] = QueueRow(
            reference=reference,  # a submitted case has one
            url=case_url.replace(marker, reference),
            person_name=row["person_name"],
            identity_verified=row["person_identity"] == Application.Identity.VERIFIED,
            service_type=name(row, "service_type", ServiceType),
            district=name(row, "district", District),
            status=status,
            status_label=labels.get(status, status),
            status_colour=status_colour(status),
            due_date=due_date,
            overdue=status in Application.OPEN_STATUSES
            and due_date is not None
            and due_date < today,
            # User.get_full_name(), without the user
            caseworker=(row["caseworker__full_name"] or row["caseworker__email"] or ""),
        )
    return [by_pk[pk] for pk in ids if pk in by_pk]


# A person search shows at most this many cases (a person has a handful).
PERSON_SEARCH_LIMIT = 100


def cases_for_person(*, user: User, national_id: str) -> list[Application]:
    """The submitted cases about the person with ``national_id`` (11 digits, already
    validated) that ``user`` may see, newest first: an exact match on the stored number
    (indexed), within the user's service types and districts or units."""
    return list(
        staff_applications(user)
        .filter(person_national_id=national_id)
        .order_by("-submitted_at", "-pk")
        .only("pk", "reference", "person_name")[:PERSON_SEARCH_LIMIT]
    )


def colleagues(application: Application) -> QuerySet[User]:
    """Caseworkers ``application`` can be assigned to: those who could open it."""
    return (
        caseworkers_for(application)
        .order_by("full_name", "email")
        .only("pk", "full_name", "email", "is_active", "is_superuser")  # not the hash
    )


def colleague_choices(application: Application) -> list[tuple[int, str]]:
    """``colleagues`` as (pk, name) for the assign form on the case page, cached per
    service type and district until a person, role or assignment changes."""
    return staff_cache.people_choices(
        f"colleagues:{application.service_type_id}:{application.district_id}",
        lambda: [(user.pk, str(user)) for user in colleagues(application)],
    )


# The lists on the case page, read only when the case holds any: most open cases have
# no decision, appeal, proposal, consultation or preliminary reply yet.
CASE_PAGE_LISTS = {
    "attachments": Attachment,
    "messages": Message,
    "preliminary_replies": PreliminaryReply,
    "notes": InternalNote,
    "decisions": Decision,
    "appeals": Appeal,
    "assessment": Assessment,
    "consultations": Consultation,
    "dispatches": LetterDispatch,
}


def _column(model: type[Model], name: str) -> str:
    """The column of one of ``model``'s own fields (the stubs also allow a relation from
    another model, which has none)."""
    field = model._meta.get_field(name)
    assert isinstance(field, Field) and field.column
    return field.column


@functools.cache
def _holdings_sql(vendor: str) -> tuple[str, tuple[str, ...]]:
    """``SELECT EXISTS (…), EXISTS (…), …`` over CASE_PAGE_LISTS and the proposals
    awaiting a second approval, written once per process from the models' tables and
    columns. Nine ORM Exists() annotations cost more to compile (about 1.7 ms) than the
    rest of the case's fetch; this is one plain query on indexed foreign keys."""
    quote = connection.ops.quote_name

    def exists(model: type[Model], extra: str = "") -> str:
        column = _column(model, "application")
        # Names from the models' own metadata, quoted; every value is a parameter.
        table = quote(model._meta.db_table)
        return f"EXISTS (SELECT 1 FROM {table} WHERE {quote(column)} = %s{extra})"  # noqa: S608

    names = (*CASE_PAGE_LISTS, "awaiting_proposal")
    parts = [exists(model) for model in CASE_PAGE_LISTS.values()]
    status = quote(_column(DecisionProposal, "status"))
    parts.append(exists(DecisionProposal, f" AND {status} = %s"))
    return "SELECT " + ", ".join(parts), names


def case_holdings(application: Application) -> dict[str, bool]:
    """Which of the case page's lists hold anything (one query): name → bool, for each
    of CASE_PAGE_LISTS and ``awaiting_proposal``."""
    sql, names = _holdings_sql(connection.vendor)
    params = [application.pk] * len(names) + [DecisionProposal.Status.AWAITING.value]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return {name: bool(value) for name, value in zip(names, row, strict=True)}


# The case page shows the newest notes and timeline events; all of them on request.
CASE_PAGE_RECENT = 50


def newest[M: Model](queryset: QuerySet[M], limit: int | None) -> tuple[list[M], bool]:
    """The newest ``limit`` rows in the queryset's own order (oldest first) and whether
    older ones were left out; every row when ``limit`` is None. One query either way."""
    if limit is None:
        return list(queryset), False
    rows = list(queryset.reverse()[: limit + 1])
    return rows[:limit][::-1], len(rows) > limit


# Stands for the case's id while the case page's fixed queries are compiled (below);
# never a real primary key.
_APPLICATION = -1


def _preferred_offers(application_id: int) -> QuerySet[Offer]:
    """The offers the application prefers, as ``application.preferred_offers`` reads
    them: each offer's title (in the reader's language) and unit, for the case page."""
    return (
        Offer.objects.filter(applications=application_id)
        .select_related("unit")
        .only("title", "title_nn", "title_en", "unit__name")
    )


@functools.cache
def _preferred_offers_query(vendor: str) -> CompiledQuery:
    """``_preferred_offers``, compiled once per process (``portal.compiled``)."""
    return compile_once(_preferred_offers(_APPLICATION), {"application": _APPLICATION})


def _events(application_id: int) -> QuerySet[ApplicationEvent]:
    return ApplicationEvent.objects.filter(application=application_id).select_related("actor")


@functools.cache
def _recent_events_query(vendor: str) -> CompiledQuery:
    """The newest CASE_PAGE_RECENT + 1 events (``newest``), compiled once per process."""
    return compile_once(
        _events(_APPLICATION).reverse()[: CASE_PAGE_RECENT + 1], {"application": _APPLICATION}
    )


def recent_events(application: Application) -> tuple[list[ApplicationEvent], bool]:
    """``newest(application.events.select_related("actor"), CASE_PAGE_RECENT)``, in SQL
    compiled once per process: compiling the case page's fixed queries cost more CPU
    than running them, on every case page."""
    rows = run(
        ApplicationEvent.objects.all(),
        _recent_events_query(connection.vendor),
        {"application": application.pk},
    )
    for event in rows:
        event.application = application  # as the related manager would give them
    return rows[:CASE_PAGE_RECENT][::-1], len(rows) > CASE_PAGE_RECENT


class CasePageData(TypedDict, total=False):
    """The summary for everyone who may see the case; the rest for caseworkers."""

    contents: Required[bool]
    preferred_offers: Required[list[Offer]]
    is_caseworker: Required[bool]
    attachments: list[Attachment]
    events: list[ApplicationEvent]
    more_events: bool
    case_messages: list[Message]
    notes: list[InternalNote]
    more_notes: bool
    recent: int
    decisions: list[Decision]
    decision_to_replace: Decision | None
    appeals: list[Appeal]
    appeal_to_assess: bool
    appeal_with_statsforvalteren: bool
    preliminary_replies: list[PreliminaryReply]
    dispatches: list[LetterDispatch]
    assessment: Assessment | None
    needs_preliminary: bool


def case_page_data(
    *,
    user: User,
    application: Application,
    holdings: dict[str, bool] | None = None,
    show_all: bool = False,
) -> CasePageData:
    """Everything the case page shows. Contents (attachments, messages, notes, letters)
    only for caseworkers; unit leaders get the summary. Lists ``holdings``
    (``case_holdings``) says are empty are not read. Notes and timeline events: the
    newest CASE_PAGE_RECENT of each, unless ``show_all``."""
    contents = may_read_contents(user)
    data: CasePageData = {
        "contents": contents,
        # The page shows each offer's title (in the reader's language) and unit.
        "preferred_offers": run(
            Offer.objects.all(),
            _preferred_offers_query(connection.vendor),
            {"application": application.pk},
        ),
        "is_caseworker": is_caseworker(user),
    }
    if not contents:
        return data

    def holds(name: str) -> bool:
        return holdings is None or holdings[name]

    def rows[M: Model](name: str, queryset: QuerySet[M]) -> list[M]:
        return list(queryset) if holds(name) else []

    # One query for every attachment: the application's own, and each message's.
    attachments: list[Attachment] = []
    by_message: dict[int, list[Attachment]] = {}
    # "Vedlegg" lists every attachment, also those sent with a reply to a message; each
    # message lists its own as well.
    for attachment in rows("attachments", application.attachments.all()):
        attachments.append(attachment)
        if attachment.message_id is not None:
            by_message.setdefault(attachment.message_id, []).append(attachment)
    case_messages = rows("messages", application.messages.select_related("sender"))
    for message in case_messages:
        message.attachment_list = by_message.get(message.pk, [])
    preliminary_replies = rows("preliminary_replies", application.preliminary_replies.all())
    appeals = rows("appeals", application.appeals.select_related("forwarding"))
    decisions = rows(
        "decisions",
        Decision.objects.filter(application=application).select_related("content"),
    )
    limit = None if show_all else CASE_PAGE_RECENT
    if show_all:
        events, more_events = newest(application.events.select_related("actor"), None)
    else:
        events, more_events = recent_events(application)
    notes, more_notes = (
        newest(InternalNote.objects.filter(application=application).select_related("author"), limit)
        if holds("notes")
        else ([], False)
    )
    data.update(
        {
            "attachments": attachments,
            "events": events,
            "more_events": more_events,
            "case_messages": case_messages,
            "notes": notes,
            "more_notes": more_notes,
            "recent": CASE_PAGE_RECENT,
            "decisions": decisions,
            # Statsforvalteren changed or quashed the latest decision: a new one is due.
            "decision_to_replace": (
                decisions[-1] if decisions and decisions[-1].appeal_outcome else None
            ),
            "appeals": appeals,
            # An appeal the municipality still reconsiders (it may forward it), and
            # one with Statsforvalteren (whose outcome may be registered).
            "appeal_to_assess": any(a.status == Appeal.Status.RECEIVED for a in appeals),
            "appeal_with_statsforvalteren": any(
                a.status == Appeal.Status.FORWARDED for a in appeals
            ),
            "preliminary_replies": preliminary_replies,
            # How and when each letter went to whom (``letters.dispatch``).
            "dispatches": rows(
                "dispatches",
                LetterDispatch.objects.filter(application=application).select_related(
                    "decision", "preliminary_reply", "marked_by"
                ),
            ),
            "assessment": (
                Assessment.objects.filter(application=application).first()
                if holds("assessment")
                else None
            ),
            "needs_preliminary": application.is_open
            and application.submitted_at is not None
            and timezone.localdate(application.submitted_at)
            < timezone.localdate() - timedelta(days=PRELIMINARY_REPLY_AFTER_DAYS)
            and not preliminary_replies,
        }
    )
    return data


def new_consultation_answers(
    consultations: Sequence[Consultation], decisions: Sequence[Decision]
) -> list[Consultation]:
    """The consultations a unit answered after the latest decision (all answered ones
    when there is none): the answers the caseworker has not yet decided on."""
    since = decisions[-1].issued_at if decisions else None
    return [
        consultation
        for consultation in consultations
        if consultation.answered_at is not None
        and (since is None or consultation.answered_at > since)
    ]


def decision_form_initial(source: DecisionProposal | DecisionContent) -> dict[str, object]:
    """The decision form's values from what a proposal or a decision's content holds
    (of ``casework.DECISION_FIELDS``; a content has no outcome or legal basis): the
    offer as its id and the weekdays as the form's choices."""
    initial: dict[str, object] = {
        field: getattr(source, field)
        for field in casework.DECISION_FIELDS
        if hasattr(source, field)
    }
    initial["offer"] = source.offer_id
    initial["weekdays"] = [str(day) for day in source.weekdays]
    return initial


def correction_initial(
    *, decision: Decision, application: Application, user: User
) -> dict[str, object]:
    """The correction form: what the old decision said, or what ``user`` wrote in a
    correction of it that was sent back to them."""
    initial: dict[str, object] = {
        "decisions_seen": application.decisions.count(),
        "outcome": decision.outcome,
        "legal_basis": decision.legal_basis,
    }
    returned = casework.returned_proposal(application, user)
    if returned is not None and returned.corrects_id == decision.pk:
        return {
            **initial,
            **decision_form_initial(returned),
            "correction_reason": returned.correction_reason,
        }
    content = DecisionContent.objects.filter(decision=decision).first()
    return {**initial, **decision_form_initial(content)} if content is not None else initial


def reason_paragraphs(*, service_type: ServiceType) -> list[ReasonParagraph]:
    """The decision templates for a case of ``service_type``: those of the service type
    or of every service type, whose legal basis (if given) is one of the service
    type's."""
    bases = [line.strip() for line in (service_type.legal_basis or "").splitlines()]
    return list(
        ReasonParagraph.objects.filter(
            Q(service_type=service_type) | Q(service_type__isnull=True),
            Q(legal_basis="") | Q(legal_basis__in=[basis for basis in bases if basis]),
        )
    )


def get_proposal_to_review(*, user: User, reference: str, proposal_id: int) -> DecisionProposal:
    """A decision awaiting approval, for an approver (the approver role's
    ``referrals.approve_decision``) who may open the case and did not draft it (no one
    approves their own decision); anything else is a 404."""
    application = get_case_for_staff(
        user=user, reference=reference, action=CHANGE, permission=APPROVE_PERMISSION, log=False
    )
    proposal = (
        application.decision_proposals.filter(
            pk=proposal_id, status=DecisionProposal.Status.AWAITING
        )
        .exclude(drafted_by=user)
        .first()
    )
    return found_or_refused(
        proposal,
        user=user,
        action=CHANGE,
        object_type="decision_proposal",
        application=application,
        requested_id=proposal_id,
    )


def get_case_file_for_staff(*, user: User, reference: str, forwarding_id: int) -> AppealForwarding:
    application = contents_case(
        user=user,
        reference=reference,
        action=DOWNLOAD,
        object_type="appeal_case_file",
        object_id=str(forwarding_id),
    )
    forwarding = AppealForwarding.objects.filter(
        pk=forwarding_id, appeal__application=application
    ).first()
    return found_or_refused(
        forwarding,
        user=user,
        action=DOWNLOAD,
        object_type="appeal_case_file",
        application=application,
        requested_id=forwarding_id,
    )
