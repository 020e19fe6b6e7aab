"""Role administration without the Django admin (/saksbehandling/roller/): who among the
staff has which role, and giving and taking away a role with its scope.

A role is a group (``portal.roles``). Its scope:

- caseworker: the units they work for (``User.units``, shown as "Enhet" in the access
  log), and the service types and districts of their cases (``CaseworkerAssignment``;
  no district means every district);
- approver (four eyes, ``referrals.approve_decision``): given to a caseworker; they
  approve decisions other caseworkers drafted in the cases they may open. Units,
  service types and districts given with it widen that scope as for a caseworker. A
  caseworker role is not taken away while the person is an approver;
- unit leader: the units they lead (``User.units``);
- administrator: none.

Every change is written to Django's admin log (``LogEntry``, on the person changed), so
it also shows in the person's history in the admin: who changed what, for whom, when.
"""

import json
from collections.abc import Iterable, Sequence
from typing import TypedDict

from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from catalogue.models import District, ServiceType, Unit
from portal.models import User
from portal.roles import STAFF_ROLES, Role
from referrals.cases.models import CaseworkerAssignment
from referrals.cases.services import ApplicationError

PERMISSION = "portal.change_user"

# The roles this page gives, in the order it shows them.
MANAGED_ROLES = (Role.CASEWORKER, Role.APPROVER, Role.UNIT_LEADER, Role.ADMINISTRATOR)
# The roles whose scope is the cases' service types and districts.
CASE_SCOPED = (Role.CASEWORKER, Role.APPROVER)


class RoleChangeRefused(ApplicationError):
    """A change the rules do not allow (the message says which)."""


