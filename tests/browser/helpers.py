"""Helpers for the browser tests: the guard that keeps every page on the live server's
origin (the ``origin_guard`` fixture in tests/browser/conftest.py), and the viewports."""

import re
from urllib.parse import urlsplit

PHONE_VIEWPORT = {"width": 375, "height": 740}
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}


def open_details(summary) -> None:
    """Open a ``<details>`` by clicking its summary, as a person would, and wait until it
    has finished opening: Designsystemet's ``.ds-details`` grows its content over 0.4 s
    (a height transition), and a click on a field inside while it is still clipped lands
    on whatever is below it (seen on a busy machine: "clicking the checkbox did not
    change its state")."""
    summary.click()
    # Two frames, so the transition has started; then until every transition has ended.
    opened = summary.evaluate(
        """summary => new Promise(resolve => requestAnimationFrame(() =>
            requestAnimationFrame(() => Promise.all(
                document.getAnimations()
                    .filter(animation => animation instanceof CSSTransition)
                    .map(animation => animation.finished.catch(() => null))
            ).then(() => resolve(summary.parentElement.open)))))"""
    )
    assert opened, "the details did not open"


class OriginGuard:
    """Lets requests through to the live server only (and to ``also_allowed`` origins,
    such as a test OpenID Provider on loopback); remembers everything else."""

    def __init__(self, allowed_origin: str, *also_allowed: str):
        self.allowed_origin = allowed_origin
        self.allowed_origins = {allowed_origin, *also_allowed}
        self.requested: list[str] = []
        self.blocked: list[str] = []
        self.csp_errors: list[str] = []

    @staticmethod
    def origin(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def handle_route(self, route):
        url = route.request.url
        self.requested.append(url)
        if url.startswith(("data:", "blob:", "about:")) or self.origin(url) in self.allowed_origins:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def handle_console(self, message):
        if re.search(r"Content Security Policy|Content-Security-Policy", message.text):
            self.csp_errors.append(message.text)
