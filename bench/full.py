"""The whole performance measurement in one command (issue #6).

    .venv/bin/python bench/full.py            # seed, measure, write bench/RESULTS.md (~15 min)
    .venv/bin/python bench/full.py --reuse    # keep the seeded database
    .venv/bin/python bench/full.py --quick    # smoke run: tiny data, short runs, prints only

Seeds one PostgreSQL database (``bench_full``; BENCH_FULL_DATABASE_URL) with 10,000
offers and 200,000 applications (bench/data.py, reusing the seeding of
bench/catalogue.py and bench/casework.py), collects the static files as in production
into a temporary folder and serves the portal with gunicorn (4 sync workers, DEBUG off,
bench/settings_bench.py) on loopback. A load generator on loopback (a few processes,
each running client threads; bench/common.py) then loads each URL group on its own at
1, 10 and 25 concurrent clients:

- bare: ``/__bench__/bare/``, a view with no database, session or template — the
  ceiling of framework + middleware + gunicorn on this machine;
- catalogue: /tilbud/ with filters and search, as deployed (rendered HTML cached) and,
  on a second gunicorn with the cache off, uncached;
- offer page, API (anonymous);
- queue, case page, decision-letter PDF download (logged-in caseworker sessions).

Also: the letter rendering timed in-process (bench/casework.py's ``time_render``), the
search recall of tests/catalogue/search_queries.py against the bench data, and the
page weight of the citizen pages (bench/page_weight.py). Goals are stated met/not met.
"""

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import page_weight  # noqa: E402
from bench.common import (  # noqa: E402
    Gunicorn,
    bench_env,
    collected_static,
    last_json,
    load,
    ms,
    sessions,
    shell,
    summarise,
    write_section,
)
from bench.data import (  # noqa: E402
    FULL_DATABASE_URL,
    FULL_SIZES,
    QUICK_DATABASE_URL,
    QUICK_SIZES,
    describe,
    remove_soak_traces,
    seed_database,
)

SECTION = "full"
LEVELS = (1, 10, 25)
CITIZEN_GROUPS = ("catalogue", "offer page", "API")
STAFF_GROUPS = ("queue", "case page")
CATALOGUE_PATHS = [
    "/tilbud/",
    "/tilbud/?dag=tirsdag&transport=1&gratis=1",
    "/tilbud/?q=dagsenter",
    "/tilbud/?q=turgruppe&bydel=nord",
    "/tilbud/?kategori=sosial&dag=onsdag&side=3",
    "/tilbud/?q=strikkekafe&sortering=navn",
    "/tilbud/?sortering=oppdatert&side=5",
]


def build_groups(info: dict) -> dict[str, tuple[list[str], bool]]:
    """Group name → (paths, needs a caseworker session)."""
    t, d = info["service_types"], info["districts"]
    district = next(iter(d.values()))
    offers = info["demo_offers"][:3] + info["generated_offers"][:3]
    return {
        "bare": (["/__bench__/bare/"], False),
        "catalogue": (CATALOGUE_PATHS, False),
        "offer page": ([f"/tilbud/{slug}/" for slug in offers], False),
        "API": (
            [
                "/api/v1/services/?per_page=50&page=3",
                "/api/v1/services/",
                f"/api/v1/services/{info['api_service']}/",
                "/api/v1/organizations/",
                "/api/v1/locations/?per_page=20",
            ],
            False,
        ),
        "queue": (
            [
                "/saksbehandling/",
                "/saksbehandling/?status=received",
                f"/saksbehandling/?service_type={t['dagaktivitet']}&district={district}",
                "/saksbehandling/?assigned=me",
                "/saksbehandling/?assigned=unassigned&overdue=on",
                f"/saksbehandling/?due_soon=on&service_type={t['dagaktivitet-demens']}",
                f"/saksbehandling/?q={info['name']}",
                f"/saksbehandling/?q={info['reference_prefix']}12",
                "/saksbehandling/?needs_preliminary=on",
            ],
            True,
        ),
        "case page": ([f"/saksbehandling/{ref}/" for ref in info["cases"]], True),
        "letter PDF": (info["letters"][:3], True),
    }


