"""The wizard fits the person (issue 15): one question per page for "who applies", no
contradictory answers, "du" to someone applying for themselves and the person's name
otherwise, a step counter that counts the steps the person sees, and phone numbers in
E.164."""

import re

import pytest
from django.utils import translation

from referrals.applications import forms
from referrals.cases.models import Application
from tests.referrals.helpers import make_draft, national_id, upload

pytestmark = pytest.mark.django_db


def start(client, service_type) -> Application:
    assert client.post("/soknad/", {"service_type": service_type.pk}).status_code == 302
    return Application.objects.latest("created_at")


def url(application, step, query=""):
    return f"/soknad/{application.public_id}/{step}/{query}"


def post(client, application, step, data, expect=302, query=""):
    response = client.post(url(application, step, query), {"action": "next", **data})
    assert response.status_code == expect, response.content.decode()[:2000]
    return response


def names(response) -> set[str]:
    """The names of the form fields on a page."""
    body = response.content.decode()
    form = body[body.index('class="apply-form"') :]
    form = form[: form.index("</form>")]
    return set(re.findall(r'name="([a-z_]+)"', form)) - {
        "csrfmiddlewaretoken",
        "action",
        "step",
    }


# --- one question per page ---------------------------------------------------------------


def test_the_who_page_asks_only_for_whom(citizen_client, day_activity):
    application = start(citizen_client, day_activity)
    response = citizen_client.get(url(application, "hvem"))
    assert names(response) == {"on_behalf"}
    assert "relation" not in response.content.decode()


def test_for_oneself_the_questions_about_acting_for_another_are_never_shown(
    citizen_client, day_activity
):
    application = start(citizen_client, day_activity)
    response = post(citizen_client, application, "hvem", {"on_behalf": "no"})
    assert response.url == url(application, "personen")
    # Typed in by hand, the pages of someone applying for another lead on.
    for step in ("grunnlag", "grunnlag-detaljer", "kontakt"):
        assert citizen_client.get(url(application, step)).status_code == 302


def test_for_another_the_basis_and_then_only_what_the_basis_needs(citizen_client, day_activity):
    application = start(citizen_client, day_activity)
    response = post(citizen_client, application, "hvem", {"on_behalf": "yes"})
    assert response.url == url(application, "grunnlag")
    assert names(citizen_client.get(response.url)) == {"relation", "basis"}

    # Consent needs nothing more: on to the person.
    response = post(
        citizen_client, application, "grunnlag", {"relation": "relative", "basis": "consent"}
    )
    assert response.url == url(application, "personen")

    expected = {
        ("relative", "cannot_consent"): {"cannot_consent_reason"},
        ("guardian", "guardianship"): {"document"},
        ("power_of_attorney", "power_of_attorney"): {
            "power_of_attorney_scope",
            "document",
            "document_later",
        },
    }
    for (relation, basis), fields in expected.items():
        response = post(
            citizen_client, application, "grunnlag", {"relation": relation, "basis": basis}
        )
        assert response.url == url(application, "grunnlag-detaljer")
        assert names(citizen_client.get(response.url)) == fields, basis


def test_myself_with_a_guardian_relation_is_refused_at_the_field(citizen_client, day_activity):
    application = start(citizen_client, day_activity)
    response = post(
        citizen_client,
        application,
        "hvem",
        {"on_behalf": "no", "relation": "guardian", "basis": "guardianship"},
        expect=422,
    )
    body = response.content.decode()
    assert "Du har valgt «Meg selv», men også svart som verge" in body
    application.refresh_from_db()
    assert application.on_behalf is None and application.relation == ""


@pytest.mark.parametrize(
    ("relation", "basis", "field", "message"),
    [
        ("guardian", "consent", "basis", "Du har svart at du er verge."),
        ("relative", "guardianship", "relation", "Bare en oppnevnt verge kan søke med vergemål"),
        ("professional", "guardianship", "relation", "Bare en oppnevnt verge"),
        ("power_of_attorney", "cannot_consent", "basis", "Du har svart at du er fullmektig."),
    ],
)
def test_contradictory_relation_and_basis_are_refused_at_the_field(relation, basis, field, message):
    form = forms.BasisForm({"relation": relation, "basis": basis})
    assert not form.is_valid()
    assert list(form.errors) == [field]
    assert message in form.errors[field][0]


@pytest.mark.parametrize(
    ("relation", "basis"),
    [
        ("guardian", "guardianship"),
        ("power_of_attorney", "power_of_attorney"),
        ("relative", "power_of_attorney"),
        ("relative", "consent"),
        ("professional", "cannot_consent"),
    ],
)
def test_fitting_relation_and_basis_are_accepted(relation, basis):
    assert forms.BasisForm({"relation": relation, "basis": basis}).is_valid()


