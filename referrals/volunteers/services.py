"""Changes in the volunteers room: signing up, the pledge, onboarding by staff, pausing
and stopping. Each keeps ``HelperRoleEnrolment.status`` in step with
``selectors.is_ready``."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalogue.models import District, Language
from portal.emails import queue_email
from portal.models import User
from referrals.volunteers import selectors
from referrals.volunteers.models import (
    ChecklistCompletion,
    ChecklistItem,
    ConfidentialityPledge,
    HelperAvailability,
    HelperProfile,
    HelperRoleEnrolment,
    Interest,
    PoliceCertificateCheck,
    RoleKind,
    VolunteerRole,
)
from referrals.volunteers.pledge import VERSION as PLEDGE_VERSION
from referrals.volunteers.rules import police_certificate_rule


class VolunteerError(Exception):
    """A change the state does not allow; the message is for the user."""


@dataclass
class SignUp:
    """What the interest form gives: the helper's facts and the roles chosen."""

    name: str
    email: str
    phone: str = ""
    district: District | None = None
    roles: list[VolunteerRole] = field(default_factory=list)
    interests: list[Interest] = field(default_factory=list)
    languages: list[Language] = field(default_factory=list)
    availability: list[tuple[int, str]] = field(default_factory=list)
    experience: str = ""
    driving_licence: bool = False
    has_car: bool = False
    gender: str = ""
    birth_year: int | None = None
    # The language of the page the form was sent from: the helper's e-mails use it.
    language: str = "nb"


def helper_language(language: str) -> str:
    """``language`` if the portal speaks it (nb, nn, en; "nn-no" counts as nn), else nb."""
    short = (language or "")[:2].lower()
    return short if short in dict(settings.LANGUAGES) else "nb"


def _site_link(name: str) -> str:
    return str(settings.SITE_URL) + reverse(name)


def refresh_status(enrolment: HelperRoleEnrolment, *, today: date | None = None) -> str:
    """Set the enrolment's status from the facts: READY when ``is_ready`` holds,
    ONBOARDING once something is done, else INTERESTED. An ended one stays ended.

    The facts are read afresh: ``enrolment`` may come from a list that prefetched them
    before the change that calls this."""
    enrolment.refresh_from_db()
    if enrolment.status == HelperRoleEnrolment.Status.ENDED:
        return enrolment.status
    if selectors.is_ready(enrolment, today=today):
        status = HelperRoleEnrolment.Status.READY
    elif (
        enrolment.completions.exists()
        or enrolment.police_checks.exists()
        or selectors.has_signed_pledge(enrolment.helper)
    ):
        status = HelperRoleEnrolment.Status.ONBOARDING
    else:
        status = HelperRoleEnrolment.Status.INTERESTED
    if status != enrolment.status:
        enrolment.status = status
        enrolment.save(update_fields=["status"])
    return status


def refresh_expired(*, today: date | None = None) -> int:
    """Enrolments READY on a police certificate check that has passed its renewal date
    are READY no more (records.retention runs this daily; ``is_ready`` already says so
    the day after). Returns how many changed."""
    today = today or timezone.localdate()
    expired = HelperRoleEnrolment.objects.filter(
        status=HelperRoleEnrolment.Status.READY, police_checks__renew_by__lt=today
    ).distinct()
    return sum(
        refresh_status(enrolment, today=today) != HelperRoleEnrolment.Status.READY
        for enrolment in expired
    )


def _refresh_all(helper: HelperProfile) -> None:
    for enrolment in helper.enrolments.select_related("role", "helper"):
        refresh_status(enrolment)


def _notify_units(roles: Iterable[VolunteerRole]) -> None:
    """Tell each unit with an e-mail address that someone signed up for its roles. The
    e-mail names the role only; the coordinator reads the rest after logging in."""
    by_unit: dict[str, list[str]] = {}
    for role in roles:
        if role.unit.email:
            by_unit.setdefault(role.unit.email, []).append(role.title)
    link = _site_link("referrals:volunteer_onboarding")
    for address, titles in by_unit.items():
        queue_email(
            to=[address],
            template="referrals/volunteers/emails/new_helper.txt",
            context={
                "roles": ", ".join(sorted(titles)),
                "link": link,
                "municipality_name": settings.MUNICIPALITY_NAME,
            },
            language="nb",
        )


