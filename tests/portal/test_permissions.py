"""A user's permissions and groups are read in one query (portal.permissions) and give
the same answers as Django's ModelBackend would."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from portal.models import User
from portal.navigation import navigation_for
from portal.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    """The user as the next request loads it: no permission caches yet."""
    return User.objects.get(pk=user.pk)


def model_backend_answers(user: User) -> set[str]:
    return ModelBackend().get_all_permissions(fresh(user))


@pytest.mark.parametrize(
    "roles",
    [
        (),
        (Role.CITIZEN,),
        (Role.CASEWORKER,),
        (Role.UNIT_LEADER,),
        (Role.CASEWORKER, Role.ADMINISTRATOR),
    ],
)
def test_the_same_permissions_as_model_backend(roles):
    user = make_user(*roles)
    user.user_permissions.add(Permission.objects.get(codename="view_user"))
    expected = model_backend_answers(user)
    assert "portal.view_user" in expected
    loaded = fresh(user)
    assert loaded.get_all_permissions() == expected
    assert loaded.get_user_permissions() == {"portal.view_user"}
    assert loaded.get_group_permissions() == ModelBackend().get_group_permissions(fresh(user))
    for permission in expected:
        assert loaded.has_perm(permission)
    assert not loaded.has_perm("portal.delete_user")


def test_permissions_groups_and_roles_take_one_query(django_assert_num_queries):
    user = fresh(make_user(Role.CASEWORKER))
    with django_assert_num_queries(1):
        assert user.has_perm("referrals.change_application")
        assert user.has_perm("referrals.decide_application")
        assert not user.has_perm("catalogue.publish_offer")
        assert user.has_role(Role.CASEWORKER)
        assert not user.has_role(Role.ADMINISTRATOR)
        assert user.role_names == [Role.CASEWORKER.label]
        assert user.has_module_perms("referrals")


def test_a_group_without_permissions_still_counts_as_a_role():
    user = fresh(make_user(Role.CITIZEN))
    assert user.has_role(Role.CITIZEN)
    assert user.get_all_permissions() == set()


def test_an_inactive_user_has_no_permissions():
    user = make_user(Role.CASEWORKER)
    user.is_active = False
    user.save()
    assert not fresh(user).has_perm("referrals.change_application")
    assert fresh(user).get_all_permissions() == set()


def test_a_superuser_has_every_permission():
    user = make_user(is_superuser=True)
    assert fresh(user).has_perm("referrals.decide_application")
    assert fresh(user).get_all_permissions() == {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.select_related("content_type")
    }


def test_a_changed_group_counts_from_the_next_request():
    user = make_user(Role.CASEWORKER)
    assert fresh(user).has_perm("referrals.change_application")
    user.groups.remove(Group.objects.get(name=Role.CASEWORKER.value))
    assert not fresh(user).has_perm("referrals.change_application")
    assert not fresh(user).has_role(Role.CASEWORKER)


def test_the_navigation_follows_the_groups(rf):
    request = rf.get("/")
    request.user = fresh(make_user(Role.CASEWORKER))
    labels = [str(item["label"]) for item in navigation_for(request)]
    assert "Saksbehandling" in labels
    assert "Tilgangslogg" not in labels
    assert "Roller" not in labels


def test_administrators_find_the_role_page_in_the_navigation(rf):
    request = rf.get("/")
    request.user = fresh(make_user(Role.ADMINISTRATOR))
    items = {str(item["label"]): item["url"] for item in navigation_for(request)}
    assert items["Roller"] == "/saksbehandling/roller/"


def test_unit_leaders_find_the_capacity_page_in_the_navigation(rf, client):
    request = rf.get("/")
    leader = fresh(make_user(Role.UNIT_LEADER))
    request.user = leader
    items = {str(item["label"]): item["url"] for item in navigation_for(request)}
    assert items["Plasser og ventelister"] == "/saksbehandling/kapasitet/"
    client.force_login(leader)
    assert client.get("/saksbehandling/kapasitet/").status_code == 200
    request.user = fresh(make_user(Role.CITIZEN))
    assert "Plasser og ventelister" not in [str(i["label"]) for i in navigation_for(request)]