def test_a_contradiction_stored_before_the_check_keeps_the_draft_from_being_sent(
    citizen_client, citizen, day_activity
):
    draft = make_draft(
        applicant=citizen,
        service_type=day_activity,
        on_behalf=True,
        relation="guardian",
        basis="consent",
        applicant_email="kari@example.no",
    )
    response = citizen_client.post(f"/soknad/{draft.public_id}/send/", {"confirmed_truthful": "on"})
    assert response.status_code == 422
    assert "/grunnlag/?fra=oppsummering" in response.content.decode()


def test_a_changed_basis_forgets_the_answers_of_the_old_one(citizen_client, day_activity):
    application = start(citizen_client, day_activity)
    post(citizen_client, application, "hvem", {"on_behalf": "yes"})
    post(
        citizen_client, application, "grunnlag", {"relation": "relative", "basis": "cannot_consent"}
    )
    post(citizen_client, application, "grunnlag-detaljer", {"cannot_consent_reason": "Demens"})
    post(citizen_client, application, "grunnlag", {"relation": "relative", "basis": "consent"})
    application.refresh_from_db()
    assert application.cannot_consent_reason == ""


def test_changing_for_whom_from_the_review_asks_the_basis_before_returning(
    citizen_client, citizen, day_activity
):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    response = post(citizen_client, draft, "hvem", {"on_behalf": "yes"}, query="?fra=oppsummering")
    assert response.url == url(draft, "grunnlag", "?fra=oppsummering")
    response = post(
        citizen_client,
        draft,
        "grunnlag",
        {"relation": "relative", "basis": "consent"},
        query="?fra=oppsummering",
    )
    assert response.url == url(draft, "oppsummering")


# --- the step counter ----------------------------------------------------------------------


def counter(client, application, step) -> str:
    body = client.get(url(application, step)).content.decode()
    found = re.search(r"Steg (\d+ av \d+)", body)
    assert found, step
    return found.group(1)


def test_the_counter_counts_the_steps_a_self_applicant_sees(citizen_client, citizen, day_activity):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    seen = ["hvem", "personen", "behov", "tilbud", "vedlegg", "oppsummering"]
    assert [counter(citizen_client, draft, step) for step in seen] == [
        f"{number} av 7" for number in range(2, 8)
    ]


def test_the_counter_counts_the_steps_someone_applying_for_another_sees(
    citizen_client, citizen, day_activity
):
    draft = make_draft(
        applicant=citizen,
        service_type=day_activity,
        on_behalf=True,
        relation="relative",
        basis="cannot_consent",
        cannot_consent_reason="Demens",
    )
    seen = ["hvem", "grunnlag", "grunnlag-detaljer", "personen", "kontakt", "behov"]
    assert [counter(citizen_client, draft, step) for step in seen] == [
        f"{number} av 10" for number in range(2, 8)
    ]
    Application.objects.filter(pk=draft.pk).update(basis="consent", cannot_consent_reason="")
    assert counter(citizen_client, draft, "personen") == "4 av 9"


def test_a_draft_continues_where_it_was_left(citizen, day_activity):
    from referrals.applications.steps import continue_url

    draft = make_draft(applicant=citizen, service_type=day_activity, furthest_step=3)
    # Step 3 (the basis) is not for someone applying for themselves: the next one is.
    assert continue_url(draft).endswith("/personen/")


# --- "du" to oneself, the name about another -----------------------------------------------


def test_applying_for_oneself_reads_in_the_second_person(citizen_client, citizen, day_activity):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    need = citizen_client.get(url(draft, "behov")).content.decode()
    assert "Hva ønsker du deg?" in need and "Trenger du transport?" in need
    text = re.sub(r'href="[^"]*"', "", need).lower()
    assert "personen" not in text  # nowhere in the third person
    person = citizen_client.get(url(draft, "personen")).content.decode()
    assert "<h1" in person and "Om deg" in person
    assert "Hvilket språk foretrekker du?" in person and "Jeg trenger tolk" in person
    offers = citizen_client.get(url(draft, "tilbud")).content.decode()
    assert "Hvilke tilbud ønsker du?" in offers


def test_applying_for_another_names_the_person(citizen_client, citizen, dementia_day_activity):
    draft = make_draft(
        applicant=citizen,
        service_type=dementia_day_activity,
        on_behalf=True,
        relation="relative",
        basis="consent",
        person_name="Per Hansen",
    )
    need = citizen_client.get(url(draft, "behov")).content.decode()
    assert "Hva ønsker Per Hansen seg?" in need
    assert "Trenger Per Hansen transport?" in need
    assert "Per Hansen trenger hjelp ved måltider" in need
    assert "Har Per Hansen en demensdiagnose" in need
    response = post(citizen_client, draft, "behov", {}, expect=422)
    assert "Velg minst én ting Per Hansen ønsker seg." in response.content.decode()
    contact = citizen_client.get(url(draft, "kontakt")).content.decode()
    assert "Per Hansen har sagt ja til at jeg får kopi av brev i saken" in contact


