"""Log-in with ID-porten in Chromium against a real OpenID Provider on loopback
(tests/oidc_provider: panva's oidc-provider configured like ID-porten), as a citizen
would: the provider's own log-in page asks for the identity number and password.

The provider runs on 127.0.0.1 and the portal on localhost: two different sites, as
ID-porten and the municipality are, so the portal's cookies do not follow the
provider's front-channel iframe (SameSite=Lax), exactly as in production.
"""

import pytest
from playwright.sync_api import expect

from portal.models import User
from portal.roles import Role
from tests.browser.axe import assert_accessible
from tests.browser.helpers import OriginGuard
from tests.oidc_provider import (
    KARI,
    LOW_ACR,
    PASSWORD,
    SLOW_CODE,
    client_metadata,
    start_provider,
)
from tests.portal.users import user_with_password

pytestmark = [pytest.mark.browser]

PORTAL_CLIENT = "portal"  # registered with front-channel logout, as Digdir requires
BACKCHANNEL_CLIENT = "portal-backchannel"  # back-channel logout only


@pytest.fixture(scope="module")
def provider(live_server):
    clients = [
        client_metadata(PORTAL_CLIENT, live_server.url),
        client_metadata(BACKCHANNEL_CLIENT, live_server.url, frontchannel=False, backchannel=True),
    ]
    with start_provider(clients) as provider:
        yield provider


@pytest.fixture
def origin_guard(live_origin, provider) -> OriginGuard:
    return OriginGuard(live_origin, provider.origin)


@pytest.fixture
def idporten(provider, settings, live_server):
    provider.portal_settings(settings, PORTAL_CLIENT, site=live_server.url)
    return provider


def header(page):
    return page.locator(".site-header__tools")


def start_idporten_log_in(page):
    page.goto("/konto/logg-inn/")
    page.get_by_role("link", name="Logg inn med ID-porten").click()


