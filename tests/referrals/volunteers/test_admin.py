"""The admin is another door to the volunteers room: a unit leader sees, chooses and
changes only their own units' roles and help wanted, as on the onboarding page."""

import pytest
from django.urls import reverse

from referrals.volunteers.models import HelpRequest, RoleKind
from tests.catalogue.factories import UnitFactory
from tests.referrals.casework.factories import make_unit_leader
from tests.referrals.helpers import MODEL_BACKEND
from tests.referrals.volunteers.factories import HelpRequestFactory, VolunteerRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(client):
    own, other = UnitFactory(name="Frivilligsentralen"), UnitFactory(name="Naboenheten")
    leader = make_unit_leader(unit=own, email="koordinator@example.no")
    client.force_login(leader, backend=MODEL_BACKEND)
    return {
        "own": own,
        "other": other,
        "own_role": VolunteerRoleFactory(unit=own, title="Vår turvenn"),
        "other_role": VolunteerRoleFactory(unit=other, title="Deres turvenn"),
        "other_request": HelpRequestFactory(unit=other, description="Deres forespørsel"),
    }


def test_the_help_request_form_offers_only_the_leaders_units_and_roles(client, setting):
    page = client.get(reverse("admin:referrals_helprequest_add")).content.decode()
    assert "Vår turvenn" in page and "Frivilligsentralen" in page
    assert "Deres turvenn" not in page and "Naboenheten" not in page


def test_another_units_role_or_help_request_is_a_404(client, setting):
    role_url = reverse("admin:referrals_volunteerrole_change", args=[setting["other_role"].pk])
    request_url = reverse("admin:referrals_helprequest_change", args=[setting["other_request"].pk])
    assert client.get(role_url).status_code == 404
    assert client.get(request_url).status_code == 404
    changelist = client.get(reverse("admin:referrals_helprequest_changelist")).content.decode()
    assert "Deres forespørsel" not in changelist


@pytest.mark.parametrize("role, created", [("own_role", True), ("other_role", False)])
def test_a_help_request_cannot_be_put_on_another_units_role(client, setting, role, created):
    response = client.post(
        reverse("admin:referrals_helprequest_add"),
        {
            "kind": RoleKind.STOTTEKONTAKT,
            "role": setting[role].pk,
            "unit": setting["own"].pk,
            "description": "En dame som liker strikking.",
            "status": HelpRequest.Status.OPEN,
            "public": "on",
            "created_at_0": "2026-01-05",
            "created_at_1": "12:00",
            "times-TOTAL_FORMS": "0",
            "times-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == (302 if created else 200)  # else the form, with the error
    assert HelpRequest.objects.filter(description__startswith="En dame").exists() == created