@pytest.mark.parametrize(
    ("language", "wants", "transport"),
    [
        ("nn", "Kva ønskjer du deg?", "Treng du transport?"),
        ("en", "What would you like?", "Do you need transport?"),
    ],
)
def test_the_second_person_is_translated(
    citizen_client, citizen, day_activity, language, wants, transport
):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    with translation.override(language):
        form = forms.NeedForm(service_type=day_activity, addressee=forms.Addressee(yourself=True))
        assert form.fields["wants"].label == wants
        assert form.fields["transport_needed"].label == transport
    del draft


def test_the_addressee_falls_back_to_the_person_until_the_name_is_known():
    someone = forms.Addressee(yourself=False)
    assert someone.says("Trenger du transport?", "%(name)s trenger transport") == (
        "Personen trenger transport"
    )


# --- phone numbers in the wizard ------------------------------------------------------------


def test_phone_numbers_are_stored_in_e164_and_shown_readably(citizen_client, citizen, day_activity):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    data = {
        "person_name": "Kari Nordmann",
        "person_national_id": national_id(),
        "person_language": "nb",
        # The postal address is required on this page (issue 15's postal address work).
        "person_address": "Storgata 1",
        "person_postcode": "1234",
        "person_place": "Eksempelby",
    }
    response = post(citizen_client, draft, "personen", {**data, "person_phone": "12"}, expect=422)
    assert "Skriv et gyldig telefonnummer" in response.content.decode()
    post(citizen_client, draft, "personen", {**data, "person_phone": "+47 912 34 567"})
    draft.refresh_from_db()
    assert draft.person_phone == "+4791234567"
    review = citizen_client.get(url(draft, "oppsummering")).content.decode()
    assert "912 34 567" in review


def test_the_upload_on_the_details_page_is_kept_as_the_right_kind(citizen_client, day_activity):
    application = start(citizen_client, day_activity)
    post(citizen_client, application, "hvem", {"on_behalf": "yes"})
    post(citizen_client, application, "grunnlag", {"relation": "guardian", "basis": "guardianship"})
    post(citizen_client, application, "grunnlag-detaljer", {"document": [upload("verge.pdf")]})
    assert application.attachments.get().kind == "guardianship"


# --- deleting a draft from every step and from "Mine søknader" -----------------------------


def test_every_step_links_to_deleting_the_draft(citizen_client, citizen, day_activity):
    draft = make_draft(
        applicant=citizen,
        service_type=day_activity,
        on_behalf=True,
        relation="relative",
        basis="cannot_consent",
        cannot_consent_reason="Demens",
    )
    from referrals.applications.steps import STEPS

    for step in STEPS[1:]:
        body = citizen_client.get(url(draft, step.slug)).content.decode()
        assert f"/soknad/{draft.public_id}/slett/?fra={step.slug}" in body, step.slug
        confirm = citizen_client.get(f"/soknad/{draft.public_id}/slett/?fra={step.slug}")
        # "No, keep it" goes back to the step it came from.
        assert f'href="{url(draft, step.slug)}"' in confirm.content.decode()


def test_a_draft_is_deleted_from_my_applications_with_its_files(
    citizen_client, citizen, day_activity, django_capture_on_commit_callbacks
):
    from referrals.applications import services

    draft = make_draft(applicant=citizen, service_type=day_activity)
    attachment = services.add_attachment(
        application=draft, uploaded=upload("lege.pdf"), user=citizen
    )
    mine = citizen_client.get("/mine-soknader/").content.decode()
    confirm_url = f"/soknad/{draft.public_id}/slett/?fra=mine"
    assert confirm_url in mine
    confirm = citizen_client.get(confirm_url).content.decode()
    assert "lege.pdf" in confirm and 'name="fra" value="mine"' in confirm
    # The confirmation page only asks; nothing is deleted on GET.
    assert Application.objects.filter(pk=draft.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(
            f"/soknad/{draft.public_id}/slett/bekreft/", {"fra": "mine"}, follow=True
        )
    assert response.redirect_chain[-1][0] == "/mine-soknader/"
    assert "Utkastet er slettet." in response.content.decode()
    assert not Application.objects.filter(pk=draft.pk).exists()
    assert not attachment.file.storage.exists(attachment.file.name)


def test_someone_elses_draft_cannot_be_deleted(stranger_client, citizen, day_activity):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    assert stranger_client.get(f"/soknad/{draft.public_id}/slett/?fra=mine").status_code == 404
    assert stranger_client.post(f"/soknad/{draft.public_id}/slett/bekreft/").status_code == 404
    assert Application.objects.filter(pk=draft.pk).exists()


# --- error summaries name the field; max length says how much was typed ----------------------


def test_the_error_summary_names_the_field_and_counts_what_was_typed(
    citizen_client, citizen, day_activity
):
    draft = make_draft(applicant=citizen, service_type=day_activity)
    response = post(
        citizen_client,
        draft,
        "behov",
        {"wants": ["company"], "transport_needed": "no", "need_description": "x" * 5009},
        expect=422,
    )
    body = response.content.decode()
    summary = body[
        body.index("data-error-summary") : body.index("</div>", body.index("data-error-summary"))
    ]
    assert "Beskriv behovet: Skriv høyst 5\xa0000 tegn (du skrev 5\xa0009)." in summary
    # A question is followed by the message as its own sentence.
    response = post(citizen_client, draft, "behov", {"need_description": "Alene"}, expect=422)
    body = response.content.decode()
    assert "Trenger du transport? Svar på om du trenger transport." in body


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nb", "Skriv høyst 200 tegn (du skrev 3\xa0009)."),
        ("nn", "Skriv høgst 200 teikn (du skreiv 3\xa0009)."),
        ("en", "Write at most 200 characters (you wrote 3,009)."),
    ],
)
def test_the_max_length_message_groups_the_numbers_the_readers_way(language, message):
    from django import forms as django_forms

    from portal.forms import CrispyFormMixin

    class Form(CrispyFormMixin, django_forms.Form):
        text = django_forms.CharField(label="Beskrivelse", max_length=200)

    with translation.override(language):
        form = Form({"text": "y" * 3009})
        assert not form.is_valid()
        assert form.errors["text"] == [message]


