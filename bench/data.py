"""The benchmark database shared by bench/full.py, bench/page_weight.py and bench/soak.py.

One PostgreSQL database holds both data sets: the casework seed of bench/casework.py
(demo catalogue, service types, two caseworkers, N applications, a few real decisions
with frozen letters), M generated offers (catalogue.demo, as bench/catalogue.py) and a
few citizens who can log in, each with some of the applications.

The functions in the "inside Django" part run through ``manage.py shell -c``.
"""

import json
import os
import time

from bench.common import (
    POSTGRES,
    PYTHON,
    bench_env,
    create_database,
    database_exists,
    last_json,
    run,
    shell,
)

FULL_DATABASE_URL = os.environ.get("BENCH_FULL_DATABASE_URL", f"{POSTGRES}/bench_full")
QUICK_DATABASE_URL = os.environ.get("BENCH_QUICK_DATABASE_URL", f"{POSTGRES}/bench_full_quick")
FULL_SIZES = {"offers": 10_000, "applications": 200_000}
QUICK_SIZES = {"offers": 400, "applications": 3_000}
CITIZEN_EMAIL = "innbygger-{}@bench.example"
CITIZENS = 5
APPLICATIONS_PER_CITIZEN = 4


def seed_database(url: str, *, offers: int, applications: int) -> float:
    """Recreate ``url`` and seed it; returns the seconds the seeding took."""
    env = bench_env(url, "portal.settings")
    print(f"Creating {url} …", flush=True)
    create_database(url)
    run(PYTHON, "manage.py", "migrate", "--verbosity", "0", env=env)
    started = time.perf_counter()
    # bench/casework.py's seed (it loads the demo catalogue itself), then the offers.
    django(f"from bench.casework import seed; seed({applications})", env)
    django(
        f"from catalogue.demo import seed_catalogue; seed_catalogue(offers={offers})",
        env,
    )
    django(f"from bench.data import seed_citizens; seed_citizens({CITIZENS})", env)
    seconds = time.perf_counter() - started
    # Autovacuum would do this soon after a bulk load; do it now for a steady state.
    django("from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')", env)
    print(f"Seeded {offers} offers and {applications} applications in {seconds:.0f} s", flush=True)
    return seconds


def ensure_seeded(url: str, sizes: dict) -> None:
    """Seed ``url`` unless it already holds the bench data."""
    if database_exists(url):
        try:
            if describe(url).get("applications") is not None:
                return
        except Exception as error:  # noqa: BLE001 - any failure means: seed again
            print(f"{url} is not usable ({type(error).__name__}); seeding again", flush=True)
    seed_database(url, **sizes)


def describe(url: str) -> dict:
    return last_json(
        shell(
            "from bench.data import print_description; print_description()",
            bench_env(url, "portal.settings"),
        )
    )


def django(code: str, env: dict) -> None:
    run(PYTHON, "manage.py", "shell", "-c", code, env=env)


SOAK_NOTE_PREFIX = "Soak-notat"


def remove_soak_traces(url: str) -> None:
    """Delete the internal notes the soak test wrote (and their timeline events), so a
    later measurement does not time case pages with a thousand notes on them."""
    django("from bench.data import delete_soak_notes; delete_soak_notes()", bench_env(url))


# --------------------------------------------------------------------------- inside Django


def delete_soak_notes() -> None:
    from referrals.cases.models import ApplicationEvent
    from referrals.casework.models import InternalNote

    notes = InternalNote.objects.filter(body__startswith=SOAK_NOTE_PREFIX)
    applications = set(notes.values_list("application_id", flat=True))
    authors = set(notes.values_list("author_id", flat=True))
    deleted, _ = notes.delete()
    events, _ = ApplicationEvent.objects.filter(
        application_id__in=applications,
        actor_id__in=authors,
        kind=ApplicationEvent.Kind.INTERNAL,
        note="Internt notat lagt til",
    ).delete()
    print(f"Removed {deleted} soak notes and {events} of their timeline events")


