"""Does catalogue/page_cache.py (the whole-page cache of /tilbud/ for anonymous
visitors) still pay? Times /tilbud/ in-process (Django's test client, the whole
middleware stack) with it and without it.

    .venv/bin/python bench/page_cache.py [--offers 2000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_x .venv/bin/python bench/page_cache.py

Creates a test database (SQLite in memory, or ``test_<name>`` of DATABASE_URL), loads
the demo data plus ``--offers`` generated offers, and requests a list of distinct
/tilbud/ addresses (filter combinations, searches, pages) twice, with the cache the
settings give (LocMem without REDIS_URL) cleared before each setup:

- round 1: every address for the first time (nothing cached: what the cache costs);
- round 2: the same addresses again (what it saves).

"with" is the portal as it is. "without" is the portal without the page cache: every
request takes the path logged-in users take (``page_cache.cacheable`` False), which
still has the results fragment cache (catalogue.views_public._render_list). "no cache"
also swaps the cache for a dummy one (every request queries and renders).
"""

import argparse
import itertools
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

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

from catalogue import page_cache  # noqa: E402
from catalogue.models import Category, District  # noqa: E402

DUMMY = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def addresses() -> list[str]:
    days = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag"]
    categories = list(Category.objects.values_list("slug", flat=True)[:4])
    districts = list(District.objects.values_list("slug", flat=True)[:3])
    urls = ["/tilbud/"]
    for day, category, district in itertools.product(days, categories, districts):
        urls.append(f"/tilbud/?dag={day}&kategori={category}&bydel={district}")
    for word in ["dagsenter", "trening", "kafe", "tur", "strikk", "demens", "musikk", "sosial"]:
        urls.append(f"/tilbud/?q={word}")
    for page in range(2, 12):
        urls.append(f"/tilbud/?side={page}")
        urls.append(f"/tilbud/?sortering=navn&side={page}")
    return urls


def timed_round(client: Client, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url, headers={"accept-language": "nb"})
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def run(urls: list[str]) -> tuple[list[float], list[float]]:
    cache.clear()
    client = Client()
    return timed_round(client, urls), timed_round(client, urls)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=2000)
    options = parser.parse_args()
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("seed_demo", offers=options.offers, stdout=open(os.devnull, "w"))  # noqa: SIM115
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh tables: plans from real statistics
        urls = addresses()
        run(urls[:10])  # warm up the process (templates, imports, statements)
        results = {"with the page cache": run(urls)}
        original = page_cache.cacheable
        page_cache.cacheable = lambda request, params: False
        try:
            results["without (fragment cache only)"] = run(urls)
            with override_settings(CACHES=DUMMY):
                results["no cache at all"] = run(urls)
        finally:
            page_cache.cacheable = original
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(
        f"database: {connection.vendor}; {options.offers} generated offers + demo; "
        f"{len(urls)} distinct /tilbud/ addresses, each requested once per round"
    )
    print("| setup | round 1 (new) median | p95 | round 2 (again) median | p95 | total |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, (first, second) in results.items():
        print(
            f"| {name} | {statistics.median(first):.1f} ms | {p95(first):.1f} ms "
            f"| {statistics.median(second):.1f} ms | {p95(second):.1f} ms "
            f"| {sum(first) + sum(second):.0f} ms |"
        )


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


if __name__ == "__main__":
    main()