# --- the texts before the wizard tell how long it is -----------------------------------

STEP_COUNTS = {
    "nb": "Søknaden har 7 korte steg når du søker for deg selv, 9 eller 10 når du søker for en "
    "annen, og 7 når du søker som pårørende.",
    "nn": "Søknaden har 7 korte steg når du søkjer for deg sjølv, 9 eller 10 når du søkjer for "
    "ein annan, og 7 når du søkjer som pårørande.",
    "en": "The application has 7 short steps when you apply for yourself, 9 or 10 when you "
    "apply for someone else, and 7 when you apply as a relative.",
}
RELIEF = {"nb": "avlastning", "nn": "avlasting", "en": "respite care"}


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_start_and_login_pages_count_the_steps_of_each_path(
    client, citizen_client, service_types, language
):
    from django.conf import settings

    from referrals.applications.steps import path_lengths

    lengths = path_lengths()
    assert (lengths.yourself, lengths.someone_else_fewest, lengths.someone_else_most) == (7, 9, 10)
    for reader in (client, citizen_client):  # the log-in page, then the start page
        reader.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = " ".join(reader.get("/soknad/").content.decode().split())
        assert STEP_COUNTS[language] in page
        assert RELIEF[language] in page  # relatives may apply for relief themselves
        assert "åtte korte" not in page and "eight short" not in page


# --- documents of a basis no longer chosen ---------------------------------------------


def test_applying_for_oneself_after_all_removes_the_guardianship_document(
    citizen_client, day_activity, django_capture_on_commit_callbacks
):
    application = start(citizen_client, day_activity)
    post(citizen_client, application, "hvem", {"on_behalf": "yes"})
    post(citizen_client, application, "grunnlag", {"relation": "guardian", "basis": "guardianship"})
    post(citizen_client, application, "grunnlag-detaljer", {"document": [upload("verge.pdf")]})
    post(
        citizen_client, application, "vedlegg", {"files": [upload("lege.pdf")], "action": "upload"}
    )
    document = application.attachments.get(kind="guardianship")
    storage, name = document.file.storage, document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = post(citizen_client, application, "hvem", {"on_behalf": "no"})
    page = citizen_client.get(response.url).content.decode()
    assert "Vi har fjernet vergefullmakten du lastet opp, fordi du søker for deg selv." in page
    # Only the basis' document goes, with its file; the other attachment stays.
    assert [a.original_name for a in application.attachments.all()] == ["lege.pdf"]
    assert not storage.exists(name)
    application.refresh_from_db()
    assert (application.relation, application.basis) == ("", "")


def test_a_changed_basis_removes_the_document_of_the_old_one(citizen_client, day_activity):
    application = start(citizen_client, day_activity)
    post(citizen_client, application, "hvem", {"on_behalf": "yes"})
    post(citizen_client, application, "grunnlag", {"relation": "guardian", "basis": "guardianship"})
    post(citizen_client, application, "grunnlag-detaljer", {"document": [upload("verge.pdf")]})
    response = post(
        citizen_client, application, "grunnlag", {"relation": "relative", "basis": "consent"}
    )
    page = citizen_client.get(response.url).content.decode()
    assert "Vi har fjernet vergefullmakten du lastet opp, fordi den ikke hører til" in page
    assert not application.attachments.exists()
