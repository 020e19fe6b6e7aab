"""A relative's own application (pårørendestøtte, pbrl. § 2-8 and hol. § 3-6): the
caregiver is the applicant and the party, the person cared for is named with consent
or a reason, the care burden is described; through casework, decision and letter."""

import io
import json
import logging
from datetime import date

import pytest
from django.core import mail
from pypdf import PdfReader

from catalogue.models import ServiceType
from referrals.applications import services
from referrals.applications.forms_caregiver import BurdenForm, CaredForForm
from referrals.cases.models import Application, Decision
from tests.referrals.casework.factories import decide, make_case, make_caseworker, take
from tests.referrals.helpers import national_id

pytestmark = pytest.mark.django_db

CARED_FOR_NUMBER = national_id(born=date(1941, 3, 2), start=600)
CAREGIVER_NUMBER = national_id(start=700)


@pytest.fixture
def respite(service_types):
    # Made by the data migration (catalogue 0015), completed by the demo seeding.
    return service_types["avlastning"]


def post(client, application, step, data, expect=302):
    response = client.post(
        f"/soknad/{application.public_id}/parorende/{step}/", {"action": "next", **data}
    )
    assert response.status_code == expect, response.content.decode()[:3000]
    return response


CARED_FOR = {
    "cared_for_name": "Arne Hansen",
    "cared_for_relation": "ektefelle",
    "cared_for_birth_year": "1941",
    "cared_for_national_id": CARED_FOR_NUMBER,
    "cared_for_consent": "consent",
}
ABOUT_ME = {
    "person_name": "Kari Nordmann",
    "person_national_id": CAREGIVER_NUMBER,
    "person_language": "nb",
    "person_email": "kari@example.no",
    "person_address": "Storgata 1",
    "person_postcode": "1234",
    "person_place": "Eksempelby",
}
BURDEN = {
    "care_hours_per_week": "35",
    "care_nights_per_month": "12",
    "care_duration": "over_3_years",
    "care_tasks": "Stell morgen og kveld, tilsyn hele dagen, følger til lege.",
    "need_description": "En fast dag fri i uka.",
    "days": ["2"],
}


def caregiver_draft(applicant, service_type, **answers) -> Application:
    draft = services.create_draft(applicant=applicant, service_type=service_type)
    values = {
        "on_behalf": False,
        "person_name": "Kari Nordmann",
        "person_national_id": CAREGIVER_NUMBER,
        "person_language": "nb",
        "cared_for_name": "Arne Hansen",
        "cared_for_relation": "ektefelle",
        "cared_for_national_id": CARED_FOR_NUMBER,
        "cared_for_consent": "consent",
        "care_hours_per_week": 35,
        "care_nights_per_month": 12,
        "care_duration": "over_3_years",
        "care_tasks": "Stell morgen og kveld, tilsyn hele dagen.",
        **answers,
    }
    Application.objects.filter(pk=draft.pk).update(**values)
    draft.refresh_from_db()
    return draft


# --- the service types -----------------------------------------------------------------


def test_the_migration_adds_the_relatives_services_with_their_legal_basis(day_activity):
    services_for_caregivers = ServiceType.objects.filter(for_caregivers=True, active=True)
    assert {s.slug for s in services_for_caregivers} == {
        "avlastning",
        "omsorgsstonad",
        "parorendestotte-opplaering",
    }
    for service_type in services_for_caregivers:
        assert "§ 3-6" in service_type.legal_basis
        assert "pasient- og brukerrettighetsloven § 2-8" in service_type.legal_basis
        assert "særlig tyngende omsorgsarbeid" in service_type.legal_basis_text
        assert "særleg tyngjande omsorgsarbeid" in service_type.legal_basis_text_nn
    assert "nr. 2 (avlastningstiltak)" in ServiceType.objects.get(slug="avlastning").legal_basis
    assert not day_activity.for_caregivers


# --- the forms -------------------------------------------------------------------------


def test_the_person_cared_for_needs_consent_or_a_reason():
    form = CaredForForm({**CARED_FOR, "cared_for_consent": "cannot_consent"})
    assert not form.is_valid()
    assert "cared_for_no_consent_reason" in form.errors
    form = CaredForForm(
        {
            **CARED_FOR,
            "cared_for_consent": "cannot_consent",
            "cared_for_no_consent_reason": "Har langt kommet demens.",
        }
    )
    assert form.is_valid(), form.errors
    # Naming them makes the caregiver the party, never someone acting on their behalf.
    assert form.cleaned_data["on_behalf"] is False
    assert CaredForForm({**CARED_FOR, "cared_for_consent": ""}).errors["cared_for_consent"]