@transaction.atomic
def register_interest(user: User, data: SignUp) -> HelperProfile:
    """Create or update ``user``'s helper profile and enrol them in the roles chosen.
    The units of newly chosen roles are told by e-mail."""
    helper, _created = HelperProfile.objects.select_for_update().get_or_create(
        user=user, defaults={"name": data.name, "email": data.email}
    )
    helper.name = data.name
    helper.email = data.email
    helper.phone = data.phone
    helper.district = data.district
    helper.gender = data.gender
    helper.birth_year = data.birth_year
    helper.language = helper_language(data.language)
    needs_support_facts = any(
        role.kind != RoleKind.VOLUNTEER for role in [*data.roles, *_enrolled_roles(helper)]
    )
    helper.experience = data.experience if needs_support_facts else ""
    helper.driving_licence = data.driving_licence if needs_support_facts else False
    helper.has_car = data.has_car if needs_support_facts else False
    if helper.status == HelperProfile.Status.STOPPED:
        helper.status = HelperProfile.Status.ACTIVE
        helper.stopped_at = None
    helper.last_confirmed_at = timezone.now()
    helper.inactivity_asked_at = None
    helper.save()
    helper.interests.set(data.interests)
    helper.languages.set(data.languages)
    helper.availability.all().delete()
    HelperAvailability.objects.bulk_create(
        HelperAvailability(helper=helper, weekday=weekday, part=part)
        for weekday, part in sorted(set(data.availability))
    )
    new_roles = []
    for role in data.roles:
        enrolment, created = HelperRoleEnrolment.objects.get_or_create(helper=helper, role=role)
        if not created and enrolment.status == HelperRoleEnrolment.Status.ENDED:
            enrolment.status = HelperRoleEnrolment.Status.INTERESTED
            enrolment.ended_at = None
            enrolment.save(update_fields=["status", "ended_at"])
            created = True
        if created:
            new_roles.append(role)
        refresh_status(enrolment)
    _notify_units(new_roles)
    return helper


def _enrolled_roles(helper: HelperProfile) -> list[VolunteerRole]:
    if helper.pk is None:
        return []
    return [
        enrolment.role
        for enrolment in helper.enrolments.select_related("role").exclude(
            status=HelperRoleEnrolment.Status.ENDED
        )
    ]


@transaction.atomic
def sign_pledge(helper: HelperProfile) -> ConfidentialityPledge:
    """The helper signs the current confidentiality pledge (once per text version)."""
    existing = helper.pledges.filter(text_version=PLEDGE_VERSION).first()
    if existing is not None:
        return existing
    pledge = ConfidentialityPledge.objects.create(helper=helper, text_version=PLEDGE_VERSION)
    _refresh_all(helper)
    return pledge


@transaction.atomic
def tick_item(
    enrolment: HelperRoleEnrolment, item: ChecklistItem, *, by: User, note: str = ""
) -> ChecklistCompletion:
    """Staff record that a checklist item is done. The pledge is signed by the helper
    and the police certificate recorded as a check, never ticked."""
    if item.role_id != enrolment.role_id:
        raise VolunteerError(_("Punktet hører ikke til denne rollen."))
    if item.kind in (ChecklistItem.Kind.PLEDGE, ChecklistItem.Kind.POLICE_CERTIFICATE):
        raise VolunteerError(_("Dette punktet kan ikke krysses av her."))
    completion, _created = ChecklistCompletion.objects.get_or_create(
        item=item, enrolment=enrolment, defaults={"done_by": by, "note": note}
    )
    refresh_status(enrolment)
    return completion


@transaction.atomic
def untick_item(enrolment: HelperRoleEnrolment, item: ChecklistItem) -> None:
    ChecklistCompletion.objects.filter(item=item, enrolment=enrolment).delete()
    refresh_status(enrolment)


