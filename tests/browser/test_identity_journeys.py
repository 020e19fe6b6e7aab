"""Verified and stated identity numbers in Chromium (issue 11, finding 6; issue 18,
point 3): the person step with the number locked after an ID-porten log-in, the same
step with the hint to log in with ID-porten, and the KPR page's warning; axe on each
(bokmål and nynorsk)."""

from importlib import import_module

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from portal.models import User
from portal.oidc import VERIFIED_IDENTITY_SESSION_KEY, _identity_digest
from portal.roles import Role
from referrals.demo import seed_service_types
from tests.browser.axe import assert_accessible_in_languages, switch_language
from tests.factories import make_user
from tests.referrals.helpers import make_draft, national_id

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.referrals.urls")]

OWN = national_id(start=640)


@pytest.fixture
def kari(transactional_db):
    seed_service_types()
    user = make_user(Role.CITIZEN, email="kari@example.no", full_name="Kari Nordmann")
    user.save()  # tests.factories.make_user leaves the password unsaved
    return user


def mark_session_verified(context, pid: str) -> None:
    """What the ID-porten callback does (tests/referrals/applications/test_verified_identity.py walks
    the real callback against a stub provider; the browser cannot reach one)."""
    [cookie] = [c for c in context.cookies() if c["name"] == django_settings.SESSION_COOKIE_NAME]
    store = import_module(django_settings.SESSION_ENGINE).SessionStore(session_key=cookie["value"])
    store[VERIFIED_IDENTITY_SESSION_KEY] = _identity_digest(pid)
    store.save()


def test_the_person_step_stated_and_verified(page, context, log_in, kari, settings):
    settings.IDPORTEN_ENABLED = True
    draft = make_draft(
        applicant=kari, service_type=seed_service_types()[0], on_behalf=False, person_national_id=""
    )
    path = f"/soknad/{draft.public_id}/personen/"
    log_in(kari)

    # A local account: the number is typed, and the page says how to verify it.
    page.goto(path)
    expect(page.get_by_label("Fødselsnummer eller D-nummer")).to_be_editable()
    expect(
        page.get_by_role("link", name="Bekreft identiteten din med ID-porten")
    ).to_have_attribute("href", f"/konto/id-porten/legg-til/?next={path}")
    assert_accessible_in_languages(page, path)
    switch_language(page, "nb")

    # After ID-porten: the own number, masked and locked; no hint.
    User.objects.filter(pk=kari.pk).update(national_id=OWN)
    mark_session_verified(context, OWN)
    page.goto(path)
    number = page.get_by_label("Fødselsnummer eller D-nummer")
    expect(number).not_to_be_editable()
    expect(number).to_have_value(OWN[:6] + "*****")
    expect(page.get_by_text("Bekreftet med ID-porten.")).to_be_visible()
    expect(page.get_by_role("link", name="Bekreft identiteten din med ID-porten")).to_have_count(0)
    expect(page.get_by_role("link", name="Logg inn med ID-porten")).to_have_count(0)
    assert OWN not in page.content()
    assert_accessible_in_languages(page, path)


def test_the_kpr_page_explains_the_identity_column(page, log_in, transactional_db):
    admin = make_user(Role.ADMINISTRATOR, email="admin@example.no", full_name="Ada Admin")
    admin.save()
    log_in(admin)
    page.goto("/saksbehandling/kpr/")
    expect(page.get_by_text("Kolonnen «identitet_bekreftet» er «nei»")).to_be_visible()
    assert_accessible_in_languages(page, "/saksbehandling/kpr/")
