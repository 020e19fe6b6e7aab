"""Issue 11, finding 6 and issue 18, point 3: whether the person's identity number was
verified (ID-porten's ``pid``) or only stated.

After an ID-porten log-in, applying for oneself uses the verified number, shown masked
and locked; a forged POST cannot change it; the application records that it was
verified. A local account (or a password log-in, or an application for someone else)
only states the number, and a stated number never joins the case to the account that
holds it: not the list, the case page, the receipt, attachments, letters, the
personal-data download or e-mail."""

import glob
import importlib
import json
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user
from django.core import mail

from portal.models import User
from portal.oidc import VERIFIED_IDENTITY_SESSION_KEY
from referrals.applications import services
from referrals.cases import services as case_services
from referrals.cases.models import Application
from tests.idporten_stub import (
    StubProvider,
    begin,
    begin_adding_to_account,
    finish,
    good_claims,
)
from tests.portal.html import parse
from tests.referrals.helpers import (
    MODEL_BACKEND,
    make_draft,
    make_submitted,
    make_user,
    national_id,
    record_decision,
    upload,
)
from tests.referrals.helpers import pdf_bytes as letter_pdf

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.referrals.urls"),
    pytest.mark.usefixtures("idporten"),
]

Identity = Application.Identity
OWN = national_id(date(1962, 3, 14), start=610)
OTHER = national_id(date(1948, 11, 2), start=620)


@pytest.fixture
def provider(monkeypatch):
    return StubProvider(monkeypatch)


def log_in_with_id_porten(client, provider, pid=OWN, **claims) -> User:
    params = begin(client)
    response = finish(client, provider, params, good_claims(params, pid, **claims))
    assert response.status_code == 302
    user = get_user(client)
    assert user.is_authenticated and user.national_id == pid
    return user


def url(application, step) -> str:
    return f"/soknad/{application.public_id}/{step}/"


def post(client, application, step, data, expect=302):
    response = client.post(url(application, step), {"action": "next", **data})
    assert response.status_code == expect, response.content.decode()[:3000]
    return response


def start(client, service_type, *, on_behalf=False) -> Application:
    assert client.post("/soknad/", {"service_type": service_type.pk}).status_code == 302
    application = Application.objects.latest("created_at")
    if on_behalf:
        post(client, application, "hvem", {"on_behalf": "yes"})
        post(client, application, "grunnlag", {"relation": "relative", "basis": "consent"})
    else:
        post(client, application, "hvem", {"on_behalf": "no"})
    return application


def person(number="", **extra) -> dict:
    return {
        "person_name": "Kari Nordmann",
        "person_national_id": number,
        "person_language": "nb",
        "person_address": "Storgata 1",
        "person_postcode": "0155",
        "person_place": "Oslo",
        **extra,
    }


def finish_steps(client, application) -> None:
    if application.on_behalf:
        post(
            client,
            application,
            "kontakt",
            {
                "applicant_name": "Dina",
                "applicant_phone": "99 88 77 66",
                "applicant_address": "Kirkeveien 2",
                "applicant_postcode": "5003",
                "applicant_place": "Bergen",
            },
        )
    post(
        client,
        application,
        "behov",
        {"wants": ["company"], "need_description": "Mye alene.", "transport_needed": "no"},
    )
    post(client, application, "tilbud", {})
    post(client, application, "vedlegg", {})


def submit(client, application, expect=302):
    response = client.post(f"/soknad/{application.public_id}/send/", {"confirmed_truthful": "on"})
    assert response.status_code == expect, response.content.decode()[:3000]
    application.refresh_from_db()
    return response


def number_input(client, application):
    page = parse(client.get(url(application, "personen")).content)
    return page, page.one('input[name="person_national_id"]')


# --- the wizard ------------------------------------------------------------------------


def test_after_id_porten_the_own_number_is_prefilled_masked_and_locked(
    client, provider, day_activity
):
    log_in_with_id_porten(client, provider)
    assert OWN not in str(dict(client.session))  # the session keeps a keyed hash only
    assert client.session[VERIFIED_IDENTITY_SESSION_KEY]
    application = start(client, day_activity)
    page, field = number_input(client, application)
    assert field.has("readonly")
    assert field.get("value") == OWN[:6] + "*****"
    assert "Bekreftet med ID-porten" in page.text
    assert OWN not in client.get(url(application, "personen")).content.decode()
    assert "blir ikke bekreftet" not in page.text  # no hint to log in with ID-porten
    # ID-porten gives no name: the name stays editable.
    assert not page.one('input[name="person_name"]').has("readonly")


