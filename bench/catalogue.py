"""Benchmark of the public catalogue on PostgreSQL with 10,000 offers.

    .venv/bin/python bench/catalogue.py            # seed, serve, load, write bench/RESULTS.md
    .venv/bin/python bench/catalogue.py --reuse    # keep an already seeded database

Creates a dedicated database (``bench_catalogue`` on postgres://postgres@127.0.0.1:5432
unless BENCH_DATABASE_URL says otherwise), migrates it, seeds the demo catalogue plus
10,000 generated offers, serves the portal with gunicorn on loopback and loads /tilbud/
(with filters and search), an offer page and the API from a small threaded load
generator (http.client, bounded in requests and time). p50/p95 and requests per second
at 10 concurrent clients go into the catalogue section of bench/RESULTS.md.
"""

import argparse
import http.client
import os
import platform
import re
import statistics
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
    RESULTS,
    create_database,
    free_port,
    run,
    wait_for,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_catalogue"
SECTION_START = "<!-- catalogue:start -->"
SECTION_END = "<!-- catalogue:end -->"

PATHS = [
    "/tilbud/",
    "/tilbud/?dag=tirsdag&transport=1&gratis=1",
    "/tilbud/?q=dagsenter",
    "/tilbud/?q=turgruppe&bydel=nord",
    "/tilbud/?kategori=sosial&dag=onsdag&side=3",
    "/tilbud/?q=strikkekafe&sortering=navn",
    "/tilbud/?sortering=oppdatert&side=12",
    "/tilbud/solsikken-dagsenter-demens/",
    "/tilbud/generert-00042/",
    "/api/v1/services/?per_page=50&page=7",
]


def load(port: int, *, clients: int, requests: int, seconds: float) -> dict:
    """Each client cycles through PATHS over a keep-alive connection until the shared
    request budget or the time limit runs out."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    budget = iter(range(requests))
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        index = number
        while time.monotonic() < deadline:
            with lock:
                if next(budget, None) is None:
                    break
            path = PATHS[index % len(PATHS)]
            index += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Language": "nb"})
                response = connection.getresponse()
                response.read()
                elapsed = time.perf_counter() - started
                with lock:
                    if response.status == 200:
                        latencies.append(elapsed)
                    else:
                        errors.append(f"{response.status} {path}")
            except OSError as error:
                with lock:
                    errors.append(f"{error} {path}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    return {
        "requests": len(latencies),
        "errors": errors,
        "seconds": wall,
        "rps": len(latencies) / wall if wall else 0,
        "p50": quantiles[49] * 1000,
        "p95": quantiles[94] * 1000,
        "max": latencies[-1] * 1000 if latencies else 0,
    }


def per_path(port: int, repeat: int = 20) -> list[tuple[str, float]]:
    """Median latency of each path alone (one client), to show where time goes."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    rows = []
    for path in PATHS:
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            connection.request("GET", path)
            connection.getresponse().read()
            timings.append(time.perf_counter() - started)
        rows.append((path, statistics.median(timings) * 1000))
    connection.close()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--reuse", action="store_true", help="do not recreate and reseed the database"
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone"
    )
    options = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
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
            f"from catalogue.demo import seed_catalogue; seed_catalogue(offers={options.offers})",
            env=env,
        )
        seed_seconds = time.perf_counter() - started
        # Autovacuum would do this soon after a bulk load; do it now for a steady state.
        run(
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
            env=env,
        )
        print(f"Seeded {options.offers} offers in {seed_seconds:.1f} s", flush=True)

    def measure(settings_module: str) -> tuple[dict, list]:
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
                "--worker-class",
                options.worker_class,
                "--threads",
                str(options.threads),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": settings_module},
        )
        try:
            wait_for(port, "/tilbud/")
            load(
                port, clients=options.clients, requests=300, seconds=15
            )  # warm-up: connections, caches
            alone = per_path(port)
            result = load(
                port, clients=options.clients, requests=options.requests, seconds=options.seconds
            )
        finally:
            gunicorn.terminate()
            gunicorn.wait(timeout=20)
        return result, alone

    result, alone = measure("portal.settings")
    uncached, uncached_alone = measure("bench.settings_nocache")

    command = "cd /work/main && .venv/bin/python bench/catalogue.py"
    goal = "met" if result["p95"] <= 100 and not result["errors"] else "NOT met"
    goal_uncached = "met" if uncached["p95"] <= 100 and not uncached["errors"] else "not met"
    lines = [
        "## Catalogue: /tilbud/, an offer page and the API with 10,000 offers",
        "",
        f"Repeat: `{command}` (about three minutes; `--reuse` skips re-seeding).",
        "",
        f"- Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} CPU cores, PostgreSQL, gunicorn {options.workers} sync workers "
        f"on loopback, DEBUG off.",
        f"- Data: demo catalogue + {options.offers} generated offers"
        + (f" (seeded in {seed_seconds:.1f} s)." if seed_seconds else "."),
        f"- Load: {options.clients} concurrent clients (http.client, one connection each, reopened when gunicorn closes it) cycling through {len(PATHS)} URLs, "
        f"{result['requests']} requests in {result['seconds']:.1f} s, {len(result['errors'])} errors.",
        "",
        "| setup | clients | p50 | p95 | max | req/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        f"| as deployed (rendered HTML cached, 60 s, keyed by catalogue version) | {options.clients} | {result['p50']:.1f} ms "
        f"| {result['p95']:.1f} ms | {result['max']:.1f} ms | {result['rps']:.0f} |",
        f"| cache off (bench/settings_nocache.py: every request queries and renders) | {options.clients} "
        f"| {uncached['p50']:.1f} ms | {uncached['p95']:.1f} ms | {uncached['max']:.1f} ms | {uncached['rps']:.0f} |",
        "",
        f"Goal p95 ≤ 100 ms at 10 clients: **{goal}** as deployed; {goal_uncached} with the cache off.",
        "",
        "Median of each URL alone (one client, 20 requests):",
        "",
        "| URL | cached | cache off |",
        "| --- | ---: | ---: |",
        *[
            f"| `{path}` | {ms:.1f} ms | {cold:.1f} ms |"
            for (path, ms), (_p, cold) in zip(alone, uncached_alone, strict=True)
        ],
        "",
        "The machine is shared with other work, so figures vary between runs; the load",
        "generator runs on the same two cores as gunicorn and PostgreSQL.",
    ]
    errors = result["errors"] + uncached["errors"]
    if errors:
        lines += ["", "Errors (first 10): " + "; ".join(errors[:10])]
    text = "\n".join(lines)
    print(text)
    if not options.no_write:
        write_results(text)
        print(f"\nWrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
