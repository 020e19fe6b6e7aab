"""The volunteers' pages: the public list (no personal data, filters), the sign-up, the
helper's own page, the pledge, the formålsattest PDF, pausing and stopping."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from catalogue.models import District
from referrals.volunteers.models import (
    ConfidentialityPledge,
    HelperProfile,
    HelperRoleEnrolment,
    HelpRequestTime,
    PartOfDay,
    RoleKind,
    VolunteerRoleTime,
)
from tests.catalogue.factories import UnitFactory
from tests.referrals.volunteers.factories import (
    EnrolmentFactory,
    HelperProfileFactory,
    HelpRequestFactory,
    InterestFactory,
    VolunteerRoleFactory,
)

pytestmark = pytest.mark.django_db


def test_the_public_list_shows_roles_and_requests_without_the_case(client, world):
    north = District.objects.get(slug="nord")
    fishing = InterestFactory(name="Fisking", slug="fisking")
    role = VolunteerRoleFactory(title="Turvenn", district=north)
    role.interests.add(fishing)
    VolunteerRoleFactory(title="Skjult rolle", public=False)
    VolunteerRoleFactory(title="Gammel rolle", active=False)
    wanted = HelpRequestFactory(
        district=north,
        description="En mann i 70-årene som liker fisking, 3 timer i uka.",
        application=world.case,
    )
    wanted.interests.add(fishing)
    HelpRequestFactory(description="Lukket forespørsel", status="closed")

    page = client.get(reverse("referrals:volunteers")).content.decode()
    assert "Turvenn" in page
    assert "En mann i 70-årene som liker fisking" in page
    assert "Skjult rolle" not in page and "Gammel rolle" not in page
    assert "Lukket forespørsel" not in page
    assert world.case.person_name not in page
    assert world.case.reference not in page


def test_the_public_list_filters_by_district_interest_and_time(client):
    north = District.objects.create(name="Nordre", slug="nordre")
    south = District.objects.create(name="Søndre", slug="sondre")
    fishing = InterestFactory(name="Fisking", slug="fisking")
    in_north = VolunteerRoleFactory(title="Nordrolle", district=north)
    in_north.interests.add(fishing)
    VolunteerRoleTime.objects.create(role=in_north, weekday=1, part=PartOfDay.EVENING)
    VolunteerRoleFactory(title="Sørrolle", district=south)
    evening = HelpRequestFactory(description="Kveldshjelp i nord", district=north)
    HelpRequestTime.objects.create(help_request=evening, weekday=1, part=PartOfDay.EVENING)
    HelpRequestFactory(description="Morgenhjelp i sør", district=south)

    url = reverse("referrals:volunteers")
    page = client.get(url, {"bydel": "nordre"}).content.decode()
    assert "Nordrolle" in page and "Sørrolle" not in page
    assert "Kveldshjelp i nord" in page and "Morgenhjelp i sør" not in page
    page = client.get(url, {"interesse": "fisking"}).content.decode()
    assert "Nordrolle" in page and "Sørrolle" not in page
    page = client.get(url, {"tid": "evening", "dag": "1"}).content.decode()
    assert "Kveldshjelp i nord" in page and "Morgenhjelp i sør" not in page
    # Nonsense never breaks the page.
    assert client.get(url, {"bydel": "finnes-ikke", "dag": "99", "tid": "x"}).status_code == 200


def test_signing_up_needs_a_log_in(client):
    response = client.get(reverse("referrals:volunteer_signup"))
    assert response.status_code == 302
    assert "logg-inn" in response.url


def test_sign_up_enrols_and_tells_the_unit(helper_client, django_capture_on_commit_callbacks):
    unit = UnitFactory(email="frivilligsentral@eksempel.kommune.no")
    role = VolunteerRoleFactory(unit=unit, title="Aktivitetsvenn")
    fishing = InterestFactory(name="Fisking", slug="fisking")
    with django_capture_on_commit_callbacks(execute=True):
        response = helper_client.post(
            reverse("referrals:volunteer_signup"),
            {
                "roles": [role.pk],
                "name": "Hege Hjelper",
                "email": "hege@example.no",
                "interests": [fishing.pk],
                "availability": ["1-evening", "3-morning"],
            },
        )
    assert response.status_code == 302
    helper = HelperProfile.objects.get(user=helper_client.user)
    assert helper.enrolments.get().role == role
    assert sorted((a.weekday, a.part) for a in helper.availability.all()) == [
        (1, "evening"),
        (3, "morning"),
    ]
    assert [m.to for m in mail.outbox] == [["frivilligsentral@eksempel.kommune.no"]]
    assert "Aktivitetsvenn" in mail.outbox[0].body
    assert "Hege" not in mail.outbox[0].body  # the e-mail names the role, not the helper


def test_a_stottekontakt_must_describe_experience(helper_client):
    role = VolunteerRoleFactory(kind=RoleKind.STOTTEKONTAKT, title="Støttekontakt")
    response = helper_client.post(
        reverse("referrals:volunteer_signup"),
        {"roles": [role.pk], "name": "Hege", "email": "hege@example.no", "driving_licence": "on"},
    )
    assert response.status_code == 200
    assert "Fortell kort om erfaringen din" in response.content.decode()
    assert 'value="Hege"' in response.content.decode()  # what was typed stays
    assert not HelperProfile.objects.exists()


def test_pledge_formalsattest_and_pause(helper_client):
    helper = HelperProfileFactory(user=helper_client.user, name="Hege Hjelper")
    role = VolunteerRoleFactory(kind=RoleKind.STOTTEKONTAKT, title="Støttekontakt i Nord")
    EnrolmentFactory(helper=helper, role=role)

    page = helper_client.get(reverse("referrals:volunteer_pledge")).content.decode()
    assert "forvaltningsloven § 13" in page
    assert "helse- og omsorgstjenesteloven § 2-1" in page
    refused = helper_client.post(reverse("referrals:volunteer_pledge"), {})
    assert refused.status_code == 200 and not ConfidentialityPledge.objects.exists()
    helper_client.post(reverse("referrals:volunteer_pledge"), {"confirm": "1"})
    assert ConfidentialityPledge.objects.get().helper == helper

    response = helper_client.get(reverse("referrals:volunteer_purpose_pdf"), {"rolle": role.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Bekreftelse av formål for politiattest" in text
    assert "Hege Hjelper" in text
    assert "Støttekontakt i Nord" in text
    assert "helse- og omsorgstjenesteloven § 5-4" in text
    assert "Eksempel kommune" in text

    helper_client.post(reverse("referrals:volunteer_status"), {"action": "pause"})
    helper.refresh_from_db()
    assert helper.status == HelperProfile.Status.PAUSED
    helper_client.post(reverse("referrals:volunteer_status"), {"action": "stop"})
    helper.refresh_from_db()
    assert helper.status == HelperProfile.Status.STOPPED
    assert helper.enrolments.get().status == HelperRoleEnrolment.Status.ENDED


def test_no_formalsattest_where_no_certificate_may_be_asked_for(helper_client):
    helper = HelperProfileFactory(user=helper_client.user)
    role = VolunteerRoleFactory(kind=RoleKind.VOLUNTEER)
    EnrolmentFactory(helper=helper, role=role)
    url = reverse("referrals:volunteer_purpose_pdf")
    assert helper_client.get(url, {"rolle": role.pk}).status_code == 404
    # Someone else's role, or nonsense: 404 too.
    other = VolunteerRoleFactory(kind=RoleKind.STOTTEKONTAKT)
    EnrolmentFactory(role=other)
    assert helper_client.get(url, {"rolle": other.pk}).status_code == 404
    for nonsense in ("x", "", "²", "١٢", "-1", str(other.pk) + ".0"):
        assert helper_client.get(url, {"rolle": nonsense}).status_code == 404


def test_the_helper_page_without_a_profile(helper_client):
    page = helper_client.get(reverse("referrals:volunteer_mine"))
    assert page.status_code == 200
    assert "Du har ikke meldt interesse som hjelper ennå." in page.content.decode()


def test_the_public_list_in_english_and_nynorsk(client):
    VolunteerRoleFactory(title="Turvenn", title_en="Walking friend", description="Gå tur.")
    HelpRequestFactory(
        description="En mann som liker fisking.", description_nn="Ein mann som likar fisking."
    )
    english = client.get(reverse("referrals:volunteers"), HTTP_ACCEPT_LANGUAGE="en")
    page = english.content.decode()
    assert "Become a volunteer or support contact" in page
    assert "Walking friend" in page
    assert '<p class="ds-paragraph" lang="nb">Gå tur.</p>' in page  # only in bokmål: marked
    nynorsk = client.get(reverse("referrals:volunteers"), HTTP_ACCEPT_LANGUAGE="nn")
    assert "Ein mann som likar fisking." in nynorsk.content.decode()


def test_sign_up_keeps_gender_and_birth_year_and_refuses_a_bad_year(helper_client):
    role = VolunteerRoleFactory(title="Aktivitetsvenn")
    data = {"roles": [role.pk], "name": "Hege Hjelper", "email": "hege@example.no"}
    url = reverse("referrals:volunteer_signup")
    refused = helper_client.post(
        url, {**data, "birth_year": "1850", "gender": "woman"}, HTTP_ACCEPT_LANGUAGE="nn"
    )
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Skriv eit fødselsår med fire siffer" in page
    assert 'id="id_birth_year_error"' in page and 'value="1850"' in page
    assert not HelperProfile.objects.exists()
    helper_client.post(url, {**data, "birth_year": "1975", "gender": "woman"})
    helper = HelperProfile.objects.get(user=helper_client.user)
    assert (helper.gender, helper.birth_year) == ("woman", 1975)


def test_the_sign_up_times_are_in_the_readers_language(helper_client):
    url = reverse("referrals:volunteer_signup")
    assert "Monday morning" in helper_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "måndag formiddag" in helper_client.get(url, HTTP_ACCEPT_LANGUAGE="nn").content.decode()
    assert "mandag formiddag" in helper_client.get(url).content.decode()
