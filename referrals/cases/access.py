"""Who among the staff may see which case, and the access log (Normen: tilgangslogg).

- Caseworkers see submitted applications for the service types and districts they are
  assigned to (``CaseworkerAssignment``; no district means every district).
- Unit leaders see only applications that prefer, or were granted, one of their units'
  offers, and only the parts they need (no attachments, notes, messages or letters).
- Administrators manage the system but read no case contents unless also caseworkers.

One helper per object fetches it *and* checks access; everything else is a 404, and the
refusal is written to the access log. Every staff view or change of a person's data
writes one ``AccessLogEntry``. Identity numbers are never logged.
"""

import functools
from datetime import datetime
from typing import Protocol, TypedDict, TypeGuard
from uuid import UUID

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django_stubs_ext import StrOrPromise

from catalogue.models import Offer
from portal.compiled import CompiledQuery, compile_once, rows, run
from portal.models import User
from portal.roles import Role
from referrals.cases import staff_cache
from referrals.cases.models import (
    AccessLogEntry,
    Application,
    Attachment,
    CaseworkerAssignment,
    Consultation,
    Decision,
    DecisionContent,
)

VIEW = AccessLogEntry.Action.VIEW
CHANGE = AccessLogEntry.Action.CHANGE
DOWNLOAD = AccessLogEntry.Action.DOWNLOAD

CASEWORK_PERMISSION = "referrals.change_application"
VIEW_PERMISSION = "referrals.view_application"
DECIDE_PERMISSION = "referrals.decide_application"
# Four eyes: approving a decision another caseworker drafted (the approver role).
APPROVE_PERMISSION = "referrals.approve_decision"

# Who asks: a member of staff, a citizen, or (refused) someone not logged in.
Viewer = User | AnonymousUser


class LetterDocument(Protocol):
    """A letter on a case (a preliminary reply): its PDF."""

    @property
    def letter(self) -> FieldFile: ...


class AccessHistoryRow(TypedDict):
    at: datetime
    role: StrOrPromise
    unit: str
    action: StrOrPromise


def is_caseworker(user: Viewer) -> TypeGuard[User]:
    return user.is_authenticated and user.has_perm(CASEWORK_PERMISSION)


# Stand in for the reference and the user's id while the caseworker's queries are
# compiled (``_assignments_query``, ``_caseworker_case_query``); never a real reference
# or primary key.
_REFERENCE = "\x00reference\x00"
_USER = -1


def _assignments(user_id: int) -> QuerySet[CaseworkerAssignment, tuple[int, int | None]]:
    return CaseworkerAssignment.objects.filter(user=user_id).values_list(
        "service_type_id", "district_id"
    )


@functools.cache
def _assignments_query(vendor: str) -> CompiledQuery:
    """``_assignments``, compiled once per process (``portal.compiled``): read on every
    queue page."""
    return compile_once(_assignments(_USER), {"user": _USER})


def _caseworker_condition(user: Viewer) -> Q | None:
    """A Q matching the caseworker's assigned service types and districts, or None."""
    if not is_caseworker(user):
        return None
    condition = None
    assignments = rows(
        CaseworkerAssignment.objects.all(),
        _assignments_query(connection.vendor),
        {"user": user.pk},
    )
    for service_type_id, district_id in assignments:
        part = Q(service_type_id=service_type_id)
        if district_id is not None:
            part &= Q(district_id=district_id)
        condition = part if condition is None else condition | part
    return condition


def _unit_leader_condition(user: Viewer) -> Q | None:
    if not (user.is_authenticated and user.has_perm(VIEW_PERMISSION)):
        return None
    if is_caseworker(user):
        return None
    offers = Offer.objects.for_unit_leader(user).values("pk")

    allocated = DecisionContent.objects.filter(offer__in=offers).values("decision__application_id")
    preferring = Application.preferred_offers.through.objects.filter(offer__in=offers).values(
        "application_id"
    )

    consulted = Consultation.objects.filter(unit__in=user.units.all()).values("application_id")
    return Q(pk__in=preferring) | Q(pk__in=allocated) | Q(pk__in=consulted)


