"""The police certificate rule per role kind (docs/volunteers.md), and that a role's
checklist cannot hold a certificate where the rule does not allow one."""

import pytest
from django.core.exceptions import ValidationError

from referrals.volunteers.models import ChecklistItem, RoleKind, VolunteerRole
from referrals.volunteers.rules import HOL_5_4, PRF_34_1, police_certificate_rule
from tests.referrals.volunteers.factories import ChecklistItemFactory, VolunteerRoleFactory


def role(kind: str, *, minors: bool = False, disability: bool = False) -> VolunteerRole:
    return VolunteerRole(
        kind=kind, involves_minors=minors, involves_intellectual_disability=disability
    )


@pytest.mark.parametrize("kind", [RoleKind.STOTTEKONTAKT, RoleKind.AVLASTER])
def test_stottekontakt_and_avlaster_must_show_a_certificate(kind):
    rule = police_certificate_rule(role(kind))
    assert rule.required and rule.allowed
    assert rule.legal_basis == HOL_5_4 == "helse- og omsorgstjenesteloven § 5-4"


@pytest.mark.parametrize(("minors", "disability"), [(True, False), (False, True), (True, True)])
def test_a_volunteer_with_minors_or_intellectual_disability_shows_one(minors, disability):
    rule = police_certificate_rule(role(RoleKind.VOLUNTEER, minors=minors, disability=disability))
    assert rule.required and rule.allowed
    assert rule.legal_basis == PRF_34_1
    assert "politiregisterforskriften § 34-1" in rule.legal_basis


def test_any_other_volunteer_must_not_be_asked_for_one():
    rule = police_certificate_rule(role(RoleKind.VOLUNTEER))
    assert not rule.required
    assert not rule.allowed
    assert rule.legal_basis == ""


@pytest.mark.django_db
def test_a_checklist_cannot_ask_an_ordinary_volunteer_for_a_certificate():
    item = ChecklistItemFactory.build(
        role=VolunteerRoleFactory(kind=RoleKind.VOLUNTEER),
        kind=ChecklistItem.Kind.POLICE_CERTIFICATE,
    )
    with pytest.raises(ValidationError) as raised:
        item.full_clean()
    assert "kind" in raised.value.message_dict


@pytest.mark.django_db
def test_a_checklist_may_hold_one_for_a_stottekontakt():
    item = ChecklistItemFactory.build(
        role=VolunteerRoleFactory(kind=RoleKind.STOTTEKONTAKT),
        kind=ChecklistItem.Kind.POLICE_CERTIFICATE,
    )
    item.full_clean()


@pytest.mark.django_db
def test_the_admin_checklist_refuses_a_certificate_for_an_ordinary_volunteer():
    from django.forms import inlineformset_factory

    from referrals.volunteers.admin import ChecklistFormSet

    formset_class = inlineformset_factory(
        VolunteerRole, ChecklistItem, formset=ChecklistFormSet, fields=["kind", "label"], extra=1
    )
    data = {
        "checklist_items-TOTAL_FORMS": "1",
        "checklist_items-INITIAL_FORMS": "0",
        "checklist_items-0-kind": ChecklistItem.Kind.POLICE_CERTIFICATE,
        "checklist_items-0-label": "Politiattest",
    }
    volunteer = VolunteerRoleFactory(kind=RoleKind.VOLUNTEER)
    assert not formset_class(data, instance=volunteer).is_valid()
    minors = VolunteerRoleFactory(kind=RoleKind.VOLUNTEER, involves_minors=True)
    assert formset_class(data, instance=minors).is_valid()
