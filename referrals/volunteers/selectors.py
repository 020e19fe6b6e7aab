"""Reads of the volunteers room: the public lists, the helper's own page, the staff
onboarding page, and the rule for when a helper is ready (matchable) for a role."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from catalogue.models import Unit
from portal.models import User
from referrals.volunteers.models import (
    ChecklistItem,
    HelperProfile,
    HelperRoleEnrolment,
    HelpRequest,
    PoliceCertificateCheck,
    VolunteerRole,
)
from referrals.volunteers.rules import police_certificate_rule


def public_roles() -> QuerySet[VolunteerRole]:
    """Roles listed on /frivillig/: public and active."""
    return (
        VolunteerRole.objects.filter(public=True, active=True)
        .select_related("unit", "district", "offer")
        .prefetch_related("interests", "times")
    )


def open_help_requests() -> QuerySet[HelpRequest]:
    """Help wanted listed on /frivillig/: open and public. Only the description fields
    are shown; the linked case never is."""
    return (
        HelpRequest.objects.filter(public=True, status=HelpRequest.Status.OPEN)
        .select_related("district")
        .prefetch_related("interests", "times")
    )


def helper_for(user: User) -> HelperProfile | None:
    if not user.is_authenticated:
        return None
    return HelperProfile.objects.filter(user=user).first()


# What the rules below read of an enrolment: prefetched by the lists that apply them to
# many enrolments, so that a page costs the same number of queries for one or fifty.
ENROLMENT_PREFETCH = (
    "completions",
    "role__checklist_items",
    "police_checks",
    "helper__pledges",
)


def has_signed_pledge(helper: HelperProfile) -> bool:
    return bool(helper.pledges.all())


def latest_police_check(enrolment: HelperRoleEnrolment) -> PoliceCertificateCheck | None:
    return max(
        enrolment.police_checks.all(), key=lambda check: (check.checked_at, check.pk), default=None
    )


@dataclass(frozen=True)
class ChecklistEntry:
    item: ChecklistItem
    done: bool


def checklist(enrolment: HelperRoleEnrolment, *, today: date | None = None) -> list[ChecklistEntry]:
    """Each item of the role's checklist and whether it is done for ``enrolment``: a
    pledge item when the helper has signed the pledge, a police-certificate item by a
    valid check (``police_check_ok``), any other when staff ticked it."""
    done = {completion.item_id for completion in enrolment.completions.all()}
    entries = []
    for item in enrolment.role.checklist_items.all():
        if item.kind == ChecklistItem.Kind.PLEDGE:
            is_done = has_signed_pledge(enrolment.helper)
        elif item.kind == ChecklistItem.Kind.POLICE_CERTIFICATE:
            is_done = police_check_ok(enrolment, today=today)
        else:
            is_done = item.pk in done
        entries.append(ChecklistEntry(item=item, done=is_done))
    return entries


def missing_items(enrolment: HelperRoleEnrolment) -> list[ChecklistItem]:
    """The required checklist items not yet done for ``enrolment``, but for a
    police-certificate item (``is_ready`` checks the certificate by the role's rule)."""
    return [
        entry.item
        for entry in checklist(enrolment)
        if entry.item.required
        and not entry.done
        and entry.item.kind != ChecklistItem.Kind.POLICE_CERTIFICATE
    ]


def police_check_ok(enrolment: HelperRoleEnrolment, *, today: date | None = None) -> bool:
    """True when the role needs no certificate, or the latest check passed and need not
    be renewed yet. A failed latest check means the helper cannot be used in the role."""
    today = today or timezone.localdate()
    rule = police_certificate_rule(enrolment.role)
    latest = latest_police_check(enrolment) if rule.allowed else None
    if latest is not None and latest.result != PoliceCertificateCheck.Result.NO_REMARKS:
        return False
    if not rule.required:
        return True
    return latest is not None and latest.valid_on(today)


def is_ready(enrolment: HelperRoleEnrolment, *, today: date | None = None) -> bool:
    """A helper is ready (may be matched) in a role when the enrolment has not ended,
    every required checklist item is done and, where the role requires it, a police
    certificate check passed and is not past its renewal date."""
    if enrolment.status == HelperRoleEnrolment.Status.ENDED:
        return False
    return not missing_items(enrolment) and police_check_ok(enrolment, today=today)


def ready_helpers(
    role_kind: str,
    *,
    unit: Unit | None = None,
    district_id: int | None = None,
    today: date | None = None,
) -> QuerySet[HelperProfile]:
    """Active helpers ready for a role of ``role_kind`` (of ``unit``, living in
    ``district_id`` when given): the ones matching may propose."""
    enrolments = HelperRoleEnrolment.objects.filter(
        role__kind=role_kind,
        helper__status=HelperProfile.Status.ACTIVE,
    ).exclude(status=HelperRoleEnrolment.Status.ENDED)
    if unit is not None:
        enrolments = enrolments.filter(role__unit=unit)
    if district_id is not None:
        enrolments = enrolments.filter(helper__district_id=district_id)
    ready_ids = {
        enrolment.helper_id
        for enrolment in enrolments.select_related("role", "helper").prefetch_related(
            *ENROLMENT_PREFETCH
        )
        if is_ready(enrolment, today=today)
    }
    return HelperProfile.objects.filter(pk__in=ready_ids)


def my_enrolments(helper: HelperProfile) -> QuerySet[HelperRoleEnrolment]:
    return (
        helper.enrolments.select_related("role", "role__unit")
        .prefetch_related(*ENROLMENT_PREFETCH)
        .order_by("created_at", "pk")
    )


def staff_units(user: User) -> QuerySet[Unit]:
    """The units whose helpers ``user`` coordinates: the units they work for, or every
    unit for those who manage all."""
    units: QuerySet[Unit] = Unit.objects.for_user(user)  # type: ignore[no-untyped-call]
    return units


def staff_roles(user: User) -> QuerySet[VolunteerRole]:
    """The roles of the units ``user`` works for (every unit for those who manage all)."""
    return VolunteerRole.objects.filter(unit__in=staff_units(user)).select_related("unit")


def staff_enrolments(user: User) -> QuerySet[HelperRoleEnrolment]:
    """Enrolments in the roles of ``user``'s units: what the onboarding page lists and
    the only ones its actions find (anything else: 404)."""
    return (
        HelperRoleEnrolment.objects.filter(role__in=staff_roles(user))
        .exclude(helper__status=HelperProfile.Status.STOPPED)
        .select_related("helper", "role", "role__unit")
        .prefetch_related(*ENROLMENT_PREFETCH)
        .order_by("role__title", "helper__name", "pk")
    )


def helpers_in_units(user: User) -> QuerySet[HelperProfile]:
    enrolled = HelperRoleEnrolment.objects.filter(helper=OuterRef("pk"), role__in=staff_roles(user))
    return HelperProfile.objects.filter(Exists(enrolled))


def renewals_due(*, today: date, within_days: int) -> QuerySet[PoliceCertificateCheck]:
    """Passed checks whose renewal date is within ``within_days`` and not yet reminded."""
    return PoliceCertificateCheck.objects.filter(
        Q(renewal_reminded_at__isnull=True),
        result=PoliceCertificateCheck.Result.NO_REMARKS,
        renew_by__isnull=False,
        renew_by__lte=today + timedelta(days=within_days),
        renew_by__gte=today,
        enrolment__helper__status=HelperProfile.Status.ACTIVE,
    ).select_related("enrolment__helper", "enrolment__role")
