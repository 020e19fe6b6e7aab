"""Benchmark of the sign-up page, /tilbud/<slug>/pamelding/ (issue 16): GET and POST at
10 concurrent clients. Goal: p95 ≤ 100 ms.

    .venv/bin/python bench/signup.py                     # SQLite (var/bench/signup.sqlite3)
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_signup \\
        .venv/bin/python bench/signup.py                 # PostgreSQL
    .venv/bin/python bench/signup.py --seconds 30 --clients 10

A single client's GETs come first (the time a request takes without queueing).

Creates the database afresh (SQLite file removed, or the PostgreSQL database dropped and
created), migrates it, seeds the demo catalogue, makes one published offer take sign-ups
with a course of eight weekly sessions (30 places each, transport and meals offered) and
creates one account per client. It then serves the portal with gunicorn (4 sync
workers, DEBUG off, production static files) on loopback and runs two phases:

1. ``anonymous GET``: each client fetches the sign-up page again and again (no account,
   as someone arriving from the offer page);
2. ``logged-in GET + POST``: each client, logged in once through the real log-in form,
   fetches the sign-up page and posts the form (CSRF token from the page) for a random
   session, as the two clicks of a logged-in user: a place or the waiting list, the
   session row locked, the confirmation e-mail queued (by default the task backend as deployed,
   django-tasks-db, with a ``db_worker`` process beside gunicorn on the same cores sending
   the e-mails; ``--tasks immediate`` renders and sends each e-mail inside its request;
   the locmem mailer: the e-mail is rendered, not sent). Sign-ups accumulate, so the
   waiting lists grow during the run, as for a popular course.

Posts without an account are limited to 20 an hour per address (portal.limits), so the
POST phase is the logged-in one; the service path is the same.

The load generator runs as threads in this process on the same cores as gunicorn and the
database. Prints the figures (p50, p95, max, req/s per kind); --write puts them in the
"signup" section of bench/RESULTS.md.
"""

import argparse
import contextlib
import os
import platform
import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    PYTHON,
    Client,
    Gunicorn,
    bench_env,
    collected_static,
    create_database,
    last_json,
    ms,
    run,
    shell,
    summarise,
    write_section,
)

DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'var' / 'bench' / 'signup.sqlite3'}"
PASSWORD = "bench-Passord-2026"  # noqa: S105 - a throwaway benchmark account
SESSIONS = 8
PLACES = 30

SEED = """
import json
from datetime import timedelta
from django.utils import timezone
from catalogue.demo import seed_catalogue
from catalogue.models import Offer
from catalogue.participation import services
from portal.models import User

seed_catalogue(offers=0)
offer = Offer.objects.published().order_by("pk").first()
offer.participation = Offer.Participation.SIGNUP
offer.save()
first = (timezone.now() + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
services.create_series(
    offer, first, {sessions}, duration=timedelta(hours=2), places={places},
    offers_transport=True, offers_meal=True,
)
emails = []
for n in range({clients}):
    email = f"deltaker{{n}}@bench.example"
    User.objects.create_user(email, "{password}", full_name=f"Deltaker {{n}}", phone="+4791234567")
    emails.append(email)
print(json.dumps({{"slug": offer.slug, "emails": emails}}))
"""

COUNT = """
from catalogue.participation.models import SignUp
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
import json
counts = {s: SignUp.objects.filter(status=s).count() for s in ("confirmed", "waiting")}
counts["tasks"] = {
    str(row["status"]).lower(): row["n"]
    for row in DBTaskResult.objects.values("status").annotate(n=Count("id"))
}
print(json.dumps(counts))
"""


# What each client posts besides the session it picks: for themselves, with a meal.
SIGNUP_FORM = {
    "for_whom": "self",
    "name": "Deltaker",
    "phone": "912 34 567",
    "email": "deltaker@bench.example",
    "mobility_aid": "none",
    "needs_meal": "on",
    "diet": "Glutenfri",
}

TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
TASK_TEXTS = {
    "db": "django-tasks-db as deployed, one db_worker process sending the e-mails",
    "immediate": "immediate (each e-mail rendered and sent inside its request)",
}


@contextlib.contextmanager
def task_worker(env: dict, tasks: str):
    """With the database backend, the worker that sends the e-mails runs beside gunicorn
    on the same cores, as in production (the e-mails are rendered; the locmem mailer
    keeps them)."""
    if tasks != "db":
        yield
        return
    worker = subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.5"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def prepare(database_url: str) -> None:
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    else:
        create_database(database_url)


