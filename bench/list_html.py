"""Does /tilbud/ still give the same HTML? Saves the pages of a fixed set of searches (the
random searches of bench/catalogue.py --searches, with a few edge cases) in bokmål,
nynorsk and English, to compare two versions of the code on the same database.

    DATABASE_URL=… .venv/bin/python bench/list_html.py /tmp/before.json   # in one checkout
    DATABASE_URL=… .venv/bin/python bench/list_html.py /tmp/after.json    # in the other
    .venv/bin/python bench/list_html.py --compare /tmp/before.json /tmp/after.json

In-process (Django's test client, the whole middleware stack), on the database of
DATABASE_URL (seed it with bench/catalogue.py). The CSRF tokens, new on every response,
are blanked.
"""

import argparse
import contextlib
import difflib
import io
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDGE_CASES = [
    "/tilbud/",
    "/tilbud/?side=3",
    "/tilbud/?side=99999",
    "/tilbud/?q=xyzzy",
    "/tilbud/?q=og+i+p%C3%A5",
    "/tilbud/?q=turgruppe&side=2",
    "/tilbud/?dag=tirsdag&kategori=ukjent&gratis=kanskje",
    "/tilbud/?sortering=oppdatert&side=5",
]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def save(path: str, count: int) -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_ENV", "development")
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.test import Client

    from bench.catalogue import print_vocabulary, search_urls

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        print_vocabulary()
    vocabulary = json.loads(printed.getvalue().strip().splitlines()[-1])
    urls = search_urls(vocabulary, count, seed=99) + EDGE_CASES
    pages = {}
    for language in ("nb", "nn", "en"):
        client = Client()
        client.cookies["django_language"] = language
        for url in urls:
            response = client.get(url)
            html = TOKEN.sub('name="csrfmiddlewaretoken" value=""', response.content.decode())
            pages[f"{language} {url}"] = f"{response.status_code}\n{html}"
    Path(path).write_text(json.dumps(pages))
    print(f"Saved {len(pages)} pages in {path}")


def compare(first: str, second: str) -> int:
    a, b = json.loads(Path(first).read_text()), json.loads(Path(second).read_text())
    different = [key for key in a if a[key] != b.get(key)]
    missing = [key for key in b if key not in a]
    print(f"{len(a)} pages, {len(different)} different, {len(missing)} only in {second}")
    for key in different[:3]:
        print(f"--- {key}")
        diff = difflib.unified_diff(a[key].splitlines(True), b[key].splitlines(True), n=1)
        print("".join(list(diff)[:40]))
    return 1 if different or missing else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--compare", action="store_true", help="compare two saved files")
    parser.add_argument("--count", type=int, default=300, help="random searches (default 300)")
    options = parser.parse_args()
    if options.compare:
        if len(options.paths) != 2:
            parser.error("--compare takes two files")
        raise SystemExit(compare(*options.paths))
    save(options.paths[0], options.count)


if __name__ == "__main__":
    main()
