"""Builders for the matching tests: a granted støttekontakt case, a coordinator of the
unit, ready and not-ready helpers (made ready through the volunteers' services, as
staff and the helper would)."""

from datetime import timedelta

from django.utils import timezone

from catalogue.models import ServiceType
from portal.roles import Role
from referrals.cases.models import Application
from referrals.volunteers import services as volunteer_services
from referrals.volunteers.models import (
    ChecklistItem,
    HelperAvailability,
    Interest,
    PoliceCertificateCheck,
    RoleKind,
)
from tests.catalogue.factories import DistrictFactory, ServiceTypeFactory, UnitFactory
from tests.referrals.casework.factories import make_case, make_unit_leader
from tests.referrals.helpers import make_user, record_decision
from tests.referrals.volunteers.factories import (
    ChecklistItemFactory,
    EnrolmentFactory,
    HelperProfileFactory,
    VolunteerRoleFactory,
)


def stottekontakt_service() -> ServiceType:
    return ServiceType.objects.filter(slug="stottekontakt").first() or ServiceTypeFactory(
        slug="stottekontakt", name="Støttekontakt"
    )


def make_world():
    """A unit with a støttekontakt role (conversation, pledge, police certificate), its
    coordinator, district Nord and a granted støttekontakt case."""
    unit = UnitFactory(name="Frivilligsentralen", slug="frivilligsentralen")
    district = DistrictFactory(name="Nord", slug="nord")
    role = VolunteerRoleFactory(unit=unit, kind=RoleKind.STOTTEKONTAKT, title="Støttekontakt")
    ChecklistItemFactory(role=role, kind=ChecklistItem.Kind.CONVERSATION, label="Samtale")
    ChecklistItemFactory(role=role, kind=ChecklistItem.Kind.PLEDGE, label="Taushetserklæring")
    coordinator = make_unit_leader(unit=unit, full_name="Kari Koordinator")
    citizen = make_user(Role.CITIZEN, full_name="Per Person")
    application = make_case(
        applicant=citizen,
        service_type=stottekontakt_service(),
        district=district,
        person_name="Per Person",
        person_phone="+4791234567",
    )
    Application.objects.filter(pk=application.pk).update(status=Application.Status.UNDER_ASSESSMENT)
    decision = record_decision(application=application, outcome="granted", actor=coordinator)
    return {
        "unit": unit,
        "district": district,
        "role": role,
        "coordinator": coordinator,
        "citizen": citizen,
        "application": application,
        "decision": decision,
    }


def make_helper(role, *, ready: bool = True, staff=None, **fields):
    """A helper enrolled in ``role``; ``ready``: every checklist item done, the pledge
    signed and a police certificate check passed."""
    helper = HelperProfileFactory(**fields)
    enrolment = EnrolmentFactory(helper=helper, role=role)
    staff = staff or make_user(Role.UNIT_LEADER)
    for item in role.checklist_items.all():
        if item.kind == ChecklistItem.Kind.CONVERSATION:
            volunteer_services.tick_item(enrolment, item, by=staff)
    if ready:
        volunteer_services.sign_pledge(helper)
        volunteer_services.record_police_check(
            enrolment,
            shown_on=timezone.localdate(),
            result=PoliceCertificateCheck.Result.NO_REMARKS,
            renew_by=timezone.localdate() + timedelta(days=3 * 365),
            by=staff,
        )
    return helper


def available(helper, *slots):
    for weekday, part in slots:
        HelperAvailability.objects.create(helper=helper, weekday=weekday, part=part)


def make_asking_world():
    """The volunteer centre with a public "Besøksvenn" role (a conversation on its
    checklist), its coordinator, district Nord, a relative who asks for a volunteer,
    and a helper ready for the role."""

    unit = UnitFactory(
        name="Frivilligsentralen", slug="frivilligsentralen", email="frivillig@kommune.no"
    )
    district = DistrictFactory(name="Nord", slug="nord")
    role = VolunteerRoleFactory(unit=unit, kind=RoleKind.VOLUNTEER, title="Besøksvenn")
    ChecklistItemFactory(role=role, kind=ChecklistItem.Kind.CONVERSATION, label="Samtale")
    coordinator = make_unit_leader(unit=unit, full_name="Kari Koordinator")
    relative = make_user(Role.CITIZEN, full_name="Dina Datter", email="dina@example.no")
    chess = Interest.objects.create(slug="sjakk", name="Sjakk")
    helper = make_helper(
        role, ready=False, staff=coordinator, name="Nils Nabo", phone="+4798765432"
    )
    return {
        "unit": unit,
        "district": district,
        "role": role,
        "coordinator": coordinator,
        "relative": relative,
        "interest": chess,
        "helper": helper,
    }
