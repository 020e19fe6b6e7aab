"""The phone number on the helper's sign-up: checked like every phone field
(``portal.phone``), a bad one told next to the field with what was typed kept, a good
one stored in E.164 and shown readably when the form is opened again and on the
coordinators' onboarding page."""

import pytest
from django.urls import reverse

from referrals.volunteers.models import HelperProfile
from tests.catalogue.factories import UnitFactory
from tests.referrals.casework.factories import make_unit_leader
from tests.referrals.helpers import MODEL_BACKEND
from tests.referrals.volunteers.factories import VolunteerRoleFactory

pytestmark = pytest.mark.django_db


def sign_up(client, role, phone, **headers):
    return client.post(
        reverse("referrals:volunteer_signup"),
        {"roles": [role.pk], "name": "Hege Hjelper", "email": "hege@example.no", "phone": phone},
        **headers,
    )


@pytest.mark.parametrize("typed", ["12ab", "123", "+47 1234"])
def test_a_bad_phone_number_is_told_next_to_the_field_and_kept(helper_client, typed):
    role = VolunteerRoleFactory(title="Aktivitetsvenn")
    response = sign_up(helper_client, role, typed)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_phone_error"' in page
    assert "Skriv et gyldig telefonnummer, for eksempel 912 34 567" in page
    assert f'value="{typed}"' in page
    assert not HelperProfile.objects.exists()


def test_the_message_is_in_the_readers_language(helper_client):
    role = VolunteerRoleFactory(title="Aktivitetsvenn")
    response = sign_up(helper_client, role, "12ab", HTTP_ACCEPT_LANGUAGE="en")
    assert "Enter a valid phone number" in response.content.decode()


def test_a_good_number_is_stored_in_e164_and_shown_readably(client, helper_client):
    unit = UnitFactory(name="Frivilligsentralen")
    role = VolunteerRoleFactory(unit=unit, title="Aktivitetsvenn")
    assert sign_up(helper_client, role, "912 34 567").status_code == 302
    assert HelperProfile.objects.get(user=helper_client.user).phone == "+4791234567"
    again = helper_client.get(reverse("referrals:volunteer_signup")).content.decode()
    assert 'value="912 34 567"' in again

    client.force_login(make_unit_leader(unit=unit), backend=MODEL_BACKEND)
    onboarding = client.get(reverse("referrals:volunteer_onboarding")).content.decode()
    assert "912 34 567" in onboarding
    assert "+4791234567" not in onboarding


def test_the_phone_may_be_left_out(helper_client):
    role = VolunteerRoleFactory(title="Aktivitetsvenn")
    assert sign_up(helper_client, role, "").status_code == 302
    assert HelperProfile.objects.get(user=helper_client.user).phone == ""
