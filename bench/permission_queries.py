"""Queries per staff page with and without portal/permissions.py (the backend that reads
a user's permissions and groups in one query and fills ModelBackend's caches).

    .venv/bin/python bench/permission_queries.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_x .venv/bin/python bench/permission_queries.py

Creates a test database (SQLite in memory, or ``test_<name>`` of DATABASE_URL), loads the
demo data (``seed_demo``), and requests each staff page twice as the demo user of its
role (Django's test client); the second request is counted and timed
(CaptureQueriesContext), so what the first one caches (content types, queue counts) is
not counted. "without" takes the backend out of AUTHENTICATION_BACKENDS and reads the
group names the plain way (``user.groups``, once per request), which is what the portal
would do without the module.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_test_environment,
)
from django.urls import reverse  # noqa: E402

from portal import navigation, permissions  # noqa: E402
from portal.models import User  # noqa: E402

PAGES = [
    ("saksbehandler@example.no", "/saksbehandling/"),
    ("saksbehandler@example.no", "case"),  # the first demo case in the queue
    ("leder@example.no", "/tilbud/forvalt/"),
    ("leder@example.no", "/saksbehandling/kapasitet/"),
    ("admin@example.no", "/admin/"),
    ("admin@example.no", "/saksbehandling/tilgangslogg/"),
]
REPEATS = 15


def plain_group_names(user) -> frozenset[str]:
    """Without portal.permissions: the groups read on their own, once per request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_plain_group_names"):
        user._plain_group_names = frozenset(user.groups.values_list("name", flat=True))
    return user._plain_group_names


def measure(email: str, path: str) -> tuple[int, int, float]:
    client = Client()
    client.force_login(User.objects.get(email=email))
    if path == "case":
        from referrals.models import Application

        reference = Application.objects.exclude(reference="").order_by("pk")[0].reference
        path = reverse("referrals:case", kwargs={"reference": reference})
    first = client.get(path)
    times = []
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
    assert response.status_code == first.status_code == 200, (path, response.status_code)
    permission_queries = sum(
        1
        for q in queries.captured_queries
        if "auth_permission" in q["sql"] or "auth_group" in q["sql"]
    )
    return len(queries.captured_queries), permission_queries, statistics.median(times)


def without_the_module():
    backends = [
        b for b in settings.AUTHENTICATION_BACKENDS if b != "portal.permissions.PermissionBackend"
    ]
    # User.has_role and role_names import group_names from portal.permissions when called.
    originals = (permissions.group_names, navigation.group_names)
    permissions.group_names = navigation.group_names = plain_group_names
    try:
        with override_settings(AUTHENTICATION_BACKENDS=backends):
            return {page: measure(*page) for page in PAGES}
    finally:
        permissions.group_names, navigation.group_names = originals


def main() -> None:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        measure(*PAGES[0])  # warm up the process
        with_module = {page: measure(*page) for page in PAGES}
        without = without_the_module()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"database: {connection.vendor}; median of {REPEATS} requests after a first one")
    print("| page | as | queries with | without | of them auth | with ms | without ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for page in PAGES:
        (n_with, auth_with, ms_with), (n_without, auth_without, ms_without) = (
            with_module[page],
            without[page],
        )
        print(
            f"| `{page[1]}` | {page[0].split('@')[0]} | {n_with} | {n_without} "
            f"| {auth_with} → {auth_without} | {ms_with:.1f} | {ms_without:.1f} |"
        )


if __name__ == "__main__":
    main()
