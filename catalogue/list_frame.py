"""The page around /tilbud/'s filters and results (base.html, header, footer, title),
written once per process and language for anonymous visitors.

A search is a new address nearly every time, so the page cache (catalogue.page_cache)
does not answer it, and writing the page around the list through the template engine
cost as much CPU as finding the results. For a page the page cache may store (no
logged-in user, no flash message: ``page_cache.cacheable``), that page depends on
nothing but the language and the four values put in here, so it is rendered once with
marks in their places, filled in on each request (portal.html_marks):

- the list body (our own HTML);
- the search text in the title, escaped as the template escapes it (whether there is
  one changes the title, so there are two frames per language);
- the address the language switcher brings the visitor back to, escaped;
- the CSRF token (the page cache's placeholder, replaced with the visitor's own).
"""

import threading

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.html_marks import Marks

TEMPLATE = "catalogue/offer_list.html"
_MARKS = Marks("list")

_frames: dict[tuple[str, bool], str] = {}
_lock = threading.Lock()


def _frame(request: HttpRequest, language: str, with_query: bool) -> str:
    found = _frames.get((language, with_query))
    if found is None:
        found = render_to_string(
            TEMPLATE,
            {
                "body": mark_safe(_MARKS("body")),  # noqa: S308 - letters, digits, dashes
                "query": _MARKS("query") if with_query else "",
                "current_path": _MARKS("path"),
                "csrf_token": _MARKS("csrf"),
            },
            request=request,
        )
        with _lock:
            _frames[(language, with_query)] = found
    return found


def render(
    request: HttpRequest, *, body: str, query: str, current_path: str, csrf_token: str
) -> str:
    """The whole page for an anonymous visitor (``page_cache.cacheable``)."""
    values = {
        "body": body,
        "query": escape(query),
        "path": escape(current_path),
        "csrf": csrf_token,
    }
    frame = _frame(request, get_language() or "", bool(query))
    return _MARKS.fill(frame, values)
