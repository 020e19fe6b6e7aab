"""Letters need a postal address: the wizard asks for the person's (step 3) and, when
someone applies on their behalf, the applicant's (step 4) — street, a four-digit
postnummer and poststed, all required — with clear errors, prefilled where the
identity is verified."""

import pytest
from django.conf import settings

from portal.oidc import VERIFIED_IDENTITY_SESSION_KEY, _identity_digest
from referrals.cases.models import Application
from tests.referrals.helpers import make_draft, make_submitted, national_id

pytestmark = pytest.mark.django_db

PERSON = {
    "person_name": "Kari Nordmann",
    "person_national_id": national_id(),
    "person_language": "nb",
}
ADDRESS = {"person_address": "Storgata 1", "person_postcode": "0155", "person_place": "Oslo"}


def _post(client, draft, step, data, expect):
    response = client.post(f"/soknad/{draft.public_id}/{step}/", {"action": "next", **data})
    assert response.status_code == expect, response.content.decode()[:2000]
    return response.content.decode()


@pytest.fixture
def draft(citizen, day_activity):
    return make_draft(applicant=citizen, service_type=day_activity, on_behalf=False)


def test_the_address_is_required_with_a_clear_message(citizen_client, draft):
    body = _post(citizen_client, draft, "personen", PERSON, 422)
    assert "Skriv adressen, for eksempel Storgata 1." in body
    assert "Skriv postnummeret (fire sifre)." in body
    assert "Skriv poststedet, for eksempel Oslo." in body


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("person_postcode", "155", "Postnummeret må ha fire sifre."),
        ("person_postcode", "01a5", "Postnummeret må ha fire sifre."),
        ("person_place", "0155", "Poststedet kan bare ha bokstaver"),
        ("person_place", "Oslo 1", "Poststedet kan bare ha bokstaver"),
    ],
)
def test_a_wrong_postnummer_or_poststed_is_refused(citizen_client, draft, field, value, message):
    body = _post(citizen_client, draft, "personen", {**PERSON, **ADDRESS, field: value}, 422)
    assert message in body


@pytest.mark.parametrize("place", ["Oslo", "Mo i Rana", "Bø i Telemark", "Ålesund", "Tromsø"])
def test_a_valid_address_is_stored(citizen_client, draft, place):
    _post(citizen_client, draft, "personen", {**PERSON, **ADDRESS, "person_place": place}, 302)
    draft.refresh_from_db()
    assert (draft.person_address, draft.person_postcode, draft.person_place) == (
        "Storgata 1",
        "0155",
        place,
    )


def test_the_message_is_in_nynorsk(citizen_client, draft):
    citizen_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    body = _post(citizen_client, draft, "personen", PERSON, 422)
    assert "Skriv adressa, til dømes Storgata 1." in body
    assert "Skriv postnummeret (fire siffer)." in body


def test_one_who_applies_on_behalf_gives_their_own_address(citizen_client, citizen, day_activity):
    draft = make_draft(
        applicant=citizen,
        service_type=day_activity,
        on_behalf=True,
        relation="guardian",
        basis="consent",
    )
    contact = {"applicant_name": "Kari Verge", "applicant_phone": "99 88 77 66"}
    body = _post(citizen_client, draft, "kontakt", contact, 422)
    assert "Skriv adressen, for eksempel Storgata 1." in body
    _post(
        citizen_client,
        draft,
        "kontakt",
        {
            **contact,
            "applicant_address": "Kirkeveien 2",
            "applicant_postcode": "5003",
            "applicant_place": "Bergen",
        },
        302,
    )
    draft.refresh_from_db()
    assert (draft.applicant_address, draft.applicant_postcode, draft.applicant_place) == (
        "Kirkeveien 2",
        "5003",
        "Bergen",
    )


def _verified(client, user, pid):
    user.national_id = pid
    user.save(update_fields=["national_id"])
    session = client.session
    session[VERIFIED_IDENTITY_SESSION_KEY] = _identity_digest(pid)
    session.save()


def test_a_verified_identity_gets_its_last_address_prefilled(citizen_client, citizen, day_activity):
    pid = national_id(start=640)
    make_submitted(applicant=citizen, service_type=day_activity, person_national_id=pid, **ADDRESS)
    draft = make_draft(
        applicant=citizen, service_type=day_activity, on_behalf=False, person_name=""
    )
    page = citizen_client.get(f"/soknad/{draft.public_id}/personen/").content.decode()
    assert 'value="Storgata 1"' not in page  # not verified in this session: not prefilled

    _verified(citizen_client, citizen, pid)
    page = citizen_client.get(f"/soknad/{draft.public_id}/personen/").content.decode()
    assert 'value="Storgata 1"' in page
    assert 'value="0155"' in page
    assert 'value="Oslo"' in page
    assert Application.objects.get(pk=draft.pk).person_address == ""  # only a suggestion