@pytest.mark.parametrize("posted", [OTHER, "", "not a number"], ids=["other", "empty", "junk"])
def test_a_forged_number_is_ignored_and_the_application_is_verified(
    client, provider, day_activity, posted
):
    log_in_with_id_porten(client, provider)
    application = start(client, day_activity)
    post(client, application, "personen", person(posted))
    application.refresh_from_db()
    assert application.person_national_id == OWN
    finish_steps(client, application)
    submit(client, application)
    assert application.status == Application.Status.SUBMITTED
    assert application.person_national_id == OWN
    assert application.person_identity == Identity.VERIFIED


def test_a_forged_number_is_not_shown_back_when_another_field_has_an_error(
    client, provider, day_activity
):
    log_in_with_id_porten(client, provider)
    application = start(client, day_activity)
    response = post(client, application, "personen", person(OTHER, person_language=""), 422)
    field = parse(response.content).one('input[name="person_national_id"]')
    assert field.get("value") == OWN[:6] + "*****" and field.has("readonly")
    assert OTHER not in response.content.decode() and OWN not in response.content.decode()


def test_a_name_claim_prefills_the_account_and_the_application(client, provider, day_activity):
    user = log_in_with_id_porten(client, provider, name="Kari Bekreftet Nordmann")
    assert user.full_name == "Kari Bekreftet Nordmann"
    application = start(client, day_activity)
    page, _field = number_input(client, application)
    assert page.one('input[name="person_name"]').get("value") == "Kari Bekreftet Nordmann"


def test_a_local_account_states_the_number_and_is_told_how_to_verify_it(
    client, citizen, day_activity
):
    client.force_login(citizen, backend=MODEL_BACKEND)
    application = start(client, day_activity)
    page, field = number_input(client, application)
    assert not field.has("readonly")
    hint = next(p for p in page.select("p.ds-paragraph") if "blir ikke bekreftet" in p.text)
    # To the account page, where the owner adds ID-porten to this account.
    assert hint.one("a").get("href").startswith("/konto/id-porten/legg-til/?next=")
    post(client, application, "personen", person(OTHER))
    finish_steps(client, application)
    submit(client, application)
    assert application.person_national_id == OTHER
    assert application.person_identity == Identity.STATED


def test_a_password_log_in_does_not_verify_even_an_account_with_an_identity(client, day_activity):
    user = make_user(email="linked@example.no", national_id=OWN)
    client.force_login(user, backend=MODEL_BACKEND)
    application = start(client, day_activity)
    _page, field = number_input(client, application)
    assert not field.has("readonly")
    post(client, application, "personen", person(OWN))
    finish_steps(client, application)
    submit(client, application)
    assert application.person_identity == Identity.STATED


def test_applying_for_someone_else_the_number_is_typed_and_only_stated(
    client, provider, day_activity
):
    log_in_with_id_porten(client, provider)
    application = start(client, day_activity, on_behalf=True)
    _page, field = number_input(client, application)
    assert not field.has("readonly")
    post(client, application, "personen", person(OTHER))
    application.refresh_from_db()
    finish_steps(client, application)
    submit(client, application)
    assert application.person_national_id == OTHER
    assert application.person_identity == Identity.STATED


def test_a_draft_typed_before_the_id_porten_log_in_is_not_sent_under_another_number(
    client, provider, citizen, day_activity
):
    client.force_login(citizen, backend=MODEL_BACKEND)
    application = start(client, day_activity)
    post(client, application, "personen", person(OTHER))
    finish_steps(client, application)
    params = begin_adding_to_account(client)  # the identity added to the local account
    finish(client, provider, params, good_claims(params, OWN))
    assert get_user(client).pk == citizen.pk
    response = submit(client, application, expect=422)
    assert "Du er logget inn med ID-porten og søker for deg selv." in response.content.decode()
    assert application.status == Application.Status.DRAFT
    post(client, application, "personen", person())
    submit(client, application)
    assert application.person_national_id == OWN
    assert application.person_identity == Identity.VERIFIED


