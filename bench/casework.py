"""Benchmark of the casework side on PostgreSQL with 200,000 applications.

    .venv/bin/python bench/casework.py                      # seed, serve, load, write bench/RESULTS.md
    .venv/bin/python bench/casework.py --reuse              # keep an already seeded database
    .venv/bin/python bench/casework.py --applications 20000 # a smaller run

Creates a dedicated database (``bench_casework`` on postgres://postgres@127.0.0.1:5432
unless BENCH_CASEWORK_DATABASE_URL says otherwise), migrates it, seeds the demo
catalogue, the service types, two caseworkers with assignments and N generated
applications (bulk_create in batches, one timeline event each), issues a few real
decisions through ``casework.issue_decision`` (so letters are rendered and frozen), then
serves the portal with gunicorn on loopback and loads it with 10 logged-in clients
(each logs in once through the real log-in form with CSRF and keeps its session):
the queue /saksbehandling/ with several filter combinations, case pages, and the
download of a frozen decision letter. Decision letters are rendered once, when the
decision is issued, and then served from storage, so the letter *rendering*
(``referrals.letters.rendering.render_decision_letter``, WeasyPrint) is timed in-process: alone,
and again while the HTTP load runs. Figures go into the casework section of
bench/RESULTS.md.
"""

import argparse
import http.client
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    PYTHON,
    RESULTS,
    create_database,
    free_port,
    last_json,
    run,
    shell,
    wait_for,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_casework"
SECTION_START = "<!-- casework:start -->"
SECTION_END = "<!-- casework:end -->"
CASEWORKER_EMAIL = "saksbehandler@bench.example"
COLLEAGUE_EMAIL = "kollega@bench.example"
PASSWORD = "bench-Passord-2026"  # noqa: S105 - a throwaway benchmark account
BATCH = 5000
# Issue 14: the queue and the case page answer within this p95 at 10 clients.
GOAL_P95_MS = 100


# --------------------------------------------------------------------------- seeding
# These functions run inside Django (``manage.py shell -c``), never in the driver.