def measure_groups(server, groups, names, *, levels, seconds, warmup, processes, cookies):
    results = {}
    for name in names:
        paths, staff = groups[name]
        if not paths:
            print(f"  {name}: no URLs in this database, skipped", flush=True)
            continue
        session_cookies = cookies if staff else None
        load(server.port, paths, clients=4, seconds=warmup, cookies=session_cookies, processes=2)
        for clients in levels:
            result = load(
                server.port,
                paths,
                clients=clients,
                seconds=seconds,
                cookies=session_cookies,
                processes=processes,
            )
            results[(name, clients)] = result
            print(
                f"  {name:<22} {clients:>2} clients: p50 {ms(result['p50'])}, p95 {ms(result['p95'])}, "
                f"p99 {ms(result['p99'])}, {result['rps']:.0f} req/s, {len(result['errors'])} errors",
                flush=True,
            )
    return results


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**NOT met**"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep the seeded database")
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: tiny data, short runs, never writes"
    )
    parser.add_argument("--seconds", type=float, help="length of each measured run (default 20)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--processes", type=int, default=4, help="load-generator processes (threads inside)"
    )
    parser.add_argument("--renders", type=int, default=20, help="in-process letter renders")
    parser.add_argument("--no-write", action="store_true", help="leave bench/RESULTS.md alone")
    options = parser.parse_args()

    quick = options.quick
    url = QUICK_DATABASE_URL if quick else FULL_DATABASE_URL
    sizes = QUICK_SIZES if quick else FULL_SIZES
    seconds = options.seconds or (1.5 if quick else 20)
    warmup = 0.5 if quick else 5
    renders = 3 if quick else options.renders
    started_all = time.perf_counter()

    seed_seconds = None
    if not options.reuse:
        seed_seconds = seed_database(url, **sizes)
    else:
        remove_soak_traces(url)
    info = describe(url)
    groups = build_groups(info)

    print("Search recall …", flush=True)
    recall = last_json(
        shell(
            "from bench.data import print_search_recall; print_search_recall()",
            bench_env(url, "portal.settings"),
        )
    )
    print(f"  recall {recall['recall']:.3f} over {recall['queries']} queries", flush=True)

    measure_options = {
        "levels": LEVELS,
        "seconds": seconds,
        "warmup": warmup,
        "processes": options.processes,
    }
    with collected_static(bench_env(url)) as (static_env, static_seconds):
        print(f"collectstatic into a temporary STATIC_ROOT: {static_seconds:.1f} s", flush=True)
        # Letters are rendered once, when a decision is issued, then frozen and only
        # downloaded; time the rendering in-process with the production static files.
        print("Letter rendering in-process …", flush=True)
        render_code = f"from bench.casework import time_render; time_render({renders})"
        render = summarise(last_json(shell(render_code, static_env))["timings"], 0)
        print(f"  p50 {ms(render['p50'])}, p95 {ms(render['p95'])}", flush=True)
        with Gunicorn(static_env, workers=options.workers) as server:
            print("Page weight …", flush=True)
            citizen = sessions(server.port, info["citizens"][0], info["password"], 1)[0]
            weights = page_weight.measure(server.port, citizen, offer=info["demo_offers"][0])
            for page in weights:
                print(f"  {page.label}: {page_weight.kb(page.total)}", flush=True)
            print(f"Load, {seconds:g} s per run …", flush=True)
            cookies = sessions(server.port, info["caseworker"], info["password"], max(LEVELS))
            results = measure_groups(
                server, groups, list(groups), cookies=cookies, **measure_options
            )
        print("Catalogue with the cache off …", flush=True)
        with Gunicorn({**static_env, "BENCH_CACHE_OFF": "1"}, workers=options.workers) as server:
            uncached = measure_groups(
                server, groups, ["catalogue"], cookies=None, **measure_options
            )
    results.update({("catalogue (cache off)", c): r for (_n, c), r in uncached.items()})
    total_seconds = time.perf_counter() - started_all

    text = render_report(
        options,
        quick,
        info,
        sizes,
        seed_seconds,
        seconds,
        results,
        render,
        recall,
        weights,
        total_seconds,
    )
    print()
    print(text)
    if not quick and not options.no_write:
        write_section(SECTION, text)
        print("\nWrote bench/RESULTS.md")


