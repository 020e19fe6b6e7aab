"""The citizen's account in Chromium: the personal-data section on /mine-soknader/ and
its JSON and PDF downloads, the e-mail page of an ID-porten account (submitted, then
confirmed through the link), and the page shown when a form is used too often. axe on
every page visited; the main pages in bokmål and nynorsk."""

import io
import json
import re

import pytest
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from catalogue.models import ServiceType
from portal.roles import Role
from referrals.demo import seed_service_types
from tests.browser.axe import assert_accessible, assert_accessible_in_languages
from tests.catalogue.factories import DistrictFactory
from tests.factories import make_user
from tests.referrals.casework.factories import make_case
from tests.referrals.helpers import national_id

pytestmark = [pytest.mark.browser]


@pytest.fixture
def citizen(transactional_db):
    """Kari, who logged in with ID-porten once (so has an identity number) and has one
    application."""
    seed_service_types()
    user = make_user(
        Role.CITIZEN,
        email="kari@example.no",
        full_name="Kari Nordmann",
        national_id=national_id(start=600),
    )
    user.save()
    case = make_case(
        applicant=user,
        service_type=ServiceType.objects.get(slug="dagaktivitet"),
        district=DistrictFactory(name="Nord", slug="nord"),
        person_name="Kari Nordmann",
    )
    return user, case


def _download(page, link):
    """Click a download link as a person would; return the saved file's bytes, the file
    name the browser suggests and the response headers. Chromium's download manager
    fetches an ``<a download>`` outside the page's network events, so the headers are
    read by asking for the same address again with the same cookies."""
    href = link.get_attribute("href")
    with page.expect_download() as download_info:
        link.click()
    with open(download_info.value.path(), "rb") as file:
        body = file.read()
    response = page.request.get(href)
    assert response.status == 200
    return body, download_info.value.suggested_filename, response.headers


def test_the_citizen_downloads_their_personal_data(page, log_in, citizen):
    user, case = citizen
    log_in(user)
    page.goto("/mine-soknader/")
    section = page.get_by_role("region", name="Opplysninger om deg i søknadene dine")
    expect(section).to_be_visible()
    assert_accessible_in_languages(page)

    body, name, headers = _download(
        page, section.get_by_role("link", name="Last ned opplysningene (JSON, for andre tjenester)")
    )
    assert headers["content-type"] == "application/json; charset=utf-8"
    assert headers["content-disposition"].startswith("attachment;")
    assert headers["cache-control"] == "private, no-store"
    assert re.fullmatch(r"mine-opplysninger-\d{4}-\d{2}-\d{2}\.json", name)
    data = json.loads(body)
    assert [item["reference"] for item in data["applications"]] == [case.reference]
    assert data["user"]["name"] == "Kari Nordmann"
    assert user.national_id not in body.decode()  # masked

    body, name, headers = _download(
        page, section.get_by_role("link", name="Last ned opplysningene (PDF)")
    )
    assert headers["content-type"] == "application/pdf"
    assert re.fullmatch(r"mine-opplysninger-\d{4}-\d{2}-\d{2}\.pdf", name)
    assert body.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(body))
    text = " ".join("\n".join(p.extract_text() for p in reader.pages).split())
    assert case.reference in text


def test_an_idporten_citizen_changes_their_email_address_and_is_rate_limited(
    page, log_in, citizen, settings
):
    user, _case = citizen
    log_in(user)
    page.goto("/mine-soknader/")
    with page.expect_navigation():
        page.get_by_role("link", name="Legg inn eller endre e-postadresse").click()
    expect(page.locator("h1")).to_have_text("E-postadressen din")
    expect(page.locator("main")).to_contain_text("E-postadressen din er nå kari@example.no.")
    assert_accessible_in_languages(page)

    # An invalid address is refused, accessibly.
    field = page.get_by_label("E-postadresse")
    field.fill("kari@")
    with page.expect_navigation():
        field.press("Enter")
    expect(page).to_have_title(re.compile("^Feil:"))
    expect(page.get_by_text("Skriv en gyldig e-postadresse").first).to_be_visible()
    assert_accessible(page)

    # A limit of one an hour: this valid request uses it (the invalid one above did not
    # count), so the one at the end gets the rate-limited page. (django-ratelimit counts
    # per rate, so the limit is set before the request it should count.)
    settings.RATELIMIT_REGISTRATIONS_PER_HOUR = 1
    mail.outbox.clear()
    page.get_by_label("E-postadresse").fill("kari.ny@example.no")
    with page.expect_navigation():
        page.get_by_label("E-postadresse").press("Enter")
    expect(page.locator(".ds-alert, [role=status]").first).to_contain_text(
        "Vi har sendt en lenke til kari.ny@example.no."
    )
    expect(page.locator("[data-pending-email]")).to_contain_text("kari.ny@example.no")
    assert_accessible(page)

    # The link in the e-mail asks for a confirmation; the button saves the address.
    (message,) = [m for m in mail.outbox if m.to == ["kari.ny@example.no"]]
    link = re.search(r"https?://\S+", message.body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(page.locator("main")).to_contain_text("Vil du bruke kari.ny@example.no")
    assert_accessible_in_languages(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Bekreft e-postadressen").click()
    expect(page.locator(".ds-alert, [role=status]").first).to_contain_text(
        "E-postadressen er lagret."
    )
    user.refresh_from_db()
    assert user.email == "kari.ny@example.no"

    # Too many requests for the account: with a limit of one an hour (used by the
    # request above), the next one gets the rate-limited page.
    page.goto("/konto/e-post/")
    page.get_by_label("E-postadresse").fill("kari.igjen@example.no")
    with page.expect_navigation() as navigation:
        page.get_by_label("E-postadresse").press("Enter")
    assert navigation.value.status == 429
    expect(page.locator("h1")).to_have_text("For mange forsøk")
    expect(page.locator("main")).to_contain_text("prøv igjen")
    assert_accessible(page)
