"""The cached staff facts (referrals.cases.staff_cache) follow every change: a person's
units, a unit renamed or added, a new caseworker or a role taken away."""

from django.contrib.auth.models import Group

from portal.roles import Role
from referrals.cases import staff_cache
from referrals.casework.selectors import colleague_choices
from tests.catalogue.factories import UnitFactory
from tests.referrals.casework.factories import make_caseworker


def test_the_unit_label_follows_the_persons_units_and_renames(world, units):
    north = world.staff.north
    assert staff_cache.unit_label(north) == ""
    north.units.add(units.sun)
    assert staff_cache.unit_label(north) == units.sun.name
    units.sun.name = "Solsiden nye"
    units.sun.save()
    assert staff_cache.unit_label(north) == "Solsiden nye"
    units.sun.staff.remove(north)  # from the unit's side
    assert staff_cache.unit_label(north) == ""


def test_the_consultation_units_follow_new_units(world):
    before = staff_cache.municipal_unit_choices()
    unit = UnitFactory(name="Aaa ny enhet", kind="municipal")
    after = staff_cache.municipal_unit_choices()
    assert (unit.pk, "Aaa ny enhet") in after and (unit.pk, "Aaa ny enhet") not in before


def test_the_colleagues_follow_roles_and_assignments(world, day_activity, districts):
    case = world.case
    names = {name for _pk, name in colleague_choices(case)}
    assert "Kåre Kollega" in names and "Sølvi Sør" not in names
    newcomer = make_caseworker(
        service_type=day_activity, district=districts.north, full_name="Nye Nils"
    )
    assert "Nye Nils" in {name for _pk, name in colleague_choices(case)}
    newcomer.groups.remove(Group.objects.get(name=Role.CASEWORKER.value))
    assert "Nye Nils" not in {name for _pk, name in colleague_choices(case)}