def render_report(
    options, quick, info, sizes, seed_seconds, seconds, results, render, recall, weights, total
) -> str:
    names = []
    for name, _clients in results:
        if name not in names:
            names.append(name)
    ten = {name: results.get((name, 10)) for name in names}
    errors = [e for r in results.values() for e in r["errors"]]

    def peak(name: str) -> float:
        return max((r["rps"] for (n, _c), r in results.items() if n == name), default=0.0)

    bare_peak = peak("bare")
    command = "cd /work/main && .venv/bin/python bench/full.py" + (" --quick" if quick else "")
    lines = [
        "## Full run: every page group at 1, 10 and 25 clients, page weight, search recall",
        "",
        f"Repeat: `{command}` (`--reuse` skips seeding; about {total / 60:.0f} minutes this time).",
        "",
        f"- Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} CPU cores, PostgreSQL, gunicorn {options.workers} sync "
        "workers on loopback, DEBUG off, `bench/settings_bench.py` (the portal's settings, static files "
        "hashed and compressed by whitenoise as in production, plus the bare view).",
        f"- Data: {info['offers']:,} published offers, {info['applications']:,} submitted applications"
        + (f" (seeded in {seed_seconds:.0f} s)" if seed_seconds else "")
        + f"{' — QUICK SMOKE RUN, tiny data' if quick else ''}.",
        f"- Load: each group alone, {seconds:g} s per run after a warm-up; clients send the next request as "
        f"soon as the previous one is answered (closed loop). Load generator: {options.processes} processes "
        "with client threads (http.client), on the same two cores as gunicorn and PostgreSQL. Staff groups "
        "use caseworker sessions logged in through /konto/logg-inn/; every staff request writes an "
        f"access-log entry, as in production. {len(errors)} errors.",
        "",
        "| group | clients | p50 | p95 | p99 | max | req/s | generator CPU |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for (name, clients), r in results.items():
        lines.append(
            f"| {name} | {clients} | {ms(r['p50'])} | {ms(r['p95'])} | {ms(r['p99'])} | {ms(r['max'])} "
            f"| {r['rps']:.0f} | {100 * r['generator_cpu'] / r['seconds']:.0f} % |"
        )
    lines += [
        "",
        "Generator CPU: the load generator's own CPU time as a share of one core during the run.",
        "",
        "Catalogue throughput against the bare-view ceiling:",
        "",
        "| clients | bare req/s | catalogue (cached) | ratio | catalogue (cache off) | ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for clients in LEVELS:
        bare = results.get(("bare", clients))
        cached = results.get(("catalogue", clients))
        cold = results.get(("catalogue (cache off)", clients))
        if not bare or not cached:
            continue
        cold_text = (
            f"{cold['rps']:.0f} | {100 * cold['rps'] / bare['rps']:.0f} %" if cold else "– | –"
        )
        lines.append(
            f"| {clients} | {bare['rps']:.0f} | {cached['rps']:.0f} | "
            f"{100 * cached['rps'] / bare['rps']:.0f} % | {cold_text} |"
        )

    def p95_ok(name: str, limit: float) -> bool:
        row = ten.get(name)
        return bool(row) and row["p95"] <= limit and not row["errors"]

    citizen_ok = all(p95_ok(n, 100) for n in CITIZEN_GROUPS)
    staff_ok = all(p95_ok(n, 150) for n in STAFF_GROUPS)
    letter_ok = p95_ok("letter PDF", 1000) and render["p95"] <= 1000
    ratio = peak("catalogue") / bare_peak if bare_peak else 0
    ratio_cold = peak("catalogue (cache off)") / bare_peak if bare_peak else 0
    pages_ok = all(page.ok for page in weights)

    def p95s(names_: tuple[str, ...]) -> str:
        return ", ".join(f"{n} {ms(ten[n]['p95'])}" for n in names_ if ten.get(n))

    lines += [
        "",
        "Goals:",
        "",
        f"- Citizen pages p95 ≤ 100 ms at 10 clients: {verdict(citizen_ok)} ({p95s(CITIZEN_GROUPS)}; "
        f"catalogue with the cache off {ms(ten['catalogue (cache off)']['p95']) if ten.get('catalogue (cache off)') else '–'}).",
        f"- Staff pages p95 ≤ 150 ms at 10 clients: {verdict(staff_ok)} ({p95s(STAFF_GROUPS)}).",
        f"- Letter PDF p95 ≤ 1 s: {verdict(letter_ok)} (download of a frozen letter at 10 clients "
        f"{ms(ten['letter PDF']['p95']) if ten.get('letter PDF') else '–'}; rendering in-process, "
        f"{render['requests']} renders, p50 {ms(render['p50'])}, p95 {ms(render['p95'])}).",
        f"- Catalogue throughput ≥ 50 % of the bare-view ceiling (peak req/s over the three levels): "
        f"{verdict(ratio >= 0.5)} as deployed ({100 * ratio:.0f} %); "
        f"{'met' if ratio_cold >= 0.5 else 'not met'} with the cache off ({100 * ratio_cold:.0f} %).",
        f"- Page weight ≤ 150 KB per citizen page, nothing from other origins: {verdict(pages_ok)}.",
        "",
        f"Search recall beside the speed: **{recall['recall']:.3f}** over {recall['queries']} realistic "
        f"queries ({recall['expected']} expected hits; the query set of tests/catalogue/search_queries.py) "
        f"against this database; one search takes {ms(recall['median_ms'])} median, {ms(recall['max_ms'])} "
        "at most, in-process.",
    ]
    if recall["misses"]:
        lines.append("Misses: " + "; ".join(recall["misses"]) + ".")
    lines += [
        "",
        "Page weight (first visit, empty cache, `Accept-Encoding: gzip, br`, response bodies as sent):",
        "",
        page_weight.report(weights),
        "",
        "The machine is shared with other work, so figures vary between runs; the load",
        "generator, gunicorn and PostgreSQL share the same two cores.",
    ]
    if errors:
        lines += ["", "Errors (first 10): " + "; ".join(errors[:10])]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
