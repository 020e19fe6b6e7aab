"""The citizen's browser at the test OpenID Provider (tests/oidc_provider), for tests
that drive the portal with Django's test client at ``SITE``."""

from urllib.parse import urljoin, urlsplit

import requests

from tests.oidc_provider import PASSWORD

SITE = "http://testserver"


class ProviderBrowser:
    """The citizen's browser at the provider: follows its redirects until the answer
    goes back to the portal."""

    def __init__(self, provider):
        self.provider = provider
        self.session = requests.Session()

    def go(self, url: str, method: str = "GET", data=None) -> requests.Response | str:
        """The provider's page, or the address at the portal it sends the browser to."""
        while True:
            response = self.session.request(method, url, data=data, allow_redirects=False)
            if response.status_code not in (302, 303):
                return response
            url = urljoin(url, response.headers["Location"])
            if not url.startswith(self.provider.origin):
                return url
            method, data = "GET", None

    def log_in(self, login_page: requests.Response, user, action="login") -> str:
        form_action = login_page.text.split('action="', 1)[1].split('"', 1)[0]
        return self.go(
            urljoin(login_page.url, form_action),
            "POST",
            {"username": user.pid, "password": PASSWORD, "action": action},
        )


def portal_path(url: str) -> str:
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == SITE
    return f"{parts.path}?{parts.query}"
