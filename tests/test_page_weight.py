"""Page weight of the citizen pages with the static files as in production: collected
with whitenoise's CompressedManifestStaticFilesStorage (hashed names, gzip and brotli
variants) and served by whitenoise. Each page, with everything it references, must
stay within 150 KB as sent for ``Accept-Encoding: gzip, br``, and reference nothing on
another origin. bench/page_weight.py measures the same over HTTP against gunicorn; both
weigh with tests/support/page_weight.py.
"""

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from catalogue.demo import seed_catalogue
from portal.roles import Role
from referrals.demo import seed_service_types
from tests.factories import make_user
from tests.referrals.helpers import make_draft, make_submitted
from tests.support.page_weight import ACCEPT_ENCODING, BUDGET_BYTES, PAGES, Fetched, weigh

PRODUCTION_STATIC = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """collectstatic once for the module (the admin's files are not on citizen pages)."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root):
        from django.conf import settings

        storages = {**settings.STORAGES, "staticfiles": PRODUCTION_STATIC}
        with override_settings(STORAGES=storages):
            call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin"])
    return root


def _fetcher(client: Client):
    def fetch(path: str) -> Fetched:
        response = client.get(path, headers={"accept-encoding": ACCEPT_ENCODING})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return Fetched(
            response.status_code,
            response.get("Content-Type", ""),
            response.get("Content-Encoding", ""),
            body,
        )

    return fetch


@pytest.mark.django_db
def test_citizen_pages_stay_within_the_page_weight_budget(settings, static_root):
    settings.STATIC_ROOT = static_root
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION_STATIC}
    seed_catalogue()
    types = seed_service_types()
    citizen = make_user(Role.CITIZEN)
    make_submitted(applicant=citizen, service_type=types[0])
    make_submitted(applicant=citizen, service_type=types[1])
    make_draft(applicant=citizen, service_type=types[0])
    anonymous, logged_in = Client(), Client()
    logged_in.force_login(citizen)

    results = []
    for label, path, needs_login in PAGES:
        client = logged_in if needs_login else anonymous
        path = path.format(offer="solsikken-dagsenter-demens")
        results.append(weigh(label, path, _fetcher(client), "http://testserver"))

    for page in results:
        assert page.status == 200, page.problems
        assert not page.problems, page.problems
        assert not page.third_party, f"{page.label} references other origins: {page.third_party}"
        assert page.total <= BUDGET_BYTES, (
            f"{page.label} weighs {page.total / 1024:.1f} KB: {page.files}"
        )
        # The production static files really were used: hashed and brotli-compressed.
        stylesheets = [(url, encoding) for url, _size, encoding in page.files if ".css" in url]
        assert len(stylesheets) >= 3, page.files
        assert all(encoding == "br" for _url, encoding in stylesheets), stylesheets