def seed_citizens(count: int) -> None:
    """``count`` citizens with the bench password, each the applicant of a few of the
    seeded applications (different statuses), for /mine-soknader/ and the apply flow."""
    from django.contrib.auth import get_user_model

    from bench.casework import PASSWORD
    from referrals.cases.models import Application

    User = get_user_model()
    S = Application.Status
    statuses = [S.RECEIVED, S.UNDER_ASSESSMENT, S.DECIDED, S.AWAITING_INFORMATION]
    for number in range(count):
        user = User.objects.create_user(
            CITIZEN_EMAIL.format(number + 1),
            PASSWORD,
            full_name=f"Bench Innbygger {number + 1}",
            phone="99 00 00 00",
        )
        for index, status in enumerate(statuses[:APPLICATIONS_PER_CITIZEN]):
            pk = (
                Application.objects.filter(status=status)
                .order_by("pk")
                .values_list("pk", flat=True)[number * 7 + index : number * 7 + index + 1]
                .first()
            )
            if pk is not None:
                Application.objects.filter(pk=pk).update(applicant=user)


def print_description() -> None:
    """Print (JSON on the last line) what the load generator needs: accounts, filter
    values, offers, cases, letters."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from bench.casework import CASEWORKER_EMAIL, PASSWORD
    from catalogue.models import District, Offer, ServiceType
    from referrals.cases.models import Application, Decision

    User = get_user_model()
    me = User.objects.get(email=CASEWORKER_EMAIL)
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
        .values_list("reference", flat=True)
    )
    step = max(len(open_cases) // 6, 1)
    sample = Application.objects.filter(service_type__slug="dagaktivitet").order_by("-pk").first()
    published = Offer.objects.published()
    generated = list(
        published.filter(slug__startswith="generert-")
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    demo = list(
        published.exclude(slug__startswith="generert-")
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    info = {
        "applications": Application.objects.filter(submitted_at__isnull=False).count(),
        "offers": published.count(),
        "password": PASSWORD,
        "caseworker": CASEWORKER_EMAIL,
        "citizens": list(
            User.objects.filter(email__endswith="@bench.example", email__startswith="innbygger-")
            .order_by("email")
            .values_list("email", flat=True)
        ),
        "service_types": {t.slug: t.pk for t in ServiceType.objects.all()},
        "districts": {d.slug: d.pk for d in District.objects.order_by("pk")},
        "cases": open_cases[::step][:6] + [d.application.reference for d in decided[:2]],
        "letters": [
            reverse(
                "referrals:case_letter",
                kwargs={"reference": d.application.reference, "decision": d.pk},
            )
            for d in decided
        ],
        "reference_prefix": sample.reference[:8] if sample else "2026-",
        "name": sample.person_name.split()[-1] if sample else "Hansen",
        "demo_offers": demo,
        "generated_offers": generated[:: max(len(generated) // 5, 1)][:5],
        "api_service": published.order_by("pk").values_list("uuid", flat=True).first(),
    }
    print(json.dumps(info))


def print_search_recall() -> None:
    """Recall of tests/catalogue/search_queries.py's query set against this
    database (the demo catalogue plus the generated offers), and how long each search
    takes in-process; JSON on the last line."""
    import statistics

    from catalogue import search
    from catalogue.models import Offer
    from tests.catalogue.search_queries import QUERIES

    expected_total = found_total = 0
    misses = []
    timings = []
    for query, expected in QUERIES:
        started = time.perf_counter()
        found = set(search.search(Offer.objects.published(), query).values_list("slug", flat=True))
        timings.append((time.perf_counter() - started) * 1000)
        hit = expected & found
        expected_total += len(expected)
        found_total += len(hit)
        if hit != expected:
            misses.append(f"{query!r}: missing {sorted(expected - found)}")
    print(
        json.dumps(
            {
                "recall": found_total / expected_total,
                "queries": len(QUERIES),
                "expected": expected_total,
                "misses": misses,
                "median_ms": statistics.median(timings),
                "max_ms": max(timings),
            }
        )
    )
