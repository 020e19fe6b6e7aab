"""Roles are Django groups with permissions. This module is the one place that says
which permissions each role has; the groups are brought in line after every migrate.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Innbygger")
    CASEWORKER = "caseworker", _("Saksbehandler")
    # Four eyes: a caseworker who may also approve decisions drafted by others.
    APPROVER = "approver", _("Godkjenner")
    UNIT_LEADER = "unit_leader", _("Enhetsleder")
    ADMINISTRATOR = "administrator", _("Administrator")


# Permission codenames ("app_label.codename") per role. Permissions that do not exist
# (yet) are skipped, so later apps add theirs here as their models arrive.
# Volunteers (referrals.volunteers): roles, their checklists and times, help wanted, and
# the helpers enrolled (the onboarding page). Unit leaders have them for their units,
# the administrator for every unit (the admin and the pages scope by unit).
VOLUNTEER_PERMISSIONS = [
    "referrals.view_volunteerrole",
    "referrals.add_volunteerrole",
    "referrals.change_volunteerrole",
    "referrals.view_checklistitem",
    "referrals.add_checklistitem",
    "referrals.change_checklistitem",
    "referrals.delete_checklistitem",
    "referrals.view_volunteerroletime",
    "referrals.add_volunteerroletime",
    "referrals.change_volunteerroletime",
    "referrals.delete_volunteerroletime",
    "referrals.view_helprequest",
    "referrals.add_helprequest",
    "referrals.change_helprequest",
    "referrals.view_helprequesttime",
    "referrals.add_helprequesttime",
    "referrals.change_helprequesttime",
    "referrals.delete_helprequesttime",
    "referrals.view_helperroleenrolment",
]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.CITIZEN: [],
    Role.CASEWORKER: [
        "referrals.view_application",
        "referrals.change_application",
        "referrals.decide_application",
        "referrals.view_casework_statistics",
        "referrals.print_letters",  # the print queue of paper letters
    ],
    # Given to a caseworker (referrals.casework.role_admin): approves, within the cases
    # their caseworker role lets them open, decisions other caseworkers drafted.
    Role.APPROVER: [
        "referrals.view_application",
        "referrals.approve_decision",
    ],
    Role.UNIT_LEADER: [
        "catalogue.view_offer",
        "catalogue.add_offer",
        "catalogue.change_offer",
        "catalogue.publish_offer",
        "catalogue.view_errorreport",
        "catalogue.change_errorreport",
        # Their units' sessions, read-only in the admin (catalogue.participation.admin).
        "catalogue.view_session",
        "referrals.view_application",
        "referrals.view_allocation",
        # Volunteers: the unit's roles, checklists and help wanted in the admin, and the
        # onboarding page for the unit's helpers.
        *VOLUNTEER_PERMISSIONS,
    ],
    Role.ADMINISTRATOR: [
        "portal.view_user",
        "portal.add_user",
        "portal.change_user",
        "catalogue.manage_all_units",  # every unit's offers, locations and reports
        "catalogue.view_unit",
        "catalogue.add_unit",
        "catalogue.change_unit",
        "catalogue.delete_unit",
        "catalogue.view_location",
        "catalogue.add_location",
        "catalogue.change_location",
        "catalogue.delete_location",
        "catalogue.view_offer",
        "catalogue.add_offer",
        "catalogue.change_offer",
        "catalogue.delete_offer",
        "catalogue.publish_offer",
        "catalogue.view_district",
        "catalogue.add_district",
        "catalogue.change_district",
        "catalogue.view_accessibilityfeature",
        "catalogue.add_accessibilityfeature",
        "catalogue.change_accessibilityfeature",
        "catalogue.view_category",
        "catalogue.add_category",
        "catalogue.change_category",
        "catalogue.view_errorreport",
        "catalogue.change_errorreport",
        "catalogue.view_servicetype",
        "catalogue.add_servicetype",
        "catalogue.change_servicetype",
        "catalogue.view_session",  # every unit's sessions, read-only
        "catalogue.view_searchsynonym",  # the search's lexicon
        "catalogue.add_searchsynonym",
        "catalogue.change_searchsynonym",
        "catalogue.delete_searchsynonym",
        "referrals.view_accesslogentry",
        "referrals.view_casework_statistics",
        "referrals.view_interest",  # the volunteers' interest vocabulary
        "referrals.add_interest",
        "referrals.change_interest",
        # Every unit's volunteer roles, checklists and help wanted, as the unit leaders
        # have their own units'.
        *VOLUNTEER_PERMISSIONS,
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
    ],
}

STAFF_ROLES = {Role.CASEWORKER, Role.APPROVER, Role.UNIT_LEADER, Role.ADMINISTRATOR}


def groups_visible_to(user):
    """The groups a user may see and give others: the roles above. Other groups (made
    by a superuser, with any permissions) are for superusers alone."""
    from django.contrib.auth.models import Group

    if not (user.is_authenticated and user.is_active):
        return Group.objects.none()
    if user.is_superuser:
        return Group.objects.all()
    return Group.objects.filter(name__in=Role.values)


def sync_role_groups(sender=None, **kwargs) -> None:
    """Create the role groups and give each exactly the permissions listed above."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    using = kwargs.get("using", "default")
    # Permissions of every app must exist before they can be granted, whatever the
    # order in which post_migrate reaches the apps.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)

    for role, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role.value)
        wanted = []
        for dotted in codenames:
            app_label, codename = dotted.split(".", 1)
            permission = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if permission is not None:
                wanted.append(permission)
        group.permissions.set(wanted)