def test_the_birth_year_and_number_are_optional_but_checked():
    minimal = {key: CARED_FOR[key] for key in ("cared_for_name", "cared_for_relation")}
    form = CaredForForm({**minimal, "cared_for_consent": "consent"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["cared_for_national_id"] == ""
    assert form.cleaned_data["cared_for_birth_year"] is None
    form = CaredForForm({**CARED_FOR, "cared_for_national_id": "12345678901"})
    assert "cared_for_national_id" in form.errors
    form = CaredForForm({**CARED_FOR, "cared_for_birth_year": "2999"})
    assert "cared_for_birth_year" in form.errors
    # A stored number is kept when the field is left empty, and never shown in full.
    form = CaredForForm(
        {**CARED_FOR, "cared_for_national_id": ""}, stored_national_id=CARED_FOR_NUMBER
    )
    assert form.is_valid()
    assert form.cleaned_data["cared_for_national_id"] == CARED_FOR_NUMBER
    assert CARED_FOR_NUMBER not in str(form)


def test_the_care_burden_is_required_and_bounded():
    assert BurdenForm(BURDEN).is_valid()
    form = BurdenForm({**BURDEN, "care_hours_per_week": "200", "care_nights_per_month": ""})
    assert not form.is_valid()
    assert "care_hours_per_week" in form.errors and "care_nights_per_month" in form.errors
    assert "care_tasks" in BurdenForm({**BURDEN, "care_tasks": ""}).errors


# --- the wizard ------------------------------------------------------------------------


def test_a_caregiver_applies_for_respite_in_their_own_right(
    citizen_client, citizen, respite, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    response = citizen_client.post("/soknad/", {"service_type": respite.pk})
    application = Application.objects.get(applicant=citizen)
    # The ordinary "who applies" step hands over to the caregiver's own path.
    response = citizen_client.get(response.url)
    assert response.url == f"/soknad/{application.public_id}/parorende/omsorg/"
    page = citizen_client.get(response.url).content.decode()
    assert "Steg 2 av 7" in page
    assert "Du søker selv, som pårørende" in page

    response = post(citizen_client, application, "omsorg", CARED_FOR)
    assert response.url.endswith("/parorende/deg/")
    page = citizen_client.get(response.url).content.decode()
    assert "Om deg" in page and "Hvilket språk foretrekker du?" in page
    post(citizen_client, application, "deg", ABOUT_ME)
    post(
        citizen_client, application, "omsorgsarbeid", {**BURDEN, "care_hours_per_week": "500"}, 422
    )
    response = post(citizen_client, application, "omsorgsarbeid", BURDEN)
    assert response.url.endswith("/parorende/tilbud/")
    post(citizen_client, application, "tilbud", {})
    response = post(citizen_client, application, "vedlegg", {})
    assert response.url.endswith("/parorende/oppsummering/")

    review = citizen_client.get(response.url).content.decode()
    assert "Arne Hansen" in review and "35" in review and "Mer enn tre år" in review
    assert CARED_FOR_NUMBER[:6] + "*****" in review
    assert CARED_FOR_NUMBER not in review

    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(
            f"/soknad/{application.public_id}/parorende/send/", {"confirmed_truthful": "on"}
        )
    application.refresh_from_db()
    assert response.url == f"/soknad/kvittering/{application.reference}/"
    assert application.status == Application.Status.SUBMITTED
    # The caregiver is the party.
    assert application.on_behalf is False
    assert application.person_name == "Kari Nordmann"
    assert application.person_national_id == CAREGIVER_NUMBER
    assert application.cared_for_national_id == CARED_FOR_NUMBER
    assert (application.care_hours_per_week, application.care_nights_per_month) == (35, 12)

    # The person cared for's number never travels in e-mails or logs.
    assert mail.outbox
    for message in mail.outbox:
        assert CARED_FOR_NUMBER not in message.body + message.subject
    assert CARED_FOR_NUMBER not in caplog.text


def test_missing_answers_are_named_on_the_review(citizen_client, citizen, respite):
    draft = caregiver_draft(citizen, respite, care_tasks="", cared_for_consent="cannot_consent")
    response = citizen_client.post(
        f"/soknad/{draft.public_id}/parorende/send/", {"confirmed_truthful": "on"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert f"/soknad/{draft.public_id}/parorende/omsorg/?fra=oppsummering" in page
    assert f"/soknad/{draft.public_id}/parorende/omsorgsarbeid/?fra=oppsummering" in page
    assert Application.objects.get(pk=draft.pk).is_draft


def test_the_ordinary_wizard_sends_a_caregivers_draft_to_its_own_path(
    citizen_client, citizen, respite, day_activity
):
    draft = caregiver_draft(citizen, respite)
    response = citizen_client.get(f"/soknad/{draft.public_id}/vedlegg/")
    assert response.url == f"/soknad/{draft.public_id}/parorende/vedlegg/"
    response = citizen_client.post(f"/soknad/{draft.public_id}/send/", {"confirmed_truthful": "on"})
    assert response.url == f"/soknad/{draft.public_id}/parorende/oppsummering/"
    assert Application.objects.get(pk=draft.pk).is_draft
    # And the other way: an ordinary draft is not taken into the caregiver's path.
    other = services.create_draft(applicant=citizen, service_type=day_activity)
    response = citizen_client.get(f"/soknad/{other.public_id}/parorende/omsorg/")
    assert response.url == f"/soknad/{other.public_id}/hvem/"


def test_someone_elses_caregiver_draft_is_not_found(stranger_client, citizen, respite):
    draft = caregiver_draft(citizen, respite)
    assert stranger_client.get(f"/soknad/{draft.public_id}/parorende/omsorg/").status_code == 404


# --- casework, decision and letter -----------------------------------------------------


@pytest.fixture
def caregiver_case(citizen, respite, districts):
    return make_case(
        applicant=citizen,
        service_type=respite,
        district=districts.north,
        person_name="Kari Nordmann",
        person_address="Storgata 1",
        person_postcode="1234",
        person_place="Eksempelby",
        cared_for_name="Arne Hansen",
        cared_for_relation="ektefelle",
        cared_for_national_id=CARED_FOR_NUMBER,
        cared_for_consent="consent",
        care_hours_per_week=35,
        care_nights_per_month=12,
        care_duration="over_3_years",
        care_tasks="Stell morgen og kveld, tilsyn hele dagen.",
    )


def test_the_caseworker_sees_the_care_burden(login, caregiver_case, respite):
    caseworker = make_caseworker(service_type=respite, email="avlastning@example.no")
    page = login(caseworker).get(f"/saksbehandling/{caregiver_case.reference}/").content.decode()
    assert "Kari Nordmann" in page  # the party
    assert "Omsorgsarbeidet" in page
    assert "Stell morgen og kveld, tilsyn hele dagen." in page
    assert "Mer enn tre år" in page
    assert "Arne Hansen" in page
    assert CARED_FOR_NUMBER not in page


def test_the_decision_letter_is_to_the_caregiver_and_names_the_person_cared_for_once(
    caregiver_case, respite
):
    caseworker = make_caseworker(service_type=respite, email="avlastning@example.no")
    case = take(caregiver_case, caseworker)
    decide(case, caseworker, facts="Kari gir omsorg til ektefellen hele døgnet.")
    decision = Decision.objects.get(application=case)
    with decision.letter.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert text.index("Kari Nordmann") < text.index("Vedtak om")  # the recipient
    assert "Du har søkt som pårørende med omsorgsarbeid for Arne Hansen." in text
    assert text.count("Arne Hansen") == 1
    assert "§ 3-6 nr. 2" in text and "§ 2-8" in text
    assert "Din rett som pårørende" in text
    assert CARED_FOR_NUMBER not in text and CARED_FOR_NUMBER[:6] not in text
    for message in mail.outbox:
        assert CARED_FOR_NUMBER not in message.body


# --- Mine søknader ---------------------------------------------------------------------


def test_my_applications_show_own_cases_apart_from_those_acted_in(
    citizen_client, citizen, caregiver_case, day_activity
):
    acted_in = make_case(
        applicant=citizen,
        service_type=day_activity,
        on_behalf=True,
        relation="relative",
        basis="consent",
        person_name="Per Hansen",
    )
    page = citizen_client.get("/mine-soknader/").content.decode()
    own_start = page.index("Dine egne saker")
    acting_start = page.index("Saker der du søker for en annen")
    assert own_start < page.index(caregiver_case.reference) < acting_start
    assert page.index(acted_in.reference) > acting_start
    assert "Omsorg for" in page


def test_with_only_own_cases_the_other_section_says_so(citizen_client, caregiver_case):
    page = citizen_client.get("/mine-soknader/").content.decode()
    assert "Du søker ikke for noen andre." in page


# --- the caregiver's own data ------------------------------------------------------------


def test_the_personal_data_export_holds_the_care_burden_with_the_number_masked(
    citizen_client, caregiver_case
):

    response = citizen_client.get("/mine-soknader/mine-opplysninger.json")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    [application] = json.loads(body)["applications"]
    care = application["answers"]["caregiving"]
    assert care["cared_for_name"] == "Arne Hansen"
    assert care["care_hours_per_week"] == 35
    assert care["care_duration_label"] == "Mer enn tre år"
    assert care["cared_for_national_id"] == CARED_FOR_NUMBER[:6] + "*****"
    assert CARED_FOR_NUMBER not in body.decode()
    pdf = citizen_client.get("/mine-soknader/mine-opplysninger.pdf")
    assert pdf.status_code == 200


def test_a_caregivers_draft_continues_on_its_own_path(citizen_client, citizen, respite):
    # Reached "Omsorgsarbeidet ditt" (the path's step 4): the continue links on Mine
    # søknader and the start page open that step, not the ordinary wizard's step 4.
    draft = caregiver_draft(citizen, respite, furthest_step=4)
    expected = f'href="/soknad/{draft.public_id}/parorende/omsorgsarbeid/"'
    assert expected in citizen_client.get("/mine-soknader/").content.decode()
    assert expected in citizen_client.get("/soknad/").content.decode()