def caseworkers_for(application: Application) -> QuerySet[User]:
    """The active caseworkers who could open ``application``: the casework permission
    (through their role) and an assignment for its service type, in its district or in
    every district. ``_caseworker_condition`` read from the case's side; the assign
    form offers exactly these, and ``may_be_assigned`` holds the service to the rule."""
    app_label, codename = CASEWORK_PERMISSION.split(".")
    # One filter() call: the service type and the district are of the same assignment.
    covers = Q(casework_assignments__service_type_id=application.service_type_id) & (
        Q(casework_assignments__district__isnull=True)
        | Q(casework_assignments__district_id=application.district_id)
    )
    return (
        get_user_model()
        .objects.filter(
            covers,
            is_active=True,
            groups__permissions__codename=codename,
            groups__permissions__content_type__app_label=app_label,
        )
        .distinct()
    )


def may_be_assigned(*, user: Viewer, application: Application) -> bool:
    """Whether ``user`` could open ``application`` as its caseworker: by the same
    ``staff_applications`` every case page fetches the case through. A case given to
    someone who cannot open it would sit in nobody's queue."""
    return (
        user.is_active
        and is_caseworker(user)
        and staff_applications(user).filter(pk=application.pk).exists()
    )


def staff_applications(user: Viewer) -> QuerySet[Application]:
    """The submitted applications this member of staff may see at all."""
    if not user.is_authenticated:
        return Application.objects.none()
    conditions = [c for c in (_caseworker_condition(user), _unit_leader_condition(user)) if c]
    if not conditions:
        return Application.objects.none()
    condition = conditions[0]
    for other in conditions[1:]:
        condition |= other
    return Application.objects.submitted().filter(condition)


# The case page shows the case's service type, district, caseworker and applicant.
_CASE_RELATIONS = ("service_type", "district", "caseworker", "applicant")


def _caseworker_case(user_id: int, reference: str) -> QuerySet[Application]:
    covering = CaseworkerAssignment.objects.filter(
        Q(district__isnull=True) | Q(district_id=OuterRef("district_id")),
        user=user_id,
        service_type_id=OuterRef("service_type_id"),
    )
    return (
        Application.objects.submitted()
        .filter(reference=reference)
        .select_related(*_CASE_RELATIONS)
        .annotate(in_caseworker_scope=Exists(covering))[:1]
    )


@functools.cache
def _caseworker_case_query(vendor: str) -> CompiledQuery:
    """``_caseworker_case``'s SQL, compiled once per process: compiling the select of
    five tables cost more CPU than running it, on every case page. The queryset is a
    fixed filter (tests/referrals/cases/test_case_query.py checks that it compiles the
    same whenever, as this needs)."""
    return compile_once(
        _caseworker_case(_USER, _REFERENCE), {"user": _USER, "reference": _REFERENCE}
    )


def _one_case(user: Viewer, reference: str) -> Application | None:
    """The submitted case ``reference`` if it is in ``staff_applications(user)``, in one
    query. A caseworker's assignments are matched in the case's own query instead of
    being read first to build the queue's condition (one query less on every case
    page): an EXISTS in the select list, checked here, on the one row found by its
    (unique) reference. As a condition in WHERE the planner would join the assignments
    with the four related tables, and planning that cost PostgreSQL more CPU than
    running the query. Its SQL is compiled once per process (``portal.compiled``)."""
    if not is_caseworker(user):
        return (
            staff_applications(user)
            .filter(reference=reference)
            .select_related(*_CASE_RELATIONS)
            .first()
        )
    compiled = _caseworker_case_query(connection.vendor)
    found = run(Application.objects.all(), compiled, {"user": user.pk, "reference": reference})
    for case in found:
        # An annotation the stubs do not know of on this manager's querysets.
        if case.in_caseworker_scope:  # type: ignore[attr-defined]
            return case
    return None


ACCESS_LOG_PERMISSION = "referrals.view_accesslogentry"
ACCESS_LOG_OBJECT_TYPE = "access_log"


def may_view_access_log(user: Viewer) -> bool:
    """The access log is for administrators (``referrals.view_accesslogentry``), on its
    page and in the admin alike."""
    return user.is_authenticated and user.is_active and user.has_perm(ACCESS_LOG_PERMISSION)


def access_log_for(user: Viewer) -> QuerySet[AccessLogEntry]:
    """The access-log entries a user may read: all of them, or none."""
    if may_view_access_log(user):
        return AccessLogEntry.objects.all()
    return AccessLogEntry.objects.none()


def may_read_contents(user: Viewer) -> bool:
    """Case contents (attachments, messages, notes, letters) are for caseworkers only."""
    return is_caseworker(user)


