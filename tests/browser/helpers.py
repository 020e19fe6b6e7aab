"""Helpers for the browser tests: the guard that keeps every page on the live server's
origin (the ``origin_guard`` fixture in tests/browser/conftest.py), and the viewports."""

import re
from urllib.parse import urlsplit

PHONE_VIEWPORT = {"width": 375, "height": 740}
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}


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
