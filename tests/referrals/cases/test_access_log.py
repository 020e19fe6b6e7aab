"""The access log (Normen: tilgangslogg): one entry per staff view or change, with who,
role, which person (a pseudonymous key), what and when; append-only."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.utils import timezone

import referrals.casework.admin  # noqa: F401 - registers the admin (see the report)
from portal.roles import Role
from referrals.cases.models import AccessLogEntry, AppendOnlyError
from tests.factories import make_user


def test_viewing_a_case_writes_who_role_person_object_action_and_time(world, login):
    login(world.staff.north).get(f"/saksbehandling/{world.case.reference}/")
    entry = AccessLogEntry.objects.get(object_type="application")
    assert entry.user == world.staff.north
    assert entry.user_label == "Nora Nord"
    assert entry.role == "caseworker"
    assert entry.person == f"{world.case.pk}: Ola Nordmann"
    assert entry.object_id == world.case.reference
    assert entry.action == "view"
    assert entry.allowed is True
    assert entry.at.utcoffset().total_seconds() == 0
    assert abs((timezone.now() - entry.at).total_seconds()) < 60


def test_the_log_never_holds_the_identity_number(world, login):
    client = login(world.staff.north)
    client.get(f"/saksbehandling/{world.case.reference}/")
    client.post(f"/saksbehandling/{world.case.reference}/notat/", {"note-body": "Notat"})
    login(world.stranger).get(f"/saksbehandling/{world.case.reference}/")
    national_id = world.case.person_national_id
    for values in AccessLogEntry.objects.values():
        assert not any(national_id in str(value) for value in values.values())


def test_a_unit_leaders_entry_names_their_unit(world, login):
    login(world.staff.leader).get(f"/saksbehandling/{world.case.reference}/")
    entry = AccessLogEntry.objects.get(object_type="application")
    assert entry.role == "unit_leader"
    assert entry.unit_label == "Solsiden"


def test_entries_cannot_be_changed_or_deleted(world, login):
    login(world.staff.north).get(f"/saksbehandling/{world.case.reference}/")
    entry = AccessLogEntry.objects.get()
    entry.action = "change"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.update(action="change")
    assert AccessLogEntry.objects.get().action == "view"


def test_the_admin_shows_the_log_read_only(world):
    model_admin = admin.site._registry[AccessLogEntry]
    request = RequestFactory().get("/")
    request.user = world.staff.admin
    assert model_admin.has_add_permission(request) is False
    assert model_admin.has_change_permission(request) is False
    assert model_admin.has_delete_permission(request) is False
    assert world.staff.admin.has_perm("referrals.view_accesslogentry")


def test_the_citizen_can_be_shown_who_looked_by_role_and_unit(world, login):
    from referrals.cases.access import access_history_for_citizen

    login(world.staff.north).get(f"/saksbehandling/{world.case.reference}/")
    login(world.staff.leader).get(f"/saksbehandling/{world.case.reference}/")
    login(world.staff.south).get(f"/saksbehandling/{world.case.reference}/")  # refused
    history = access_history_for_citizen(world.case)
    assert [(row["role"], row["unit"]) for row in history] == [
        ("Enhetsleder", "Solsiden"),
        ("Saksbehandler", ""),
    ]
    assert all("Nora" not in str(row) for row in history)


@pytest.mark.parametrize(
    ("roles", "logged"),
    [
        ((), "administrator"),
        ((Role.ADMINISTRATOR,), "administrator"),
        ((Role.CASEWORKER,), "caseworker"),
    ],
)
def test_a_superuser_is_logged_in_the_role_of_their_groups(db, login, roles, logged):
    """A superuser holds every permission; the log names the role they have."""
    superuser = make_user(*roles, is_superuser=True, is_staff=True)
    login(superuser).get("/saksbehandling/tilgangslogg/")
    entry = AccessLogEntry.objects.get(user=superuser)
    assert entry.role == logged