def role_of(user: Viewer) -> str:
    """The role the user acts in, for the access log. A superuser holds every
    permission, so their role is read from their groups (administrator if none)."""
    if user.is_authenticated and user.is_superuser:
        for role in (Role.CASEWORKER, Role.UNIT_LEADER, Role.ADMINISTRATOR):
            if user.has_role(role):
                return role.value
        return Role.ADMINISTRATOR.value
    if is_caseworker(user):
        return Role.CASEWORKER.value
    if user.is_authenticated and user.has_perm(VIEW_PERMISSION):
        return Role.UNIT_LEADER.value
    if user.is_authenticated and user.has_perm("referrals.view_accesslogentry"):
        return Role.ADMINISTRATOR.value
    return Role.CITIZEN.value if user.is_authenticated else "anonymous"


def person_key(application: Application | None) -> str:
    """A pseudonymous key for the person: the application's id and the person's name."""
    if application is None:
        return ""
    return f"{application.pk}: {application.person_name}"[:250]


def log_access(
    *,
    user: Viewer | None,
    action: str,
    object_type: str,
    object_id: str = "",
    application: Application | None = None,
    reference: str = "",
    allowed: bool = True,
    detail: str = "",
) -> AccessLogEntry:
    account = user if user is not None and user.is_authenticated else None
    units = staff_cache.unit_label(account) if account else ""
    return AccessLogEntry.objects.create(
        user=account,
        user_label=(account.full_name or account.email) if account else "",
        role=role_of(user) if user is not None else "anonymous",
        unit_label=units[:300],
        application_id_logged=application.pk if application is not None else None,
        reference=(application.reference if application is not None else reference) or "",
        person=person_key(application),
        object_type=object_type,
        object_id=str(object_id)[:80],
        action=action,
        detail=detail[:200],
        allowed=allowed,
    )


def refuse(
    *, user: Viewer, action: str, object_type: str, reference: str, object_id: str = ""
) -> Http404:
    """Log a refused access and return the 404 to raise. The person is logged when the
    reference exists, so the log also shows attempts on a real person's case."""
    application = Application.objects.submitted().filter(reference=reference).first()
    log_access(
        user=user,
        action=action,
        object_type=object_type,
        object_id=object_id or reference,
        application=application,
        reference=reference,
        allowed=False,
    )
    return Http404()


def get_case_for_staff(
    *,
    user: Viewer,
    reference: str,
    action: str = VIEW,
    permission: str = VIEW_PERMISSION,
    log: bool = True,
) -> Application:
    """The one way staff views fetch a case: in the user's scope and with the
    permission, else 404 (and the refusal logged). A successful fetch is logged, unless
    ``log=False``: the helpers for an object on the case log that object instead, so a
    refused object is not also logged as an allowed access to the case."""
    application = None
    if user.is_authenticated and user.has_perm(permission):
        application = _one_case(user, reference)
    if application is None:
        raise refuse(user=user, action=action, object_type="application", reference=reference)
    if log:
        log_access(
            user=user,
            action=action,
            object_type="application",
            object_id=application.reference or "",
            application=application,
        )
    return application


def contents_case(
    *, user: Viewer, reference: str, action: str, object_type: str, object_id: str
) -> Application:
    if not may_read_contents(user):
        raise refuse(
            user=user,
            action=action,
            object_type=object_type,
            reference=reference,
            object_id=object_id,
        )
    application = (
        staff_applications(user).filter(reference=reference).first()
        if user.is_authenticated
        else None
    )
    if application is None:
        raise refuse(
            user=user,
            action=action,
            object_type=object_type,
            reference=reference,
            object_id=object_id,
        )
    return application


def found_or_refused[M: Model](
    obj: M | None,
    *,
    user: Viewer,
    action: str,
    object_type: str,
    application: Application,
    requested_id: int | str,
) -> M:
    """The tail every per-object helper shares: a missing (or out-of-scope) object is a
    logged refusal and a 404; a found one is logged as accessed and returned."""
    if obj is None:
        raise refuse(
            user=user,
            action=action,
            object_type=object_type,
            reference=application.reference or "",
            object_id=str(requested_id),
        )
    log_access(
        user=user,
        action=action,
        object_type=object_type,
        object_id=str(obj.pk),
        application=application,
    )
    return obj


