"""Soak test: minutes of mixed citizen and caseworker traffic against gunicorn.

    .venv/bin/python bench/soak.py                 # 10 minutes on the bench database
    .venv/bin/python bench/soak.py --minutes 60    # longer
    .venv/bin/python bench/soak.py --quick --minutes 1   # the small --quick database

Uses the database of bench/full.py (seeded first if missing), collects the static files
as in production into a temporary folder and serves the portal with gunicorn (4 sync
workers, DEBUG off, bench/settings_bench.py) on loopback. Two load-generator processes
run client threads with a short think time between requests:

- citizens (logged in through the log-in form): search and filter the catalogue, open
  an offer, start an application (a draft through the real form with CSRF), answer the
  first step, look at /mine-soknader/, delete the draft again;
- caseworkers (logged in): the queue with filters, case pages, an internal note on a
  case now and then, a decision letter.

Every response must be the expected one (200, or 302 after a form): zero errors
expected. The RSS of each gunicorn worker is read at the start and the end (and
sampled in between) to show memory growth. The result is printed as a markdown block
for bench/RESULTS.md and saved to bench/out/soak.md (``--write`` puts it into the soak
section of bench/RESULTS.md).
"""

import argparse
import http.client
import multiprocessing
import os
import platform
import queue
import random
import re
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    Client,
    Gunicorn,
    bench_env,
    collected_static,
    ms,
    rss_mib,
    summarise,
    write_section,
)
from bench.data import (  # noqa: E402
    FULL_DATABASE_URL,
    FULL_SIZES,
    QUICK_DATABASE_URL,
    QUICK_SIZES,
    SOAK_NOTE_PREFIX,
    describe,
    ensure_seeded,
    remove_soak_traces,
)
from bench.full import CATALOGUE_PATHS, build_groups  # noqa: E402

OUT = ROOT / "bench" / "out" / "soak.md"


class Unexpected(Exception):
    pass


class Recorder:
    """Latencies (ms) per kind of request and the errors of one client thread."""

    def __init__(self, client: Client):
        self.client = client
        self.latencies: dict[str, list[float]] = {}
        self.errors: list[str] = []

    def call(self, kind: str, method: str, path: str, expect: int, **kwargs):
        started = time.perf_counter()
        try:
            if method == "FORM":
                status, data, response = self.client.post_form(path, kwargs.pop("action"), **kwargs)
            else:
                status, data, response = self.client.request(method, path, **kwargs)
        except (OSError, http.client.HTTPException, RuntimeError) as error:
            self.errors.append(f"{type(error).__name__}: {error} ({method} {path})")
            raise Unexpected from error
        self.latencies.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
        if status != expect:
            self.errors.append(f"{status} (expected {expect}) {method} {path}")
            raise Unexpected
        return data, response


def citizen_round(rec: Recorder, info: dict, number: int, rng: random.Random) -> None:
    offers = info["demo_offers"][:6] + info["generated_offers"]
    rec.call("citizen page", "GET", CATALOGUE_PATHS[number % len(CATALOGUE_PATHS)], 200)
    rec.call("citizen page", "GET", f"/tilbud/{offers[number % len(offers)]}/", 200)
    page, _r = rec.call("citizen page", "GET", "/soknad/", 200)
    inputs = re.findall(rb'<input[^>]*name="service_type"[^>]*>', page)
    values = [re.search(rb'value="(\d+)"', tag) for tag in inputs]
    values = [match.group(1).decode() for match in values if match]
    if not values:
        rec.errors.append("no service types on /soknad/")
        raise Unexpected
    _data, response = rec.call(
        "citizen form",
        "FORM",
        "/soknad/",
        302,
        action="/soknad/",
        fields={"service_type": rng.choice(values), "start_token": str(uuid.uuid4())},
        page_html=page,
    )
    location = response.getheader("Location", "")
    match = re.search(r"/soknad/([0-9a-f-]{36})/([\w-]+)/", location)
    if not match:
        rec.errors.append(f"draft redirect to {location!r}")
        raise Unexpected
    key = match.group(1)
    step = match.group(0)
    page, _r = rec.call("citizen page", "GET", step, 200)
    rec.call(
        "citizen form", "FORM", step, 302, action=step, fields={"on_behalf": "no"}, page_html=page
    )
    rec.call("citizen page", "GET", "/mine-soknader/", 200)
    confirm = f"/soknad/{key}/slett/"
    page, _r = rec.call("citizen page", "GET", confirm, 200)
    rec.call(
        "citizen form",
        "FORM",
        confirm,
        302,
        action=f"/soknad/{key}/slett/bekreft/",
        fields={},
        page_html=page,
    )