def may_manage_roles(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(PERMISSION)


# Reads ----------------------------------------------------------------------------------


def staff_for(actor: User, *, role: Role | None = None, search: str = "") -> QuerySet[User]:
    """The people with a staff role (or marked as staff) the actor may see, with their
    roles and scopes loaded; filtered by role and by a search in name and e-mail."""
    people = User.objects.visible_to(actor).filter(
        Q(is_staff=True) | Q(groups__name__in=[r.value for r in STAFF_ROLES])
    )
    if role is not None:
        people = people.filter(groups__name=role.value)
    if search:
        people = people.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    return (
        User.objects.filter(pk__in=people.values("pk"))
        .prefetch_related(
            "groups",
            "units",
            "casework_assignments__service_type",
            "casework_assignments__district",
        )
        .order_by("full_name", "email")
    )


def find_person(actor: User, email: str) -> User | None:
    """The account with this e-mail address that the actor may change, or None."""
    return (
        User.objects.visible_to(actor).filter(email__iexact=email.strip(), is_active=True).first()
    )


def person_for(actor: User, pk: int) -> User | None:
    return User.objects.visible_to(actor).filter(pk=pk).first()


class ChangeRow(TypedDict):
    at: object
    actor: str
    person: str
    change: str


def recent_changes(limit: int = 20) -> list[ChangeRow]:
    """The latest changes to accounts in the admin log, this page's among them, with
    the change told in the reader's language."""
    content_type = ContentType.objects.get_for_model(User)
    entries = (
        LogEntry.objects.filter(content_type=content_type)
        .select_related("user")
        .order_by("-action_time", "-pk")[:limit]
    )
    return [
        {
            "at": entry.action_time,
            "actor": str(entry.user),
            "person": entry.object_repr,
            "change": entry.get_change_message(),
        }
        for entry in entries
    ]


# Changes --------------------------------------------------------------------------------


def _names(objects: Iterable[object]) -> str:
    return ", ".join(str(item) for item in objects) or "-"


def _scope_summary(
    role: Role,
    *,
    units: Sequence[Unit] = (),
    service_types: Sequence[ServiceType] = (),
    districts: Sequence[District] = (),
) -> str:
    """What was given or taken, as codes and names (not a sentence in the actor's
    language): ``caseworker | units=… | service_types=… | districts=…``."""
    parts = [role.value]
    if role in (*CASE_SCOPED, Role.UNIT_LEADER):
        parts.append(f"units={_names(units)}")
    if role in CASE_SCOPED:
        parts.append(f"service_types={_names(service_types)}")
        parts.append(f"districts={_names(districts) if districts else '*'}")
    return " | ".join(parts)


def _log(*, actor: User, person: User, flag: int, summary: str) -> LogEntry:
    # The admin tells "added"/"deleted" messages in the reader's language; "rolle" is
    # a msgid, translated when shown.
    key = "added" if flag == ADDITION else "deleted"
    message = json.dumps([{key: {"name": "rolle", "object": summary[:150]}}])
    return LogEntry.objects.log_actions(
        user_id=actor.pk,
        queryset=[person],
        action_flag=flag,
        change_message=message,
        single_object=True,
    )


@transaction.atomic
def grant_role(
    *,
    actor: User,
    person: User,
    role: Role,
    units: Sequence[Unit] = (),
    service_types: Sequence[ServiceType] = (),
    districts: Sequence[District] = (),
) -> LogEntry:
    """Give ``person`` the role with its scope (added to what they have), and log it."""
    if role not in MANAGED_ROLES:
        raise RoleChangeRefused(_("Denne rollen kan ikke gis her."))
    if role in (Role.CASEWORKER, Role.UNIT_LEADER) and not units:
        raise RoleChangeRefused(_("Velg minst én enhet."))
    if role == Role.CASEWORKER and not service_types:
        raise RoleChangeRefused(_("Velg minst én tjenestetype."))
    if role == Role.APPROVER and not person.groups.filter(name=Role.CASEWORKER.value).exists():
        raise RoleChangeRefused(
            _("En godkjenner må også være saksbehandler. Gi personen rollen saksbehandler først.")
        )
    person.groups.add(Group.objects.get(name=role.value))
    if not person.is_staff:
        person.is_staff = True
        person.save(update_fields=["is_staff"])
    if units:
        person.units.add(*units)
    if role in CASE_SCOPED:
        for service_type in service_types:
            targets: Sequence[District | None] = districts or [None]
            for district in targets:
                CaseworkerAssignment.objects.get_or_create(
                    user=person, service_type=service_type, district=district
                )
    summary = _scope_summary(role, units=units, service_types=service_types, districts=districts)
    return _log(actor=actor, person=person, flag=ADDITION, summary=summary)


@transaction.atomic
def revoke_role(*, actor: User, person: User, role: Role) -> LogEntry:
    """Take the role and its scope away from ``person``, and log it. Units stay while
    the person has another role that uses them."""
    if role not in MANAGED_ROLES:
        raise RoleChangeRefused(_("Denne rollen kan ikke fjernes her."))
    if role == Role.ADMINISTRATOR and person.pk == actor.pk:
        # Without it no one may be left to give it back.
        raise RoleChangeRefused(_("Du kan ikke fjerne din egen administratorrolle."))
    group = Group.objects.get(name=role.value)
    if not person.groups.filter(pk=group.pk).exists():
        raise RoleChangeRefused(_("Personen har ikke denne rollen."))
    if role == Role.CASEWORKER and person.groups.filter(name=Role.APPROVER.value).exists():
        raise RoleChangeRefused(
            _("Personen er godkjenner. Fjern rollen godkjenner før rollen saksbehandler.")
        )
    units = list(person.units.all())
    service_types: list[ServiceType] = []
    districts: list[District] = []
    person.groups.remove(group)
    if role == Role.CASEWORKER:
        assignments = list(
            CaseworkerAssignment.objects.filter(user=person).select_related(
                "service_type", "district"
            )
        )
        service_types = list(dict.fromkeys(a.service_type for a in assignments))
        districts = list(dict.fromkeys(a.district for a in assignments if a.district))
        CaseworkerAssignment.objects.filter(user=person).delete()
    uses_units = {Role.CASEWORKER.value, Role.UNIT_LEADER.value}
    if role.value in uses_units and not person.groups.filter(name__in=uses_units).exists():
        person.units.clear()
    summary = _scope_summary(role, units=units, service_types=service_types, districts=districts)
    return _log(actor=actor, person=person, flag=DELETION, summary=summary)
