"""Time of the casework pages with and without portal/form_html.py (the
per-process cache of the casework forms' crispy HTML).

    .venv/bin/python bench/form_html.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_x .venv/bin/python bench/form_html.py

Creates a test database (SQLite in memory, or ``test_<name>`` of DATABASE_URL), loads the
demo data (``seed_demo``) and requests the queue and the first demo case as the demo
caseworker (Django's test client), after one request that warms the process. "without"
renders every form through the template pack on every request (``form_html`` replaced
by ``render_crispy_form``), which is what the pages would do without the module. The two
are measured in turns, request by request, so a busy machine slows both alike.
"""

import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from crispy_forms.utils import render_crispy_form  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from portal import form_html  # noqa: E402
from portal.models import User  # noqa: E402
from referrals.cases.models import Application  # noqa: E402
from referrals.casework import views  # noqa: E402

REPEATS = 25


@contextmanager
def without_the_module():
    original = form_html.form_html
    form_html.form_html = views.form_html = render_crispy_form
    try:
        yield
    finally:
        form_html.form_html = views.form_html = original


def main() -> None:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        client = Client()
        client.force_login(User.objects.get(email="saksbehandler@example.no"))
        reference = Application.objects.exclude(reference="").order_by("pk")[0].reference
        pages = {
            "queue": reverse("referrals:queue"),
            "case page": reverse("referrals:case", kwargs={"reference": reference}),
        }
        results: dict[tuple[str, str], list[float]] = {}
        for name, path in pages.items():
            assert client.get(path).status_code == 200  # warm the process
            with without_the_module():
                assert client.get(path).status_code == 200
            for _ in range(REPEATS):
                for variant in ("with", "without"):
                    if variant == "without":
                        with without_the_module():
                            started = time.perf_counter()
                            client.get(path)
                    else:
                        started = time.perf_counter()
                        client.get(path)
                    elapsed = (time.perf_counter() - started) * 1000
                    results.setdefault((name, variant), []).append(elapsed)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"database: {connection.vendor}; median of {REPEATS} requests each, in turns")
    print("| page | with form_html (ms) | without (ms) |")
    print("| --- | ---: | ---: |")
    for name in pages:
        with_ms = statistics.median(results[(name, "with")])
        without_ms = statistics.median(results[(name, "without")])
        print(f"| {name} | {with_ms:.1f} | {without_ms:.1f} |")


if __name__ == "__main__":
    main()
