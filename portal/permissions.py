"""A user's permissions and group names, read in one query.

Django's ModelBackend reads a user's own permissions and their groups' permissions in two
queries, and the navigation and role checks read the groups in a third: three queries
on every staff page. ``load`` reads all three with one UNION (its SQL compiled once per
process) and fills the per-request caches ModelBackend itself uses
(``_user_perm_cache``, ``_group_perm_cache``, ``_perm_cache``) and ``_group_names``. Nothing is kept beyond the user object of one
request, so a changed group or permission counts from the next request, as before.

``PermissionBackend`` (before ModelBackend in AUTHENTICATION_BACKENDS) only answers
permission questions. It logs no one in and has no ``get_user``, so sessions keep naming
ModelBackend or the ID-porten backend (and the test client's ``force_login`` does not
pick it). A superuser is left to ModelBackend, which gives them every permission.
"""

import functools

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.models import CharField, QuerySet, Value

from portal.compiled import CompiledQuery, compile_once, rows

OWN = "u"
GROUP = "g"


# The user's id in the query compiled once (below); never a real primary key.
_USER = -1


def _union(user_id: int) -> QuerySet[Permission, tuple[str, str, str, str]]:
    own = (
        Permission.objects.filter(user=user_id)
        .values_list(
            Value(OWN, output_field=CharField()),
            Value("", output_field=CharField()),
            "content_type__app_label",
            "codename",
        )
        .order_by()
    )
    grouped = (
        Group.objects.filter(user=user_id)
        .values_list(
            Value(GROUP, output_field=CharField()),
            "name",
            "permissions__content_type__app_label",
            "permissions__codename",
        )
        .order_by()
    )
    return own.union(grouped, all=True).order_by()


@functools.cache
def _union_query(vendor: str) -> CompiledQuery:
    """``_union`` compiled once per process (``portal.compiled``): building the UNION of
    two joined querysets cost more than running it, on every request of a logged-in
    user."""
    return compile_once(_union(_USER), {"user": _USER})


def load(user) -> None:
    """Fill the user's permission caches and group names (one query), unless done."""
    if hasattr(user, "_group_names") or not user.is_authenticated:
        return
    found = rows(Permission.objects.all(), _union_query(connection.vendor), {"user": user.pk})
    own_perms: set[str] = set()
    group_perms: set[str] = set()
    group_names: set[str] = set()
    for kind, group_name, app_label, codename in found:
        if kind == GROUP:
            group_names.add(group_name)
        if codename is None:  # a group without permissions
            continue
        (own_perms if kind == OWN else group_perms).add(f"{app_label}.{codename}")
    user._group_names = frozenset(group_names)
    if user.is_superuser:
        return  # ModelBackend gives a superuser every permission; leave that to it
    user._user_perm_cache = own_perms
    user._group_perm_cache = group_perms
    user._perm_cache = own_perms | group_perms


def group_names(user) -> frozenset[str]:
    """The names of the user's groups (the roles), read with their permissions."""
    if not user.is_authenticated:
        return frozenset()
    load(user)
    return user._group_names


class PermissionBackend:
    """Answers has_perm and friends from ``load``; authenticates no one."""

    def authenticate(self, request, **credentials):
        return None

    def _perms(self, user_obj, obj, cache_name: str) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or user_obj.is_superuser:
            return set()
        if obj is not None:
            return set()
        load(user_obj)
        return getattr(user_obj, cache_name)

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        return self._perms(user_obj, obj, "_user_perm_cache")

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        return self._perms(user_obj, obj, "_group_perm_cache")

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        return self._perms(user_obj, obj, "_perm_cache")

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label: str) -> bool:
        prefix = f"{app_label}."
        return any(perm.startswith(prefix) for perm in self.get_all_permissions(user_obj))
