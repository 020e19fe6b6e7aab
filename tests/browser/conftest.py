"""Browser tests: Playwright (sync) driving the system Chromium against pytest-django's
live_server. One browser per session, a fresh context and page per test.

Every page a test opens is guarded: requests to any other origin are blocked and fail
the test, as do Content-Security-Policy violations reported in the console. A
screenshot is saved under tests/browser/artifacts/ when a test fails.
"""

import os
import re
from pathlib import Path

import pytest

# Sync Playwright runs an event loop in this thread; Django's ORM would otherwise refuse
# to run in the test (fixtures, factories) for fear of being called from async code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import sync_playwright  # noqa: E402

from catalogue.models import ServiceType  # noqa: E402
from portal.roles import Role  # noqa: E402
from referrals.demo import seed_service_types  # noqa: E402
from tests.browser.helpers import DESKTOP_VIEWPORT, OriginGuard  # noqa: E402
from tests.factories import DEFAULT_PASSWORD, make_user  # noqa: E402
from tests.referrals.casework.factories import make_case, make_caseworker, make_day_centre  # noqa: E402

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).parent / "artifacts"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def playwright_session():
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session):
    browser = playwright_session.chromium.launch(
        executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture
def live_origin(live_server) -> str:
    return OriginGuard.origin(live_server.url)


@pytest.fixture
def origin_guard(live_origin) -> OriginGuard:
    return OriginGuard(live_origin)


@pytest.fixture
def browser_context_args() -> dict:
    """Override in a test module to change the context (viewport, locale, …)."""
    return {}


@pytest.fixture
def context(browser, live_server, transactional_db, origin_guard, browser_context_args):
    options = {
        "base_url": live_server.url,
        "locale": "nb-NO",
        "timezone_id": "Europe/Oslo",
        "viewport": DESKTOP_VIEWPORT,
        "service_workers": "block",
        **browser_context_args,
    }
    context = browser.new_context(**options)
    # Generous: a busy two-core CI machine can take seconds to load a page; a real
    # failure still fails, only later.
    context.set_default_timeout(20_000)
    context.route("**/*", origin_guard.handle_route)
    yield context
    context.close()


@pytest.fixture
def page(context, origin_guard, request):
    page = context.new_page()
    page.on("console", origin_guard.handle_console)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            (ARTIFACTS / f"{name}.html").write_text(page.content())
        except Exception as error:  # noqa: BLE001 - a screenshot must never hide the failure
            print(f"Could not save a screenshot: {error}")
    page.close()
    # Guards: nothing from another origin, no inline script or style blocked by the CSP.
    assert not origin_guard.blocked, f"Requests to other origins: {origin_guard.blocked}"
    assert not origin_guard.csp_errors, (
        f"Content Security Policy violations: {origin_guard.csp_errors}"
    )


@pytest.fixture
def log_in(page):
    """Log in through the form, as a person would: ``log_in(user)``."""

    def _log_in(user, password: str = DEFAULT_PASSWORD):
        # The shared factories do not save the password they set; make sure it is stored.
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        page.goto("/konto/logg-inn/")
        page.get_by_label("E-postadresse").fill(user.email)
        page.get_by_label("Passord").fill(password)
        with page.expect_navigation():
            page.locator("main").get_by_role("button", name="Logg inn").click()
        return page

    return _log_in


@pytest.fixture
def setting(transactional_db):
    """The casework journeys' world: Kari Nordmann's application for day activity in
    Nord, for the day centre Solsiden dagsenter (with egenandel), and Siri
    Saksbehandler, caseworker for day activity in Nord."""
    seed_service_types()
    day_activity = ServiceType.objects.get(slug="dagaktivitet")
    north, offer = make_day_centre(day_activity, cost="egenandel")
    citizen = make_user(Role.CITIZEN, email="kari@example.no", full_name="Kari Nordmann")
    citizen.save()
    caseworker = make_caseworker(
        service_type=day_activity,
        district=north,
        email="siri@example.no",
        full_name="Siri Saksbehandler",
    )
    case = make_case(
        applicant=citizen,
        service_type=day_activity,
        district=north,
        offers=[offer],
        person_name="Kari Nordmann",
    )
    return {
        "citizen": citizen,
        "caseworker": caseworker,
        "case": case,
        "offer": offer,
        "day_activity": day_activity,
        "north": north,
    }