def seed(applications: int) -> None:
    """Demo catalogue, service types, caseworkers, ``applications`` applications, a few
    real decisions with frozen letters."""
    import random
    import uuid
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from catalogue.demo import seed_catalogue
    from catalogue.models import District, Offer
    from portal.roles import Role
    from referrals.cases.models import (
        Application,
        ApplicationEvent,
        CaseworkerAssignment,
        ReferenceSequence,
    )
    from referrals.demo import seed_service_types

    rng = random.Random(20261124)
    User = get_user_model()
    started = time.perf_counter()
    seed_catalogue(offers=0)
    types = seed_service_types()
    districts = list(District.objects.order_by("pk"))
    by_slug = {t.slug: t for t in types}

    caseworkers = []
    for email, name in (
        (CASEWORKER_EMAIL, "Siri Saksbehandler"),
        (COLLEAGUE_EMAIL, "Kari Kollega"),
    ):
        user = User.objects.create_user(
            email, PASSWORD, full_name=name, phone="22 00 00 00", is_staff=True
        )
        user.groups.add(Group.objects.get(name=Role.CASEWORKER.value))
        caseworkers.append(user)
    me, colleague = caseworkers
    # The measured caseworker: two service types everywhere, støttekontakt in two
    # districts (so the scope is an OR of three conditions, as in real use).
    CaseworkerAssignment.objects.bulk_create(
        [
            CaseworkerAssignment(user=me, service_type=by_slug["dagaktivitet"]),
            CaseworkerAssignment(user=me, service_type=by_slug["dagaktivitet-demens"]),
            *[
                CaseworkerAssignment(user=me, service_type=by_slug["stottekontakt"], district=d)
                for d in districts[:2]
            ],
            *[CaseworkerAssignment(user=colleague, service_type=t) for t in types],
        ]
    )

    citizens = User.objects.bulk_create(
        [
            User(
                email=f"innbygger{i:05d}@bench.example",
                password="!",  # noqa: S106 - unusable password
                full_name=f"Innbygger {i}",
            )
            for i in range(2000)
        ],
        batch_size=BATCH,
    )
    first = [
        "Ola",
        "Kari",
        "Per",
        "Anne",
        "Nils",
        "Ingrid",
        "Arne",
        "Solveig",
        "Jon",
        "Liv",
        "Bjørn",
        "Randi",
        "Odd",
        "Berit",
        "Knut",
        "Astrid",
        "Hans",
        "Marit",
        "Tor",
        "Gerd",
    ]
    last = [
        "Hansen",
        "Johansen",
        "Olsen",
        "Larsen",
        "Andersen",
        "Pedersen",
        "Nilsen",
        "Kristiansen",
        "Jensen",
        "Karlsen",
        "Johnsen",
        "Pettersen",
        "Eriksen",
        "Berg",
        "Haugen",
        "Hagen",
        "Johannessen",
        "Andreassen",
        "Jacobsen",
        "Dahl",
    ]
    now = timezone.now()
    today = timezone.localdate()
    S = Application.Status
    old_statuses = (
        [S.DECIDED] * 70
        + [S.CLOSED] * 15
        + [S.WITHDRAWN] * 5
        + [S.APPEALED] * 2
        + [S.RECEIVED, S.UNDER_ASSESSMENT, S.UNDER_ASSESSMENT, S.AWAITING_INFORMATION] * 2
    )
    new_statuses = (
        [S.SUBMITTED] * 10
        + [S.RECEIVED] * 30
        + [S.UNDER_ASSESSMENT] * 35
        + [S.AWAITING_INFORMATION] * 10
        + [S.DECIDED] * 15
    )
    # The four types the earlier runs had, so the figures compare; a type added since
    # (pårørendestøtte, with its own answers the generated rows do not fill) gets none.
    types = [t for t in types if not t.for_caregivers][:4]
    type_weights = [35, 25, 25, 15][: len(types)]
    # Submission times spread over the last 540 days, oldest first, numbered per year.
    moments = sorted(
        now - timedelta(seconds=rng.uniform(0, 540 * 86400)) for _ in range(applications)
    )
    per_year: dict[int, int] = {}
    total = 0
    for offset in range(0, applications, BATCH):
        rows = []
        for submitted_at in moments[offset : offset + BATCH]:
            year = timezone.localtime(submitted_at).year
            per_year[year] = per_year.get(year, 0) + 1
            service_type = rng.choices(types, weights=type_weights)[0]
            age = (now - submitted_at).days
            status = rng.choice(old_statuses if age > 90 else new_statuses)
            open_ = status in Application.OPEN_STATUSES
            due = timezone.localdate(submitted_at) + timedelta(days=service_type.processing_days)
            caseworker = None
            if status not in (S.SUBMITTED, S.RECEIVED):
                caseworker = me if rng.random() < 0.15 else colleague
            elif rng.random() < 0.05:
                caseworker = me
            rows.append(
                Application(
                    reference=f"{year}-{per_year[year]:06d}",
                    status=status,
                    service_type=service_type,
                    applicant=citizens[rng.randrange(len(citizens))],
                    on_behalf=rng.random() < 0.4,
                    person_name=f"{rng.choice(first)} {rng.choice(last)}",
                    person_national_id=f"{rng.randrange(10**10, 10**11)}",
                    person_address=f"Storgata {rng.randrange(1, 200)}",
                    person_postcode=f"{rng.randrange(0, 10000):04d}",
                    person_place="Kommunen",
                    district=districts[rng.randrange(len(districts))]
                    if rng.random() < 0.95
                    else None,
                    person_language="nn" if rng.random() < 0.1 else "nb",
                    wants=["company"],
                    need_description="Ønsker et sted å gå på dagtid og noen å snakke med.",
                    days=[1, 3],
                    transport_needed=rng.random() < 0.5,
                    confirmed_truthful=True,
                    furthest_step=10,
                    created_at=submitted_at - timedelta(minutes=20),
                    updated_at=submitted_at
                    if open_
                    else submitted_at + timedelta(days=min(age, 30)),
                    submitted_at=submitted_at,
                    due_date=due,
                    decided_at=submitted_at + timedelta(days=min(age, 25))
                    if status == S.DECIDED
                    else None,
                    caseworker=caseworker,
                    public_id=uuid.uuid4(),
                )
            )
        with transaction.atomic():
            created = Application.objects.bulk_create(rows, batch_size=BATCH)
            ApplicationEvent.objects.bulk_create(
                [
                    ApplicationEvent(
                        application_id=a.pk,
                        kind=ApplicationEvent.Kind.SUBMITTED,
                        status=S.SUBMITTED,
                        at=a.submitted_at,
                    )
                    for a in created
                ],
                batch_size=BATCH,
            )
        total += len(created)
        print(f"  {total} applications", flush=True)
    for year, last_number in per_year.items():
        ReferenceSequence.objects.update_or_create(year=year, defaults={"last_number": last_number})
    print(f"Bulk-created {total} applications in {time.perf_counter() - started:.1f} s", flush=True)

    # A few real decisions (through the service, as a caseworker would) so there are
    # frozen letters to download.
    from referrals.casework import services as casework

    offer = (
        Offer.objects.filter(participation=Offer.Participation.APPLICATION)
        .select_related("unit")
        .first()
    )
    candidates = list(
        Application.objects.filter(
            status=S.UNDER_ASSESSMENT, service_type=by_slug["dagaktivitet"], caseworker=me
        ).order_by("-submitted_at")[:5]
    )
    for application in candidates:
        casework.issue_decision(
            application=application,
            actor=me,
            outcome="granted",
            legal_basis=application.service_type.legal_basis,
            facts="Søkeren bor alene og har lite nettverk. Pårørende trenger avlastning.",
            reasons="Kommunen mener dagaktivitet vil gi mestring og fellesskap. " * 6,
            decisions_seen=0,
            offer=offer,
            weekdays=[1, 3],
            hours="09.00–15.00",
            start_date=today + timedelta(days=7),
            review_date=today + timedelta(days=180),
            transport=True,
            meals=True,
            egenandel="kr 95 per dag for mat",
        )
    print(f"Issued {len(candidates)} decisions with letters", flush=True)


