"""CPU and queries per staff request, measured in-process on the database of
bench/casework.py (for a shared machine, where wall-clock load runs are not to be trusted).

    .venv/bin/python bench/staff_cpu.py                    # the 21 URLs of bench/casework.py
    .venv/bin/python bench/staff_cpu.py --repeat 40        # more requests per URL
    .venv/bin/python bench/staff_cpu.py --group case       # one URL group only
    .venv/bin/python bench/staff_cpu.py --profile case     # cProfile (CPU time) over one URL group

Needs a database seeded by bench/casework.py (``bench_casework`` unless
BENCH_CASEWORK_DATABASE_URL says otherwise; seeding alone:
``manage.py shell -c "from bench.casework import seed; seed(200000)"`` on a migrated,
empty database). Settings ``portal.settings`` with DEBUG off, as bench/casework.py serves
them. Django's test client, logged in as the bench's caseworker (``force_login``), asks
for each URL ``--warmup`` times and then ``--repeat`` times, and reports per URL the
median of:

- app CPU: ``time.process_time()`` of this process around the request (the view,
  middleware, templates, the database driver; not the database server);
- DB CPU: user + system CPU of the PostgreSQL backend serving this connection, read from
  /proc (so only with PostgreSQL on the same machine, read as a user who may read it);
- queries: the number of queries of one more request (CaptureQueriesContext, counted in
  a separate request, as capturing costs CPU itself).

Every staff request writes an access-log entry, as in production.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_casework"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_CASEWORK_DATABASE_URL", DEFAULT_DATABASE_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DJANGO_ENV", "development")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.casework import CASEWORKER_EMAIL, build_paths, describe  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
GROUPS = ("queue", "case", "letter download")


def backend_cpu(pid: int) -> float | None:
    """Seconds of CPU the PostgreSQL backend ``pid`` has used (None if unreadable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def info() -> dict:
    import contextlib
    import io
    import json

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        describe()
    return json.loads(out.getvalue().strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--group", choices=GROUPS, help="measure only this URL group")
    parser.add_argument("--profile", choices=GROUPS)
    options = parser.parse_args()

    client = Client(HTTP_ACCEPT_LANGUAGE="nb", REMOTE_ADDR="127.0.0.1")
    client.force_login(get_user_model().objects.get(email=CASEWORKER_EMAIL))
    paths = [(g, p) for g, p in build_paths(info()) if options.group in (None, g)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]

    if options.profile:
        chosen = [path for group, path in paths if group == options.profile]
        for path in chosen:
            for _ in range(options.warmup):
                client.get(path)
        import cProfile
        import pstats

        cpu = cProfile.Profile(time.process_time)
        cpu.enable()
        for _ in range(options.repeat):
            for path in chosen:
                assert client.get(path).status_code == 200, path
        cpu.disable()
        stats = pstats.Stats(cpu)
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(40)
        return

    rows = []
    for group, path in paths:
        for _ in range(options.warmup):
            assert client.get(path).status_code == 200, path
        app, db = [], []
        for _ in range(options.repeat):
            db_before = backend_cpu(pid)
            started = time.process_time()
            client.get(path)
            app.append((time.process_time() - started) * 1000)
            db_after = backend_cpu(pid)
            if db_before is not None and db_after is not None:
                db.append((db_after - db_before) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        rows.append(
            (group, path, statistics.median(app), statistics.mean(db) if db else None, len(queries))
        )

    print("| URL | app CPU (median) | DB CPU (mean) | queries |")
    print("| --- | ---: | ---: | ---: |")
    for _group, path, app_ms, db_ms, count in rows:
        db_text = f"{db_ms:.1f} ms" if db_ms is not None else "–"
        print(f"| `{path}` | {app_ms:.1f} ms | {db_text} | {count} |")
    print()
    print("| URL group | app CPU (mean of medians) | DB CPU (mean) | queries (max) |")
    print("| --- | ---: | ---: | ---: |")
    for group in GROUPS:
        chosen = [row for row in rows if row[0] == group]
        if not chosen:
            continue
        app_ms = statistics.mean(row[2] for row in chosen)
        dbs = [row[3] for row in chosen if row[3] is not None]
        db_text = f"{statistics.mean(dbs):.1f} ms" if dbs else "–"
        print(f"| {group} | {app_ms:.1f} ms | {db_text} | {max(row[4] for row in chosen)} |")


if __name__ == "__main__":
    main()