def log_in_at_the_provider(page, user, live_server):
    page.get_by_label("Fødselsnummer").fill(user.pid)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{live_server.url}/**")


def test_log_out_ends_the_idporten_session_so_the_next_log_in_asks_for_credentials(
    page, idporten, live_server
):
    start_idporten_log_in(page)
    log_in_at_the_provider(page, KARI, live_server)
    expect(header(page)).to_contain_text("Logget inn")

    header(page).get_by_role("button", name="Logg ut").click()

    # Through ID-porten's end_session_endpoint and back to the front page, logged out.
    page.wait_for_url(f"{live_server.url}/", timeout=15_000)
    expect(header(page).get_by_role("link", name="Logg inn")).to_be_visible()
    assert idporten.events("end_session"), "the browser never reached end_session_endpoint"
    assert_accessible(page)

    # On a shared computer the next person must not get in as Kari.
    start_idporten_log_in(page)
    expect(page.get_by_label("Fødselsnummer")).to_be_visible()
    expect(page.get_by_label("Passord")).to_be_visible()


def test_the_page_on_the_way_to_idporten_has_a_link_where_the_refresh_is_not_followed(
    page, idporten, live_server
):
    start_idporten_log_in(page)
    log_in_at_the_provider(page, KARI, live_server)
    # A browser that does not follow the refresh: the answer 204 leaves the page as it is.
    end_session = f"{idporten.discovery['end_session_endpoint']}**"
    page.route(end_session, lambda route: route.fulfill(status=204))

    header(page).get_by_role("button", name="Logg ut").click()

    page.wait_for_url(f"{live_server.url}/konto/logg-ut/id-porten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er logget ut av portalen")
    expect(header(page).get_by_role("link", name="Logg inn")).to_be_visible()
    assert_accessible(page)
    page.unroute(end_session)
    page.get_by_role("link", name="Logg ut av ID-porten").click()
    page.wait_for_url(f"{live_server.url}/", timeout=15_000)
    start_idporten_log_in(page)
    expect(page.get_by_label("Passord")).to_be_visible()


def log_out_at_idporten_elsewhere(page, provider):
    """The citizen logs out of ID-porten from another service: ID-porten's log-out page
    ends the ID-porten session and tells every service in it (front- and back-channel)."""
    page.goto(provider.discovery["end_session_endpoint"])
    expect(page.locator("#logged-out")).to_be_visible(timeout=15_000)


def test_front_channel_logout_ends_the_portal_session(page, idporten, live_server):
    start_idporten_log_in(page)
    log_in_at_the_provider(page, KARI, live_server)
    expect(header(page)).to_contain_text("Logget inn")

    log_out_at_idporten_elsewhere(page, idporten)

    (frames,) = [event["frames"] for event in idporten.events("end_session")][-1:]
    assert frames and frames[0].startswith(f"{live_server.url}/konto/id-porten/utlogget/?")
    page.goto("/mine-soknader/")
    expect(page.get_by_role("heading", name="Logg inn", exact=True)).to_be_visible()
    page.goto("/")
    expect(header(page).get_by_role("link", name="Logg inn")).to_be_visible()


def test_back_channel_logout_ends_the_portal_session(page, provider, settings, live_server):
    provider.portal_settings(settings, BACKCHANNEL_CLIENT, site=live_server.url)
    start_idporten_log_in(page)
    log_in_at_the_provider(page, KARI, live_server)
    expect(header(page)).to_contain_text("Logget inn")

    log_out_at_idporten_elsewhere(page, provider)

    calls = provider.events("backchannel.success")
    assert [call["client"] for call in calls] == [BACKCHANNEL_CLIENT]
    assert not provider.events("backchannel.error")
    page.goto("/")
    expect(header(page).get_by_role("link", name="Logg inn")).to_be_visible()
    expect(page.locator(".site-messages")).to_contain_text(
        "Du er logget ut fordi du logget ut av ID-porten."
    )


# --- refusals: a page that says what happened, never an error page ------------------


def expect_failure_page(page, heading, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("main")).to_contain_text(text)
    expect(page.get_by_role("link", name="Prøv igjen med ID-porten")).to_be_visible()
    expect(header(page).get_by_role("link", name="Logg inn")).to_be_visible()
    assert_accessible(page)


def test_cancelling_at_idporten_leads_to_a_page_that_says_so(page, idporten, live_server):
    start_idporten_log_in(page)
    page.get_by_role("button", name="Avbryt").click()
    page.wait_for_url(f"{live_server.url}/konto/id-porten/mislyktes/**")
    expect_failure_page(page, "Du avbrøt innloggingen", "Du er ikke logget inn.")


def test_a_too_low_level_of_assurance_is_refused_with_a_page(page, idporten, live_server):
    start_idporten_log_in(page)
    log_in_at_the_provider(page, LOW_ACR, live_server)
    expect_failure_page(page, "Innloggingen mislyktes", "ikke høyt nok sikkerhetsnivå")


def test_a_code_refused_by_idporten_gives_a_page_not_an_error(page, idporten, live_server, caplog):
    # The code has expired when the portal redeems it (SLOW_CODE), and ID-porten
    # answers invalid_grant.
    start_idporten_log_in(page)
    log_in_at_the_provider(page, SLOW_CODE, live_server)
    expect_failure_page(page, "Innloggingen mislyktes", "Vi kunne ikke logge deg inn")
    assert "invalid_grant" in caplog.text


# --- a local account logged in: ID-porten never joins it unasked -----------------------


@pytest.fixture
def per(transactional_db):
    """Per, who logs in with e-mail and password."""
    return user_with_password(Role.CITIZEN, email="per@example.no", full_name="Per Hansen")


def test_the_owner_adds_idporten_to_their_local_account(page, idporten, live_server, log_in, per):
    log_in(per)
    page.goto("/konto/id-porten/legg-til/")
    expect(page.locator("main")).to_contain_text("Du er logget inn med kontoen per@example.no.")
    assert_accessible(page)

    # The POST answers with a page of ours that leads on to ID-porten (the CSP's
    # form-action 'self' would stop a redirect from the form to another site). Seen
    # here in a browser that does not follow its refresh (ID-porten answers 204).
    authorize = f"{idporten.discovery['authorization_endpoint']}**"
    page.route(authorize, lambda route: route.fulfill(status=204))
    page.get_by_role("button", name="Bekreft med ID-porten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Videre til ID-porten")
    assert_accessible(page)
    page.unroute(authorize)
    page.get_by_role("link", name="Gå videre til ID-porten").click()
    log_in_at_the_provider(page, KARI, live_server)

    expect(header(page)).to_contain_text("Logget inn som Per")
    per.refresh_from_db()
    assert per.national_id == KARI.pid


def test_at_a_shared_computer_the_next_person_gets_their_own_account(
    page, idporten, live_server, log_in, per
):
    log_in(per)  # and leaves without logging out
    page.goto("/konto/id-porten/")  # the next person's "Logg inn med ID-porten"
    log_in_at_the_provider(page, KARI, live_server)

    expect(header(page)).to_contain_text("Logget inn")
    expect(header(page)).not_to_contain_text("Per")
    per.refresh_from_db()
    assert per.national_id == ""
    assert User.objects.filter(national_id=KARI.pid).exclude(pk=per.pk).exists()


def test_cancelling_at_idporten_keeps_the_local_log_in(page, idporten, live_server, log_in, per):
    log_in(per)
    page.goto("/konto/id-porten/")
    page.get_by_role("button", name="Avbryt").click()
    page.wait_for_url(f"{live_server.url}/konto/id-porten/mislyktes/**")

    expect(page.get_by_role("heading", level=1)).to_have_text("Du avbrøt innloggingen")
    expect(page.locator("main")).to_contain_text("du er fortsatt logget inn som før")
    expect(header(page)).to_contain_text("Logget inn som Per")
    assert_accessible(page)