@transaction.atomic
def record_police_check(
    enrolment: HelperRoleEnrolment,
    *,
    shown_on: date,
    result: str,
    renew_by: date | None,
    by: User,
) -> PoliceCertificateCheck:
    """Record that a police certificate was shown: its date, the result and who checked
    it. Nothing else about the certificate is kept."""
    if not police_certificate_rule(enrolment.role).allowed:
        raise VolunteerError(_("Det er ikke lov å be om politiattest for denne rollen."))
    today = timezone.localdate()
    if shown_on > today:
        raise VolunteerError(_("Attestens dato kan ikke være fram i tid."))
    if renew_by is not None and renew_by <= shown_on:
        raise VolunteerError(_("Fornyelsesdatoen må være etter attestens dato."))
    check = PoliceCertificateCheck.objects.create(
        enrolment=enrolment,
        shown_on=shown_on,
        result=result,
        renew_by=renew_by,
        checked_by=by,
    )
    refresh_status(enrolment)
    return check


def pause_helper(helper: HelperProfile) -> None:
    if helper.status == HelperProfile.Status.ACTIVE:
        helper.status = HelperProfile.Status.PAUSED
        helper.save(update_fields=["status"])


def resume_helper(helper: HelperProfile) -> None:
    if helper.status == HelperProfile.Status.PAUSED:
        helper.status = HelperProfile.Status.ACTIVE
        helper.last_confirmed_at = timezone.now()
        helper.inactivity_asked_at = None
        helper.save(update_fields=["status", "last_confirmed_at", "inactivity_asked_at"])


@transaction.atomic
def stop_helper(helper: HelperProfile, *, now: datetime | None = None) -> None:
    """The helper stops: every role ends, and the data is deleted after
    ``records.retention.STOPPED_HELPER_DAYS``."""
    now = now or timezone.now()
    helper.status = HelperProfile.Status.STOPPED
    helper.stopped_at = now
    helper.save(update_fields=["status", "stopped_at"])
    helper.enrolments.exclude(status=HelperRoleEnrolment.Status.ENDED).update(
        status=HelperRoleEnrolment.Status.ENDED, ended_at=now
    )


def confirm_still_helping(helper: HelperProfile) -> None:
    """The answer to the yearly question: the helper still wants to help."""
    helper.last_confirmed_at = timezone.now()
    helper.inactivity_asked_at = None
    helper.save(update_fields=["last_confirmed_at", "inactivity_asked_at"])


def ask_if_still_helping(helper: HelperProfile, *, now: datetime | None = None) -> None:
    """E-mail the yearly question (records.retention) and note when it was asked."""
    helper.inactivity_asked_at = now or timezone.now()
    helper.save(update_fields=["inactivity_asked_at"])
    queue_email(
        to=[helper.email],
        template="referrals/volunteers/emails/still_helping.txt",
        context={
            "link": _site_link("referrals:volunteer_mine"),
            "municipality_name": settings.MUNICIPALITY_NAME,
        },
        language=helper.language,
    )


def remind_police_renewals(*, today: date | None = None, within_days: int = 30) -> int:
    """E-mail helpers whose police certificate must be renewed within ``within_days``."""
    today = today or timezone.localdate()
    count = 0
    for check in selectors.renewals_due(today=today, within_days=within_days):
        helper = check.enrolment.helper
        with translation.override(helper.language):
            role_title = check.enrolment.role.tr("title")  # in the helper's language
        queue_email(
            to=[helper.email],
            template="referrals/volunteers/emails/renew_certificate.txt",
            context={
                "role": role_title,
                "renew_by": check.renew_by,
                "link": _site_link("referrals:volunteer_mine"),
                "municipality_name": settings.MUNICIPALITY_NAME,
            },
            language=helper.language,
        )
        check.renewal_reminded_at = timezone.now()
        check.save(update_fields=["renewal_reminded_at"])
        count += 1
    return count