def caseworker_round(rec: Recorder, info: dict, number: int, rng: random.Random) -> None:
    groups = build_groups(info)
    queue_paths, _s = groups["queue"]
    cases, _s = groups["case page"]
    letters, _s = groups["letter PDF"]
    rec.call("caseworker page", "GET", queue_paths[number % len(queue_paths)], 200)
    case = cases[number % len(cases)]
    page, _r = rec.call("caseworker page", "GET", case, 200)
    if number % 4 == 0:
        rec.call(
            "caseworker form",
            "FORM",
            case,
            302,
            action=f"{case}notat/",
            fields={"note-body": f"{SOAK_NOTE_PREFIX} {number}: ringte pårørende, venter på svar."},
            page_html=page,
        )
    if letters and number % 3 == 0:
        rec.call("caseworker page", "GET", letters[number % len(letters)], 200)


def _clients_process(role, port, info, count, seconds, think, barrier, results) -> None:
    accounts = info["citizens"] if role == "citizen" else [info["caseworker"]]
    round_ = citizen_round if role == "citizen" else caseworker_round
    recorders: list[Recorder] = []
    setup_errors = []
    for n in range(count):
        client = Client(port)
        try:
            client.log_in(accounts[n % len(accounts)], info["password"])
        except SystemExit as error:
            setup_errors.append(str(error))
        recorders.append(Recorder(client))
    barrier.wait(timeout=300)
    deadline = time.monotonic() + seconds

    def work(n: int, rec: Recorder) -> None:
        rng = random.Random(n)
        number = n * 5
        time.sleep(rng.uniform(0, think * 2))  # spread the clients' starts
        while time.monotonic() < deadline:
            try:
                round_(rec, info, number, rng)
            except Unexpected:
                time.sleep(think)
            number += 1
            time.sleep(rng.uniform(0, think * 2))
        rec.client.close()

    threads = [threading.Thread(target=work, args=(n, rec)) for n, rec in enumerate(recorders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies: dict[str, list[float]] = {}
    for rec in recorders:
        for kind, values in rec.latencies.items():
            latencies.setdefault(kind, []).extend(values)
    errors = setup_errors + [e for rec in recorders for e in rec.errors]
    results.put({"latencies": latencies, "errors": errors})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--quick", action="store_true", help="use the small --quick database")
    parser.add_argument("--citizens", type=int, default=8, help="concurrent citizen clients")
    parser.add_argument("--caseworkers", type=int, default=4, help="concurrent caseworkers")
    parser.add_argument(
        "--think", type=float, default=0.25, help="mean pause between a client's requests (s)"
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--write", action="store_true", help="also replace the soak section of bench/RESULTS.md"
    )
    options = parser.parse_args()

    url = QUICK_DATABASE_URL if options.quick else FULL_DATABASE_URL
    ensure_seeded(url, QUICK_SIZES if options.quick else FULL_SIZES)
    info = describe(url)
    seconds = options.minutes * 60
    context = multiprocessing.get_context("fork")

    with (
        collected_static(bench_env(url)) as (env, _static_seconds),
        Gunicorn(env, workers=options.workers) as server,
    ):
        pids = server.worker_pids()
        barrier = context.Barrier(3)
        results = context.Queue()
        processes = [
            context.Process(
                target=_clients_process,
                args=(role, server.port, info, count, seconds, options.think, barrier, results),
            )
            for role, count in (
                ("citizen", options.citizens),
                ("caseworker", options.caseworkers),
            )
        ]
        for process in processes:
            process.start()
        barrier.wait(timeout=300)  # every client has logged in
        rss_start = {pid: rss_mib(pid) for pid in pids}
        started = time.perf_counter()
        print(f"Soaking for {options.minutes:g} min …", flush=True)
        peaks = dict(rss_start)
        rss_half: dict = {}  # the first sample at or after half time
        parts = []
        while len(parts) < len(processes):
            try:
                parts.append(results.get(timeout=15))
            except queue.Empty:  # sample memory, wait on
                for pid in pids:
                    value = rss_mib(pid)
                    if value is not None:
                        peaks[pid] = max(peaks.get(pid) or 0, value)
                elapsed = time.perf_counter() - started
                if not rss_half and elapsed >= seconds / 2:
                    rss_half = {pid: rss_mib(pid) for pid in pids}
                if elapsed > seconds + 600:
                    raise SystemExit("the load generator did not finish") from None
                print(f"  {elapsed / 60:.1f} min", flush=True)
        wall = time.perf_counter() - started
        for process in processes:
            process.join(timeout=30)
        pids_end = server.worker_pids()
        rss_end = {pid: rss_mib(pid) for pid in pids}
        for pid, value in rss_end.items():
            if value is not None:
                peaks[pid] = max(peaks.get(pid) or 0, value)

    remove_soak_traces(url)  # the notes must not slow later measurements of case pages
    latencies: dict[str, list[float]] = {}
    for part in parts:
        for kind, values in part["latencies"].items():
            latencies.setdefault(kind, []).extend(values)
    errors = [e for part in parts for e in part["errors"]]
    text = report(
        options, info, wall, latencies, errors, pids, pids_end, rss_start, rss_half, rss_end, peaks
    )
    print()
    print(text)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(text + "\n")
    if options.write:
        write_section("soak", text)
        print("\nWrote bench/RESULTS.md")
    else:
        print(f"\nSaved {OUT.relative_to(ROOT)} (for bench/RESULTS.md, between the soak markers)")
    if errors:
        raise SystemExit(1)


def report(
    options, info, wall, latencies, errors, pids, pids_end, rss_start, rss_half, rss_end, peaks
):
    total = sum(len(v) for v in latencies.values())
    command = (
        "cd /work/main && .venv/bin/python bench/soak.py"
        + (f" --minutes {options.minutes:g}" if options.minutes != 10 else "")
        + (" --quick" if options.quick else "")
    )

    def mib(value):
        return "–" if value is None else f"{value:.1f} MiB"

    lines = [
        f"## Soak: {options.minutes:g} minute{'' if options.minutes == 1 else 's'} of mixed "
        "citizen and caseworker traffic",
        "",
        f"Repeat: `{command}`.",
        "",
        f"- Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} CPU cores, PostgreSQL, gunicorn {options.workers} sync "
        "workers on loopback, DEBUG off, `bench/settings_bench.py`.",
        f"- Data: {info['offers']:,} published offers, {info['applications']:,} submitted applications"
        + (" (the small --quick database)" if options.quick else "")
        + ".",
        f"- Load: {options.citizens} citizens (catalogue search and filters, an offer page, start an "
        "application, answer the first step, /mine-soknader/, delete the draft) and "
        f"{options.caseworkers} caseworkers (queue, case pages, an internal note on every fourth "
        f"case, a decision letter now and then), each logged in once, {options.think:g} s mean "
        "pause between a client's requests.",
        f"- Served: **{total:,} requests** in {wall / 60:.1f} min ({total / wall:.0f} req/s); "
        f"**{len(errors)} errors** (zero expected: {'met' if not errors else 'NOT met'}).",
        "",
        "| requests | count | p50 | p95 | p99 | max |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in sorted(latencies):
        row = summarise(latencies[kind], wall)
        lines.append(
            f"| {kind} | {row['requests']:,} | {ms(row['p50'])} | {ms(row['p95'])} "
            f"| {ms(row['p99'])} | {ms(row['max'])} |"
        )
    lines += [
        "",
        "Memory of each gunicorn worker (RSS"
        + (", psutil" if _has_psutil() else ", /proc/<pid>/status VmRSS")
        + "):",
        "",
        "| worker pid | at the start (after the log-ins) | at half time | at the end "
        "| growth, first half | growth, second half | peak (sampled every 15 s) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]

    def growth(before, after):
        return f"{after - before:+.1f} MiB" if before is not None and after is not None else "–"

    for pid in pids:
        start, half, end = rss_start.get(pid), rss_half.get(pid), rss_end.get(pid)
        lines.append(
            f"| {pid} | {mib(start)} | {mib(half)} | {mib(end)} | {growth(start, half)} "
            f"| {growth(half, end)} | {mib(peaks.get(pid))} |"
        )
    lines += [
        "",
        "Flat means the second half adds (close to) nothing: the first minutes fill the "
        "bounded per-process caches (page and fragment cache entries, rendered form HTML, "
        "WeasyPrint's fonts).",
    ]
    if sorted(pids) != sorted(pids_end):
        lines += ["", f"Workers changed during the run (restarted?): {pids} → {pids_end}."]
    else:
        lines += ["", "No worker was restarted during the run."]
    if errors:
        lines += ["", "Errors (first 10): " + "; ".join(errors[:10])]
    return "\n".join(lines)


def _has_psutil() -> bool:
    try:
        import psutil  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    main()
