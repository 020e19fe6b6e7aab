"""Roles are groups whose permissions are exactly those listed in portal.roles."""

import pytest
from django.contrib.auth.models import Group, Permission

from portal.roles import ROLE_PERMISSIONS, Role, sync_role_groups

pytestmark = pytest.mark.django_db


def existing(codenames: list[str]) -> set[str]:
    found = set()
    for dotted in codenames:
        app_label, codename = dotted.split(".", 1)
        if Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists():
            found.add(dotted)
    return found


def permissions_of(group: Group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_after_migrate_the_five_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {role.value for role in Role}
    assert len(Role) == 5  # citizen, caseworker, approver, unit leader, administrator


@pytest.mark.parametrize("role", list(Role))
def test_each_group_has_exactly_its_listed_permissions(role):
    group = Group.objects.get(name=role.value)
    assert permissions_of(group) == existing(ROLE_PERMISSIONS[role])


def test_the_core_permissions_exist():
    for dotted in ["portal.view_user", "portal.change_user", "axes.view_accessattempt"]:
        assert existing([dotted]) == {dotted}


def test_citizens_have_no_permissions():
    assert permissions_of(Group.objects.get(name=Role.CITIZEN.value)) == set()


def test_sync_removes_permissions_added_by_hand():
    group = Group.objects.get(name=Role.CASEWORKER.value)
    group.permissions.add(Permission.objects.get(codename="delete_user"))
    sync_role_groups()
    assert "portal.delete_user" not in permissions_of(group)
