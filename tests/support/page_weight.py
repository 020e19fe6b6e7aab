"""Weighing a page with everything it references, as a first-time visitor's browser
would fetch it with ``Accept-Encoding: gzip, br``: the pages, the budget and ``weigh``.
tests/test_page_weight.py weighs through Django's test client, bench/page_weight.py
over HTTP against gunicorn."""

import gzip
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

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