def get_attachment_for_staff(*, user: Viewer, reference: str, public_id: UUID) -> Attachment:
    application = contents_case(
        user=user,
        reference=reference,
        action=DOWNLOAD,
        object_type="attachment",
        object_id=str(public_id),
    )
    attachment = application.attachments.filter(public_id=public_id).first()
    if attachment is None:
        raise refuse(
            user=user,
            action=DOWNLOAD,
            object_type="attachment",
            reference=reference,
            object_id=str(public_id),
        )
    log_access(
        user=user,
        action=DOWNLOAD,
        object_type="attachment",
        object_id=str(attachment.public_id),
        application=application,
    )
    return attachment


def get_decision_for_staff(*, user: Viewer, reference: str, decision_id: int) -> Decision:
    application = contents_case(
        user=user,
        reference=reference,
        action=DOWNLOAD,
        object_type="decision",
        object_id=str(decision_id),
    )
    decision = application.decisions.filter(pk=decision_id).exclude(letter="").first()
    return found_or_refused(
        decision,
        user=user,
        action=DOWNLOAD,
        object_type="decision",
        application=application,
        requested_id=decision_id,
    )


def consultations_for(*, user: User, application: Application) -> QuerySet[Consultation]:
    """Caseworkers see every consultation on the case; a unit leader only those sent
    to their units."""
    if is_caseworker(user):
        return application.consultations.select_related("unit", "asked_by", "answered_by")
    return application.consultations.filter(unit__in=user.units.all()).select_related(
        "unit", "asked_by", "answered_by"
    )


def get_consultation_to_answer(*, user: User, reference: str, consultation_id: int) -> Consultation:
    """An unanswered consultation sent to one of the user's units, for a unit leader
    who can see the case; anything else is a 404 (logged)."""
    application = get_case_for_staff(user=user, reference=reference, action=CHANGE, log=False)
    consultation = (
        application.consultations.filter(
            pk=consultation_id, unit__in=user.units.all(), answered_at__isnull=True
        ).first()
        if role_of(user) == Role.UNIT_LEADER.value
        else None
    )
    return found_or_refused(
        consultation,
        user=user,
        action=CHANGE,
        object_type="consultation",
        application=application,
        requested_id=consultation_id,
    )


def get_preliminary_reply_for_staff(
    *, user: Viewer, reference: str, reply_id: int
) -> LetterDocument:
    application = contents_case(
        user=user,
        reference=reference,
        action=DOWNLOAD,
        object_type="preliminary_reply",
        object_id=str(reply_id),
    )
    reply = application.preliminary_replies.filter(pk=reply_id).exclude(letter="").first()
    return found_or_refused(
        reply,
        user=user,
        action=DOWNLOAD,
        object_type="preliminary_reply",
        application=application,
        requested_id=reply_id,
    )


def access_history_for_citizen(application: Application) -> list[AccessHistoryRow]:
    """Who in the municipality has looked at or changed this case, for the citizen's
    page: by role and unit (not by name), with the date. Refused attempts are left out.
    For the citizen side's template (``/mine-soknader/<reference>/``)."""
    labels = {role.value: role.label for role in Role}
    rows = (
        AccessLogEntry.objects.filter(application_id_logged=application.pk, allowed=True)
        .order_by("-at")
        .values_list("at", "role", "unit_label", "action")
    )
    actions = dict(AccessLogEntry.Action.choices)
    return [
        {
            "at": at,
            "role": labels.get(role, role),
            "unit": unit,
            "action": actions.get(action, action),
        }
        for at, role, unit, action in rows
    ]


# Roles whose accesses the citizen sees: staff in the municipality, not the citizen's
# own visits (and never anonymous attempts, which are refused anyway).
STAFF_ROLES = (Role.CASEWORKER, Role.UNIT_LEADER, Role.ADMINISTRATOR)


def access_history(application: Application) -> list[AccessHistoryRow]:
    """Who in the municipality has looked at the case: staff accesses only, newest first
    (the selector leaves refused attempts out and gives role and unit, never names)."""
    # The selector gives the role's label; compare in the same (active) language.
    staff_labels = {str(role.label) for role in STAFF_ROLES}
    return [
        {**row, "role": str(row["role"]), "action": str(row["action"])}
        for row in access_history_for_citizen(application)
        if str(row["role"]) in staff_labels
    ]