def describe() -> None:
    """Print (as JSON on the last line) what the load generator needs: filter values,
    case references in the caseworker's scope, letter URLs."""
    from django.contrib.auth import get_user_model

    from catalogue.models import District, ServiceType
    from referrals.cases.models import Application, Decision

    me = get_user_model().objects.get(email=CASEWORKER_EMAIL)
    decided = list(
        Decision.objects.filter(application__caseworker=me)
        .exclude(letter="")
        .select_related("application")
        .order_by("pk")[:5]
    )
    open_cases = list(
        Application.objects.filter(
            service_type__slug__in=["dagaktivitet", "dagaktivitet-demens"],
            status=Application.Status.UNDER_ASSESSMENT,
        )
        .order_by("pk")
        .values_list("reference", flat=True)[::997][:6]
    )
    sample = Application.objects.filter(service_type__slug="dagaktivitet").order_by("-pk").first()
    info = {
        "applications": Application.objects.count(),
        "service_types": {t.slug: t.pk for t in ServiceType.objects.all()},
        "districts": {d.slug: d.pk for d in District.objects.all()},
        "cases": open_cases + [d.application.reference for d in decided[:2]],
        "letters": [
            f"/saksbehandling/{d.application.reference}/vedtak/{d.pk}/brev.pdf" for d in decided
        ],
        "reference_prefix": sample.reference[:8],
        "name": sample.person_name.split()[-1],
    }
    print(json.dumps(info))


