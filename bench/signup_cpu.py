"""CPU and queries per logged-in request of the sign-up page, /tilbud/<slug>/pamelding/
(issue 16), measured in-process (for a shared machine, where wall-clock load runs are
not to be trusted).

    .venv/bin/python bench/signup_cpu.py                   # GET and POST, 40 each
    .venv/bin/python bench/signup_cpu.py --repeat 100      # more requests per kind
    .venv/bin/python bench/signup_cpu.py --profile get     # cProfile (CPU time) of the GETs
    .venv/bin/python bench/signup_cpu.py --profile post    # … of the POSTs
    .venv/bin/python bench/signup_cpu.py --seed            # a fresh database first
    BENCH_SIGNUP_CPU_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_signup_cpu \\
        .venv/bin/python bench/signup_cpu.py --seed       # PostgreSQL

The database is seeded as bench/signup.py seeds it (the demo catalogue, one offer with a
course of eight weekly sessions of 30 places, one account per client), the first time
or with ``--seed``; SQLite in var/bench/signup_cpu.sqlite3 unless
BENCH_SIGNUP_CPU_DATABASE_URL says otherwise. Settings ``portal.settings`` with DEBUG off
and the locmem mailer. Django's test client with CSRF checks on, logged in once through
the log-in form as one of the bench's accounts, does what a client of bench/signup.py
does: GET the page, then POST the form (the CSRF token from the page) for a random
session. Sign-ups accumulate, so the waiting lists grow as in the load run. Per kind
(GET, POST) it reports the median of ``time.process_time()`` around the request (the
view, middleware, templates, the database driver; not a database server), and the
number of queries of one more request.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import PYTHON, bench_env, last_json, run, shell  # noqa: E402
from bench.signup import PASSWORD, PLACES, SEED, SESSIONS, SIGNUP_FORM, prepare  # noqa: E402

DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'var' / 'bench' / 'signup_cpu.sqlite3'}"
DATABASE_URL = os.environ.get("BENCH_SIGNUP_CPU_DATABASE_URL", DEFAULT_DATABASE_URL)
CLIENTS = 10
KINDS = ("get", "post")


def seed() -> None:
    env = bench_env(DATABASE_URL, settings="portal.settings")
    prepare(DATABASE_URL)
    run(PYTHON, "manage.py", "migrate", "--verbosity", "0", env=env)
    code = SEED.format(sessions=SESSIONS, places=PLACES, clients=CLIENTS, password=PASSWORD)
    print("seeded:", last_json(shell(code, env)), flush=True)


def needs_seed() -> bool:
    if DATABASE_URL.startswith("sqlite:///"):
        return not Path(DATABASE_URL.removeprefix("sqlite:///")).exists()
    from bench.common import database_exists

    return not database_exists(DATABASE_URL)


def setup_django() -> None:
    os.environ.update(
        {
            "DATABASE_URL": DATABASE_URL,
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DJANGO_ENV": "development",
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "RATELIMIT_LOGINS_PER_HOUR": "100000",
        }
    )
    import django

    django.setup()


TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
SESSION_CHOICE = re.compile(rb'name="session" value="(\d+)"')


class Visitor:
    """A logged-in browser: GET the page, POST the form from it."""

    def __init__(self, email: str, page: str, rng: random.Random) -> None:
        from django.test import Client

        self.page = page
        self.rng = rng
        self.client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="nb")
        html = self.client.get("/konto/logg-inn/").content
        response = self.client.post(
            "/konto/logg-inn/",
            {
                "csrfmiddlewaretoken": TOKEN.search(html).group(1).decode(),
                "username": email,
                "password": PASSWORD,
            },
        )
        assert response.status_code == 302, f"log-in as {email}: {response.status_code}"
        self.html = b""

    def get(self) -> None:
        response = self.client.get(self.page)
        assert response.status_code == 200, response.status_code
        self.html = response.content

    def post(self) -> None:
        fields = {
            "csrfmiddlewaretoken": TOKEN.search(self.html).group(1).decode(),
            "session": self.rng.choice(SESSION_CHOICE.findall(self.html)).decode(),
            **SIGNUP_FORM,
        }
        response = self.client.post(self.page, fields)
        assert response.status_code == 302, response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--seed", action="store_true", help="seed a fresh database first")
    parser.add_argument("--profile", choices=KINDS)
    options = parser.parse_args()

    if options.seed or needs_seed():
        seed()
    setup_django()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from catalogue.models import Offer

    offer = Offer.objects.filter(participation=Offer.Participation.SIGNUP).order_by("pk").first()
    page = f"/tilbud/{offer.slug}/pamelding/"
    visitor = Visitor("deltaker0@bench.example", page, random.Random(16))
    for _ in range(options.warmup):
        visitor.get()
        visitor.post()

    if options.profile:
        import cProfile
        import pstats

        cpu = cProfile.Profile(time.process_time)
        for _ in range(options.repeat):
            visitor.get()
            if options.profile == "get":
                cpu.enable()
                visitor.get()
                cpu.disable()
            else:
                cpu.enable()
                visitor.post()
                cpu.disable()
        stats = pstats.Stats(cpu)
        stats.sort_stats("cumulative").print_stats(70)
        stats.sort_stats("tottime").print_stats(40)
        return

    times: dict[str, list[float]] = {"get": [], "post": []}
    for _ in range(options.repeat):
        started = time.process_time()
        visitor.get()
        times["get"].append((time.process_time() - started) * 1000)
        started = time.process_time()
        visitor.post()
        times["post"].append((time.process_time() - started) * 1000)
    queries = {}
    with CaptureQueriesContext(connection) as captured:
        visitor.get()
    queries["get"] = len(captured)
    with CaptureQueriesContext(connection) as captured:
        visitor.post()
    queries["post"] = len(captured)

    engine = "PostgreSQL" if DATABASE_URL.startswith("postgres") else "SQLite"
    print(f"{engine}, {page}, {options.repeat} requests per kind after {options.warmup} warm-up")
    print("| request | app CPU (median) | p90 | queries |")
    print("| --- | ---: | ---: | ---: |")
    for kind, label in (("get", "logged-in GET"), ("post", "POST (sign up)")):
        values = sorted(times[kind])
        p90 = values[int(len(values) * 0.9) - 1]
        print(f"| {label} | {statistics.median(values):.2f} ms | {p90:.2f} ms | {queries[kind]} |")


if __name__ == "__main__":
    main()
