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
the same budget through Django's test client with ``weigh``.
"""

import argparse
import gzip
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BUDGET_BYTES = 150 * 1024
ACCEPT_ENCODING = "gzip, br"

# (label, path, needs a logged-in citizen). {offer} is filled in from the database.
PAGES = [
    ("front page", "/", False),
    ("catalogue", "/tilbud/", False),
    ("offer page", "/tilbud/{offer}/", False),
    ("guide", "/tilbud/finn/", False),
    ("apply: start", "/soknad/", True),
    ("my applications", "/mine-soknader/", True),
]
DEFAULT_OFFER = "solsikken-dagsenter-demens"


# --------------------------------------------------------------------------- parsing


class _AssetParser(HTMLParser):
    """Collects the URLs a browser fetches to show the page (not links it may follow)."""

    LINK_RELS = {
        "stylesheet",
        "icon",
        "shortcut",
        "apple-touch-icon",
        "preload",
        "modulepreload",
        "manifest",
    }
    # Tags whose src a browser fetches (input only as type=image; others have no src).
    SRC_TAGS = {"script", "img", "iframe", "embed", "audio", "video", "track", "input"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.inline_styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link":
            rels = set((attributes.get("rel") or "").lower().split())
            if rels & self.LINK_RELS and attributes.get("href"):
                self.urls.append(attributes["href"])
        elif tag in self.SRC_TAGS and attributes.get("src"):
            self.urls.append(attributes["src"])
        elif tag == "object" and attributes.get("data"):
            self.urls.append(attributes["data"])
        if tag in ("img", "source") and attributes.get("srcset"):
            self.urls += [
                part.strip().split()[0] for part in attributes["srcset"].split(",") if part.strip()
            ]
        if tag == "video" and attributes.get("poster"):
            self.urls.append(attributes["poster"])
        if attributes.get("style"):
            self.inline_styles.append(attributes["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.inline_styles.append(data)


CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]+)"|'([^']+)')""", re.I)


def html_assets(html: str) -> list[str]:
    parser = _AssetParser()
    parser.feed(html)
    urls = list(parser.urls)
    for style in parser.inline_styles:
        urls += css_assets(style)
    return urls


def css_assets(css: str) -> list[str]:
    urls = []
    for pattern in (CSS_URL, CSS_IMPORT):
        for match in pattern.finditer(css):
            url = next(group for group in match.groups() if group is not None).strip()
            if url and not url.startswith(("data:", "#")):
                urls.append(url)
    return urls


def decode(body: bytes, encoding: str) -> bytes:
    encoding = (encoding or "").lower()
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "br":
        import brotli

        return brotli.decompress(body)
    return body


# --------------------------------------------------------------------------- weighing


@dataclass
class Fetched:
    status: int
    content_type: str
    encoding: str
    body: bytes  # as sent


@dataclass
class PageWeight:
    label: str
    path: str
    status: int = 0
    html_bytes: int = 0
    html_gzip_bytes: int = 0
    files: list[tuple[str, int, str]] = field(default_factory=list)  # (url, bytes sent, encoding)
    third_party: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.html_bytes + sum(size for _url, size, _e in self.files)

    @property
    def ok(self) -> bool:
        return self.total <= BUDGET_BYTES and not self.third_party and not self.problems


def weigh(label: str, path: str, fetch, origin: str) -> PageWeight:
    """Weigh one page. ``fetch(path)`` returns a Fetched for a same-origin path (with
    query); ``origin`` is the page's scheme://host[:port]."""
    result = PageWeight(label, path)
    page = fetch(path)
    result.status = page.status
    if page.status != 200:
        result.problems.append(f"{path}: HTTP {page.status}")
        return result
    html = decode(page.body, page.encoding)
    result.html_bytes = len(page.body)
    result.html_gzip_bytes = len(gzip.compress(html, 6))
    page_url = origin + path
    queue = [urljoin(page_url, url) for url in html_assets(html.decode("utf-8", "replace"))]
    seen: set[str] = set()
    while queue:
        url = queue.pop(0)
        url = url.split("#", 1)[0]
        if url in seen:
            continue
        seen.add(url)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            result.third_party.append(url)
            continue
        local = parts.path + (f"?{parts.query}" if parts.query else "")
        response = fetch(local)
        if response.status != 200:
            result.problems.append(f"{local}: HTTP {response.status}")
            continue
        result.files.append((local, len(response.body), response.encoding or "identity"))
        if "css" in response.content_type:
            css = decode(response.body, response.encoding).decode("utf-8", "replace")
            queue += [urljoin(url, ref) for ref in css_assets(css)]
    return result


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
