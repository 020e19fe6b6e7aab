"""Page weight of the citizen pages, served as in production.

    .venv/bin/python bench/page_weight.py            # on the bench database (seeded if missing)
    .venv/bin/python bench/page_weight.py --quick    # on the small --quick database

Runs ``collectstatic`` into a temporary STATIC_ROOT (hashed names, gzip and brotli
variants by whitenoise's CompressedManifestStaticFilesStorage), serves the portal with
gunicorn on loopback (bench/settings_bench.py) and, for each citizen page, fetches the
HTML and every file it references — stylesheets, scripts, icons, images, and what the
stylesheets reference through ``url()`` and ``@import`` — with
``Accept-Encoding: gzip, br``, as a first-time visitor with an empty cache would.
Counts the response bodies as sent (compressed where the server compresses) and fails
a page that references anything on another origin. Goal: ≤ 150 KB per page.

bench/full.py calls ``measure`` with its own gunicorn; tests/test_page_weight.py checks
the same budget through Django's test client. Both weigh with tests/support/page_weight.py.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.page_weight import (  # noqa: E402
    ACCEPT_ENCODING,
    DEFAULT_OFFER,
    PAGES,
    Fetched,
    PageWeight,
    weigh,
)


def http_fetcher(port: int, cookies: dict | None = None):
    """``fetch`` for weigh() over HTTP to 127.0.0.1:port with a browser's headers."""
    from bench.common import Client

    client = Client(port, cookies)

    def fetch(path: str) -> Fetched:
        status, body, response = client.request(
            "GET", path, headers={"Accept-Encoding": ACCEPT_ENCODING}
        )
        return Fetched(
            status,
            response.getheader("Content-Type", ""),
            response.getheader("Content-Encoding", ""),
            body,
        )

    return fetch


def measure(port: int, citizen_cookies: dict, offer: str = DEFAULT_OFFER) -> list[PageWeight]:
    """Weigh PAGES on a running server (bench/settings_bench.py, collected static)."""
    origin = f"http://127.0.0.1:{port}"
    results = []
    for label, path, logged_in in PAGES:
        fetch = http_fetcher(port, citizen_cookies if logged_in else None)
        results.append(weigh(label, path.format(offer=offer), fetch, origin))
    return results


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def report(results: list[PageWeight]) -> str:
    lines = [
        "| page | HTML | CSS, JS, fonts, images | files | total | ≤ 150 KB | other origins |",
        "| --- | ---: | ---: | ---: | ---: | :---: | ---: |",
    ]
    for page in results:
        lines.append(
            f"| {page.label} (`{page.path}`) | {kb(page.html_bytes)} "
            f"| {kb(page.total - page.html_bytes)} | {len(page.files)} | **{kb(page.total)}** "
            f"| {'yes' if page.ok else 'NO'} | {len(page.third_party)} |"
        )
    problems = [p for page in results for p in page.problems + page.third_party]
    heaviest = max(results, key=lambda page: page.total) if results else None
    lines += [""]
    if heaviest:
        lines.append(
            "Files of the heaviest page ("
            + heaviest.label
            + "): "
            + ", ".join(f"`{url}` {kb(size)} ({enc})" for url, size, enc in heaviest.files)
            + "."
        )
        lines.append("")
    lines.append(
        "HTML is sent uncompressed by the app (no GZipMiddleware; a front proxy may compress "
        "it): gzipped it would be "
        + ", ".join(f"{page.label} {kb(page.html_gzip_bytes)}" for page in results)
        + "."
    )
    lines += [
        "",
        "The demo offers have no picture. An offer's picture is served as uploaded "
        "(`/tilbud/<slug>/bilde`; no resizing or size limit on `Offer.image`), so one large "
        "photo can take an offer page over the budget on its own.",
    ]
    if problems:
        lines += ["", "Problems: " + "; ".join(problems)]
    return "\n".join(lines)


def main() -> None:
    from bench.common import Gunicorn, bench_env, collected_static, sessions
    from bench.data import (
        FULL_DATABASE_URL,
        FULL_SIZES,
        QUICK_DATABASE_URL,
        QUICK_SIZES,
        describe,
        ensure_seeded,
    )

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="use the small --quick database")
    options = parser.parse_args()
    url = QUICK_DATABASE_URL if options.quick else FULL_DATABASE_URL
    ensure_seeded(url, QUICK_SIZES if options.quick else FULL_SIZES)
    info = describe(url)
    with collected_static(bench_env(url)) as (env, seconds):
        print(f"collectstatic: {seconds:.1f} s", flush=True)
        with Gunicorn(env, workers=2) as server:
            cookies = sessions(server.port, info["citizens"][0], info["password"], 1)[0]
            results = measure(server.port, cookies)
    print(report(results))
    if not all(page.ok for page in results):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