def time_render(count: int, warmup: int = 2) -> None:
    """Render a decision letter ``count`` times (after ``warmup`` renders) with the
    arguments issue_decision uses; print the timings in ms as JSON on the last line."""
    from referrals.cases.models import Decision
    from referrals.letters.rendering import letter_language, render_decision_letter

    decision = (
        Decision.objects.exclude(letter="")
        .select_related("application__service_type", "content__offer__unit", "decided_by")
        .order_by("pk")
        .first()
    )
    application, content = decision.application, decision.content
    letter_context = {
        "facts": content.facts,
        "reasons": content.reasons,
        "offer": content.offer,
        "weekdays": content.weekdays,
        "hours": content.hours,
        "start_date": content.start_date,
        "review_date": content.review_date,
        "transport": content.transport,
        "meals": content.meals,
        "egenandel": content.egenandel,
        "contact_name": content.contact_name,
        "contact_phone": content.contact_phone,
        "contact_email": content.contact_email,
        "language": content.language,
        "offer_label": f"{content.offer.title} ({content.offer.unit.name})"
        if content.offer
        else "",
    }
    timings = []
    for index in range(warmup + count):
        started = time.perf_counter()
        pdf = render_decision_letter(
            application=application,
            outcome=decision.outcome,
            legal_basis=decision.legal_basis or application.service_type.legal_basis,
            appeal_basis=application.service_type.appeal_basis,
            content=letter_context,
            issued_at=decision.issued_at,
            language=letter_language(application),
        )
        elapsed = (time.perf_counter() - started) * 1000
        if index >= warmup:
            timings.append(elapsed)
    print(json.dumps({"timings": timings, "bytes": len(pdf)}))


# --------------------------------------------------------------------------- driving