# --- the joins -------------------------------------------------------------------------


def decide(application, caseworker):
    case_services.change_status(
        application=application, status=Application.Status.UNDER_ASSESSMENT, actor=caseworker
    )
    return record_decision(
        application=application, outcome="granted", actor=caseworker, letter_pdf=letter_pdf()
    )


def test_a_self_application_under_someone_elses_number_stays_away_from_its_holder(
    client, provider, stranger, caseworker, day_activity, django_capture_on_commit_callbacks
):
    """A local account files "for myself" under OWN; the holder of OWN, logged in with
    ID-porten, gets nothing of it, and no e-mail about it."""
    fake = make_submitted(
        applicant=stranger, service_type=day_activity, person_name="Kari", person_national_id=OWN
    )
    assert fake.person_identity == Identity.STATED
    attachment = services.add_attachment(application=fake, uploaded=upload(), user=stranger)
    holder = log_in_with_id_porten(client, provider)
    User.objects.filter(pk=holder.pk).update(email="holder@example.no")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(fake, caseworker)
    reference = fake.reference
    for address in (
        f"/mine-soknader/{reference}/",
        f"/soknad/kvittering/{reference}/",
        f"/mine-soknader/{reference}/soknad.pdf",
        f"/mine-soknader/{reference}/vedlegg/{attachment.public_id}/",
        f"/mine-soknader/{reference}/vedtak/{decision.pk}/",
        f"/mine-soknader/{reference}/klage/",
    ):
        assert client.get(address).status_code == 404, address
    assert reference not in client.get("/mine-soknader/").content.decode()
    data = json.loads(client.get("/mine-soknader/mine-opplysninger.json").content)
    assert data["applications"] == []
    assert all("holder@example.no" not in message.to for message in mail.outbox)
    assert mail.outbox  # the applicant was told


def test_a_verified_application_still_reaches_the_holder_of_the_number(
    client, citizen, stranger, caseworker, day_activity
):
    """The contrast: a self-application verified with ID-porten under OWN is joined to
    whichever account holds OWN (here another account than the one that filed it, as
    after the identity was moved to a new account)."""
    verified = make_submitted(
        applicant=citizen, service_type=day_activity, person_national_id=OWN, verified=True
    )
    assert verified.person_identity == Identity.VERIFIED
    decision = decide(verified, caseworker)
    User.objects.filter(pk=stranger.pk).update(national_id=OWN)
    client.force_login(stranger, backend=MODEL_BACKEND)
    assert verified.reference in client.get("/mine-soknader/").content.decode()
    assert client.get(f"/mine-soknader/{verified.reference}/").status_code == 200
    letter = client.get(f"/mine-soknader/{verified.reference}/vedtak/{decision.pk}/")
    assert letter.status_code == 200


# --- existing applications -------------------------------------------------------------


def _migration():
    [path] = glob.glob(
        str(Path(__file__).parents[3] / "referrals/migrations/*_application_person_identity.py")
    )
    return importlib.import_module(f"referrals.migrations.{Path(path).stem}")


def test_existing_applications_are_stated_unless_the_data_proves_the_number(
    citizen, stranger, day_activity
):
    User.objects.filter(pk=citizen.pk).update(national_id=OWN)
    own = make_submitted(applicant=citizen, service_type=day_activity, person_national_id=OWN)
    fake = make_submitted(applicant=stranger, service_type=day_activity, person_national_id=OWN)
    for_father = make_submitted(
        applicant=citizen,
        service_type=day_activity,
        on_behalf=True,
        relation="relative",
        basis="consent",
        person_national_id=OWN,
    )
    draft = make_draft(applicant=citizen, service_type=day_activity, person_national_id=OWN)
    assert set(Application.objects.values_list("person_identity", flat=True)) == {Identity.STATED}
    _migration().mark_proven_identities(django_apps, None)
    identities = dict(Application.objects.values_list("pk", "person_identity"))
    assert identities == {
        own.pk: Identity.VERIFIED,  # the filer's own ID-porten identity, for themselves
        fake.pk: Identity.STATED,
        for_father.pk: Identity.STATED,
        draft.pk: Identity.STATED,
    }