def _run_clients(clients: list[Client], work, seconds: float) -> dict[str, list[float]]:
    """Each client runs ``work(client, record)`` in its own thread until the deadline."""
    results: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def loop(client: Client) -> None:
        own: dict[str, list[float]] = {}
        own_errors: list[str] = []

        def record(kind: str, began: float, status: int, expected: int) -> None:
            if status == expected:
                own.setdefault(kind, []).append((time.perf_counter() - began) * 1000)
            else:
                own_errors.append(f"{kind} {status}")

        while time.perf_counter() < deadline:
            try:
                work(client, record)
            except Exception as error:  # noqa: BLE001 - counted, the run goes on
                own_errors.append(type(error).__name__)
        with lock:
            for kind, values in own.items():
                results.setdefault(kind, []).extend(values)
            errors.extend(own_errors)

    threads = [threading.Thread(target=loop, args=(client,)) for client in clients]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results["_seconds"] = [time.perf_counter() - started]
    results["_errors"] = errors  # type: ignore[list-item]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--tasks",
        choices=("db", "immediate"),
        default="db",
        help="db: as deployed (django-tasks-db; a db_worker process on the same cores "
        "sends the e-mails); immediate: each e-mail rendered and sent inside the request",
    )
    parser.add_argument("--write", action="store_true", help="write bench/RESULTS.md")
    options = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    env = bench_env(
        database_url, RATELIMIT_LOGINS_PER_HOUR="100000", TASKS_BACKEND=TASK_BACKENDS[options.tasks]
    )
    prepare(database_url)
    started = time.perf_counter()
    run(PYTHON, "manage.py", "migrate", "--verbosity", "0", env=env)
    seeded = last_json(
        shell(
            SEED.format(
                sessions=SESSIONS, places=PLACES, clients=options.clients, password=PASSWORD
            ),
            env,
        )
    )
    seed_seconds = time.perf_counter() - started
    page = f"/tilbud/{seeded['slug']}/pamelding/"
    print(f"{engine}: seeded in {seed_seconds:.1f} s; measuring {page}", flush=True)

    with (
        collected_static(env) as (static_env, _seconds),
        Gunicorn(static_env, workers=options.workers) as server,
        task_worker(env, options.tasks),
    ):
        warm = Client(server.port)
        for _ in range(options.workers * 3):
            status, _body, _r = warm.request("GET", page)
            if status != 200:
                raise SystemExit(f"GET {page}: {status}")
        warm.close()
        load_before = os.getloadavg()[0]

        def anonymous_get(client: Client, record, kind: str = "anonymous GET") -> None:
            began = time.perf_counter()
            status, _body, _r = client.request("GET", page)
            record(kind, began, status, 200)

        # One client alone first: the time a request takes without queueing.
        alone = _run_clients(
            [Client(server.port)],
            lambda client, record: anonymous_get(client, record, "anonymous GET, 1 client"),
            min(options.seconds, 10),
        )

        anonymous = _run_clients(
            [Client(server.port) for _ in range(options.clients)], anonymous_get, options.seconds
        )

        logged_in = []
        for email in seeded["emails"]:
            client = Client(server.port)
            client.log_in(email, PASSWORD)
            logged_in.append(client)
        rng = random.Random(16)

        def get_and_post(client: Client, record) -> None:
            began = time.perf_counter()
            status, html, _r = client.request("GET", page)
            record("logged-in GET", began, status, 200)
            if status != 200:
                return
            choices = re.findall(rb'name="session" value="(\d+)"', html)
            fields = {"session": rng.choice(choices).decode(), **SIGNUP_FORM}
            began = time.perf_counter()
            status, _body, _r = client.post_form(page, page, fields, page_html=html)
            record("POST (sign up)", began, status, 302)

        mixed = _run_clients(logged_in, get_and_post, options.seconds)
        load_after = os.getloadavg()[0]
    counts = last_json(shell(COUNT, env))

    rows = []
    for results in (alone, anonymous, mixed):
        seconds = results["_seconds"][0]
        for kind, values in results.items():
            if kind.startswith("_"):
                continue
            summary = summarise(values, seconds)
            rows.append((kind, summary))
    errors = alone["_errors"] + anonymous["_errors"] + mixed["_errors"]
    lines = [
        f"## Sign-up page: /tilbud/<slug>/pamelding/ ({engine})",
        "",
        "Repeat: `.venv/bin/python bench/signup.py` (SQLite) or with "
        "`BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_signup` (PostgreSQL).",
        "",
        f"- Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, CPython "
        f"{platform.python_version()}, {os.cpu_count()} CPU cores, {engine}, gunicorn "
        f"{options.workers} sync workers on loopback, DEBUG off; tasks: {TASK_TEXTS[options.tasks]}.",
        f"- Data: demo catalogue, one offer with {SESSIONS} sessions of {PLACES} places; "
        f"seeded in {seed_seconds:.1f} s. After the run: {counts['confirmed']} confirmed, "
        f"{counts['waiting']} waiting; e-mail tasks in the database by status: "
        f"{counts['tasks'] or 'none (immediate)'}.",
        f"- Load: {options.clients} concurrent clients, {options.seconds:.0f} s per phase; "
        f"{len(errors)} errors. Host load average (1 min) {load_before:.1f} before the "
        f"anonymous phase, {load_after:.1f} after the POST phase.",
        "",
        "| request | requests | p50 | p95 | max | req/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind, summary in rows:
        lines.append(
            f"| {kind} | {summary['requests']} | {ms(summary['p50'])} | {ms(summary['p95'])} "
            f"| {ms(summary['max'])} | {summary['rps']:.1f} |"
        )
    met = all(summary["p95"] <= 100 for kind, summary in rows if "1 client" not in kind)
    lines += [
        "",
        f"Goal p95 ≤ 100 ms at {options.clients} clients: **{'met' if met else 'not met'}**.",
    ]
    if errors:
        lines.append(f"Errors (first 5): {', '.join(errors[:5])}")
    text = "\n".join(lines)
    print(text)
    if options.write:
        suffix = "" if options.tasks == "db" else "-immediate"
        write_section(f"signup-{engine.lower()}{suffix}", text)


if __name__ == "__main__":
    main()