class Client:
    """One logged-in browser: a keep-alive connection and its cookies."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def _headers(self, extra: dict | None = None) -> dict:
        headers = {"Accept-Language": "nb"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {**headers, **(extra or {})}

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=self._headers(headers))
                response = self.connection.getresponse()
                data = response.read()
                break
            except (OSError, http.client.HTTPException):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        return response.status, data, response

    def log_in(self, email: str, password: str) -> None:
        status, page, _r = self.request("GET", "/konto/logg-inn/")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not match:
            raise SystemExit(f"log-in page: {status}")
        body = urlencode(
            {
                "csrfmiddlewaretoken": match.group(1).decode(),
                "username": email,
                "password": password,
            }
        )
        status, _data, response = self.request(
            "POST",
            "/konto/logg-inn/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}/konto/logg-inn/",
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"log-in failed: {status} {response.getheader('Location')}")

    def close(self) -> None:
        self.connection.close()


def summarise(latencies: list[float], seconds: float) -> dict:
    latencies = sorted(latencies)
    if len(latencies) > 1:
        quantiles = statistics.quantiles(latencies, n=100, method="inclusive")
    else:
        quantiles = [latencies[0] if latencies else 0] * 99
    return {
        "requests": len(latencies),
        "rps": len(latencies) / seconds if seconds else 0,
        "p50": quantiles[49],
        "p95": quantiles[94],
        "max": latencies[-1] if latencies else 0,
    }


def load(clients: list[Client], paths: list[tuple[str, str]], *, requests: int, seconds: float):
    """Each logged-in client cycles through ``paths`` (group, path) until the shared
    request budget or the time limit runs out. Latencies in ms per group."""
    latencies: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()
    budget = iter(range(requests))
    deadline = time.monotonic() + seconds

    def work(number: int, client: Client) -> None:
        index = number * 3
        while time.monotonic() < deadline:
            with lock:
                if next(budget, None) is None:
                    break
            group, path = paths[index % len(paths)]
            index += 1
            started = time.perf_counter()
            try:
                status, _data, _r = client.request("GET", path)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(f"{error} {path}")
                continue
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if status == 200:
                    latencies.setdefault(group, []).append(elapsed)
                else:
                    errors.append(f"{status} {path}")

    threads = [threading.Thread(target=work, args=(n, c)) for n, c in enumerate(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    groups = {group: summarise(values, wall) for group, values in latencies.items()}
    groups["all"] = summarise([v for values in latencies.values() for v in values], wall)
    return groups, errors, wall


def per_path(client: Client, paths: list[tuple[str, str]], repeat: int) -> list[tuple[str, float]]:
    rows = []
    for _group, path in paths:
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.request("GET", path)
            timings.append((time.perf_counter() - started) * 1000)
        rows.append((path, statistics.median(timings)))
    return rows


def write_results(text: str) -> None:
    existing = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n"
    block = f"{SECTION_START}\n{text.strip()}\n{SECTION_END}"
    if SECTION_START in existing:
        existing = re.sub(
            re.escape(SECTION_START) + ".*?" + re.escape(SECTION_END),
            lambda _m: block,
            existing,
            flags=re.S,
        )
    else:
        existing = existing.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(existing)


def build_paths(info: dict) -> list[tuple[str, str]]:
    t, d = info["service_types"], info["districts"]
    district = next(iter(d.values()))
    queue = [
        "/saksbehandling/",
        "/saksbehandling/?status=received",
        f"/saksbehandling/?service_type={t['dagaktivitet']}&district={district}",
        "/saksbehandling/?assigned=me",
        "/saksbehandling/?assigned=unassigned&overdue=on",
        f"/saksbehandling/?due_soon=on&service_type={t['dagaktivitet-demens']}",
        "/saksbehandling/?status=assessment&assigned=me&side=3",
        f"/saksbehandling/?q={info['name']}",
        f"/saksbehandling/?q={info['reference_prefix']}12",
        "/saksbehandling/?needs_preliminary=on",
        "/saksbehandling/?side=200",
    ]
    paths = [("queue", p) for p in queue]
    paths += [("case", f"/saksbehandling/{ref}/") for ref in info["cases"]]
    paths += [("letter download", p) for p in info["letters"][:2]]
    return paths


SUGGESTED_INDEXES = [
    # Queue order (casework_selectors.queue: ORDER BY due_date, submitted_at, id).
    "CREATE INDEX bench_app_queue_order ON referrals_application (due_date, submitted_at, id)",
    # Status counts and COUNT(*) over the caseworker's scope: index-only scans.
    "CREATE INDEX bench_app_scope_status ON referrals_application "
    "(service_type_id, district_id, status) INCLUDE (id)",
    # Free-text search (icontains is UPPER(col::text) LIKE UPPER('%term%')).
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX bench_app_name_trgm ON referrals_application "
    "USING gin (UPPER(person_name::text) gin_trgm_ops)",
    "CREATE INDEX bench_app_reference_trgm ON referrals_application "
    "USING gin (UPPER(reference::text) gin_trgm_ops)",
]


def clone_with_indexes(source_url: str, target_url: str) -> None:
    """A scratch copy of the seeded database with SUGGESTED_INDEXES (the app's own
    migrations are not touched)."""
    import psycopg

    source = urlsplit(source_url).path.lstrip("/")
    target = urlsplit(target_url).path.lstrip("/")
    for name in (source, target):
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise SystemExit(f"Refusing odd database name {name!r}")
    admin = urlsplit(source_url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {target}")
        connection.execute(f"CREATE DATABASE {target} TEMPLATE {source}")
    with psycopg.connect(target_url, autocommit=True) as connection:
        for statement in SUGGESTED_INDEXES:
            connection.execute(statement)
        connection.execute("VACUUM ANALYZE referrals_application")


def measure(env: dict, paths: list[tuple[str, str]], options):
    """Letter rendering alone, then gunicorn with logged-in clients: warm-up, each URL
    alone, the loaded run (with letter rendering in parallel)."""
    render_code = "from bench.casework import time_render; time_render({})"
    render_alone = last_json(shell(render_code.format(options.renders), env))["timings"]
    port = free_port()
    gunicorn = subprocess.Popen(  # noqa: S603 - our own command
        [
            PYTHON,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(options.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    clients: list[Client] = []
    try:
        wait_for(port, "/tilbud/")
        for _ in range(options.clients):
            client = Client(port)
            client.log_in(CASEWORKER_EMAIL, PASSWORD)
            clients.append(client)
        load(clients, paths, requests=300, seconds=20)  # warm-up
        alone = per_path(clients[0], paths, repeat=5)
        renderer = subprocess.Popen(  # noqa: S603 - our own command
            [PYTHON, "manage.py", "shell", "-c", render_code.format(max(options.renders // 2, 5))],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        load_before = os.getloadavg()[0]
        groups, errors, wall = load(
            clients, paths, requests=options.requests, seconds=options.seconds
        )
        groups["_loadavg"] = (load_before, os.getloadavg()[0])
        render_output, _ = renderer.communicate(timeout=300)
        render_loaded = last_json(render_output)["timings"]
    finally:
        for client in clients:
            client.close()
        gunicorn.terminate()
        gunicorn.wait(timeout=20)
    return groups, errors, wall, alone, summarise(render_alone, 0), summarise(render_loaded, 0)


def fmt(row: dict) -> str:
    return f"{row['p50']:.1f} ms | {row['p95']:.1f} ms | {row['max']:.1f} ms | {row['rps']:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=200_000)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--settings", default="portal.settings")
    parser.add_argument(
        "--try-indexes",
        action="store_true",
        help="measure again on a scratch copy of the database with SUGGESTED_INDEXES",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="do not recreate and reseed the database"
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone"
    )
    options = parser.parse_args()

    database_url = os.environ.get("BENCH_CASEWORK_DATABASE_URL", DEFAULT_DATABASE_URL)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": options.settings,
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    seed_seconds = None
    if not options.reuse:
        print(f"Creating {database_url} …", flush=True)
        create_database(database_url)
        run(PYTHON, "manage.py", "migrate", "--verbosity", "0", env=env)
        started = time.perf_counter()
        run(
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            f"from bench.casework import seed; seed({options.applications})",
            env=env,
        )
        seed_seconds = time.perf_counter() - started
        run(
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
            env=env,
        )
        print(f"Seeded in {seed_seconds:.1f} s", flush=True)

    info = last_json(shell("from bench.casework import describe; describe()", env))
    paths = build_paths(info)
    first = measure(env, paths, options)
    scratch = None
    if options.try_indexes:
        scratch_url = database_url + "_idx"
        print(f"Copying to {scratch_url} and adding the suggested indexes …", flush=True)
        clone_with_indexes(database_url, scratch_url)
        scratch = measure({**env, "DATABASE_URL": scratch_url}, paths, options)
    groups, errors, wall, alone, render_a, render_l = first
    loadavg = groups.pop("_loadavg")
    if scratch:
        scratch_loadavg = scratch[0].pop("_loadavg")

    web_ok = (
        all(groups.get(g, {"p95": 1e9})["p95"] <= GOAL_P95_MS for g in ("queue", "case"))
        and not errors
    )
    pdf_ok = render_a["p95"] <= 1000
    pdf_loaded_ok = render_l["p95"] <= 1000
    command = "cd /work/main && .venv/bin/python bench/casework.py"
    if options.applications != 200_000:
        command += f" --applications {options.applications}"
    if options.try_indexes:
        command += " --try-indexes"
    lines = [
        f"## Casework: the queue, case pages and decision letters with {info['applications']:,} applications",
        "",
        f"Repeat: `{command}` (seeding about 2–3 minutes; `--reuse` skips it).",
        "",
        f"- Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} CPU cores, PostgreSQL, gunicorn {options.workers} sync workers "
        f"on loopback, DEBUG off, settings `{options.settings}`.",
        f"- Data: demo catalogue, {info['applications']:,} applications (spread over 540 days, statuses by age, "
        "4 service types, 7 districts, ~20 % assigned to the measured caseworker), one timeline event each, "
        "5 decisions issued through `casework.issue_decision`"
        + (f"; seeded in {seed_seconds:.0f} s." if seed_seconds else "."),
        "- Caseworker scope: dagaktivitet and dagaktivitet-demens everywhere, støttekontakt in two districts.",
        f"- Load: {options.clients} concurrent clients, each logged in once through /konto/logg-inn/ (CSRF, "
        f"session cookie kept), cycling through {len(paths)} URLs; {groups['all']['requests']} requests in "
        f"{wall:.1f} s, {len(errors)} errors. Every request writes an access-log entry, as in production. "
        f"Host load average (1 min) {loadavg[0]:.1f} before and {loadavg[1]:.1f} after the loaded run.",
        "",
        "| URL group | p50 | p95 | max | req/s |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[
            f"| {g} | {fmt(groups[g])} |"
            for g in ("queue", "case", "letter download")
            if g in groups
        ],
        f"| **all** | {fmt(groups['all'])} |",
        "",
        "Decision-letter rendering (`referrals.letters.rendering.render_decision_letter`, WeasyPrint). Letters are "
        "rendered once, inside `issue_decision`, then frozen (stored file + SHA-256) and only downloaded, "
        "so the rendering is timed in-process with the arguments `issue_decision` passes:",
        "",
        "| letter rendering | renders | p50 | p95 | max |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| alone | {render_a['requests']} | {render_a['p50']:.0f} ms | {render_a['p95']:.0f} ms | {render_a['max']:.0f} ms |",
        f"| during the 10-client HTTP load | {render_l['requests']} | {render_l['p50']:.0f} ms | {render_l['p95']:.0f} ms | {render_l['max']:.0f} ms |",
        "",
        f"Goal p95 ≤ {GOAL_P95_MS} ms at 10 clients for the queue and the case page: **{'met' if web_ok else 'NOT met'}**. "
        f"Goal letter PDF p95 ≤ 1 s: **{'met' if pdf_ok else 'NOT met'}** for the rendering alone; "
        f"{'met' if pdf_loaded_ok else 'not met'} while the 10-client load saturates the two cores.",
        "",
        "Median of each URL alone (one client, 5 requests, after warm-up):",
        "",
        *(
            [
                "| URL | as deployed | with suggested indexes |",
                "| --- | ---: | ---: |",
                *[
                    f"| `{path}` | {ms:.1f} ms | {other:.1f} ms |"
                    for (path, ms), (_p, other) in zip(alone, scratch[3], strict=True)
                ],
            ]
            if scratch
            else [
                "| URL | median |",
                "| --- | ---: |",
                *[f"| `{path}` | {ms:.1f} ms |" for path, ms in alone],
            ]
        ),
        "",
        "The machine is shared with other work, so figures vary between runs; the load",
        "generator, gunicorn and PostgreSQL share the same two cores.",
    ]
    if scratch:
        s_groups, s_errors, s_wall, _alone, s_render_a, s_render_l = scratch
        lines += [
            "",
            "### The same load on a scratch copy with the suggested indexes (`--try-indexes`)",
            "",
            "App code and migrations unchanged; `SUGGESTED_INDEXES` in bench/casework.py added to a copy "
            f"of the database. {s_groups['all']['requests']} requests in {s_wall:.1f} s, "
            f"{len(s_errors)} errors; host load average {scratch_loadavg[0]:.1f} before, "
            f"{scratch_loadavg[1]:.1f} after.",
            "",
            "| URL group | p50 | p95 | max | req/s |",
            "| --- | ---: | ---: | ---: | ---: |",
            *[
                f"| {g} | {fmt(s_groups[g])} |"
                for g in ("queue", "case", "letter download")
                if g in s_groups
            ],
            f"| **all** | {fmt(s_groups['all'])} |",
            "",
            f"Letter rendering on the copy: p95 {s_render_a['p95']:.0f} ms alone, "
            f"{s_render_l['p95']:.0f} ms during the load.",
        ]
        errors = errors + s_errors
    if errors:
        lines += ["", "Errors (first 10): " + "; ".join(errors[:10])]
    text = "\n".join(lines)
    print(text)
    if not options.no_write:
        write_results(text)
        print(f"\nWrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
