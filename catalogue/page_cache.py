"""Whole-page cache of the public catalogue pages (/tilbud/ and the offer pages) for
anonymous visitors.

Who gets a cached page (``cacheable``): a GET or HEAD from a visitor who is not logged
in and has no flash message waiting. Everyone else gets the page rendered for them and
never stores one. The only per-visitor parts of such a page are handled here:

- The CSRF token (language switcher, shortlist button). A page is rendered with a
  random placeholder in place of the token (``csrf_token`` in the template context
  overrides the context processor's), stored with that placeholder, and every response
  replaces it with ``get_token(request)``: a fresh masked token of this visitor's own
  secret, which also makes CsrfViewMiddleware set the CSRF cookie. A cached page never
  carries another visitor's token.
- Whether the offer is on the visitor's shortlist (kept in the session): part of the
  key of the offer page, so there are two variants of it.

The key is the path, the parameters the view reads (``catalogue.params.canonical`` of
its declared list: sorted, canonicalised, every other parameter left out, so
``?dag=tirsdag&z=1`` shares the page of ``?dag=tirsdag``), the language and the view's
extras. The view renders from those same parameters, so a page never shows anything
its key leaves out: the language switcher's and the shortlist button's ``next`` field
carry the canonical address (``current_path``), not the first visitor's spelling.

The version, stored in each entry and compared on every hit (an entry of another
version is a miss and is overwritten):

- A random *generation* in the cache (``GENERATION_KEY``), replaced by ``bump()``
  whenever something the public pages show is saved or deleted: offers (publish,
  archive, edit), their schedules, exceptions, events, locations, units, the four
  taxonomies, service types and the offers' many-to-many links (signals below,
  connected when the app is ready). It is replaced at once and again when the
  transaction commits, so a page rendered from data read before the commit is never
  stored under the new generation. With Redis (``REDIS_URL``) every app server reads
  the same generation, so a publish shows at once everywhere. A generation missing from
  the cache (flushed, evicted) is created anew, which only makes every page a miss.
- For the list, also the database's ``selectors.catalogue_version()`` (any saved offer
  changes it), read at most once a second per process (``DB_CHECK_SECONDS``) and at once
  when the generation changes. This is what keeps several processes correct with the
  per-process memory cache (no ``REDIS_URL``): a save in one gunicorn worker replaces
  only that worker's generation, and the other workers see the change within a second.
  It also catches changes that send no signal (``QuerySet.update()``, raw SQL) on any
  set-up, within the same second.
- For the offer page, the offer's row is read on every request (one indexed query):
  an offer that is no longer published is a 404 at once, and its ``updated_at`` is in
  the version, so any change to the offer shows at once in every process.

Entries live ``PAGE_SECONDS``: the pages also depend on the date and time (coming events,
this week's opening hours), which no save announces.
"""

import hashlib
import logging
import secrets
import time
from collections.abc import Callable

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.utils.translation import get_language

PAGE_SECONDS = 60
DB_CHECK_SECONDS = 1.0
# Pages whose canonical query is longer are rendered but not stored (they are not links
# anyone shares).
MAX_QUERY_LENGTH = 1000
GENERATION_KEY = "catalogue:pages:generation"

logger = logging.getLogger(__name__)

_clock = time.monotonic  # tests move it on
# (generation it was read under, database version, _clock() when read)
_db_version: tuple[str, str, float] = ("", "", float("-inf"))


def cacheable(request: HttpRequest, params: QueryDict) -> bool:
    """Whether the page for ``request`` may come from (and go into) the page cache:
    nothing user-specific can be on it. ``params``: the parameters the view reads
    (``catalogue.params.canonical``)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if len(params.urlencode()) > MAX_QUERY_LENGTH:
        return False
    if request.user.is_authenticated:
        return False
    # Pending flash messages are shown once, on the next page; len() does not mark
    # them as seen. Without a messages cookie this reads nothing.
    return not len(get_messages(request))


def cache_key(kind: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"catalogue:{kind}:{digest}"


def page_key(request: HttpRequest, params: QueryDict, *extra: str) -> str:
    """The page's key: path, the parameters the view reads, language and extras."""
    return cache_key("page", request.path, params.urlencode(), get_language() or "", *extra)


def current_generation(found: str | None = None) -> str:
    """The cache's current generation; a new one when there is none."""
    generation = found if found is not None else cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        # A dummy cache keeps nothing: a new generation every time, nothing ever hits.
        generation = cache.get(GENERATION_KEY) or secrets.token_hex(8)
    return generation


def list_version(generation: str | None = None) -> str:
    """The generation and the database's catalogue version (re-read at most once a
    second per process, and at once when the generation has changed)."""
    global _db_version
    generation = current_generation(generation)
    seen, version, read_at = _db_version
    now = _clock()
    if seen != generation or now - read_at >= DB_CHECK_SECONDS:
        from catalogue import selectors

        version = selectors.catalogue_version()
        _db_version = (generation, version, now)
    return f"{generation}:{version}"


def generation_of(list_version_: str) -> str:
    """The generation part of a ``list_version()``."""
    return list_version_.partition(":")[0]


def serve(
    request: HttpRequest,
    render: Callable[[str, dict], HttpResponse],
    *,
    params: QueryDict,
    version: Callable[[str], str],
    key_extra: tuple[str, ...] = (),
) -> HttpResponse:
    """The page for a ``cacheable`` request: from the cache when its entry has the
    current version, else ``render(version, {"csrf_token": placeholder})`` stored.

    ``params`` are the parameters the view reads (``catalogue.params.canonical``);
    ``render`` must use only those. ``version(generation)`` gives the current
    version; it is called before anything is read for the page, so a page is never
    stored under a newer version than the data it shows."""
    key = page_key(request, params, *key_extra)
    found = cache.get_many([GENERATION_KEY, key])  # one round trip with Redis
    current = version(current_generation(found.get(GENERATION_KEY)))
    entry = found.get(key)
    if entry is not None and entry[0] == current:
        _version, content_type, body, placeholder = entry
        return HttpResponse(_with_token(request, body, placeholder), content_type=content_type)
    placeholder = secrets.token_hex(32)
    response = render(current, {"csrf_token": placeholder})
    if response.streaming:
        return response
    body = response.content
    if response.status_code == 200 and not response.cookies:
        entry = (current, response["Content-Type"], body, placeholder.encode())
        cache.set(key, entry, PAGE_SECONDS)
    response.content = _with_token(request, body, placeholder.encode())
    return response


def _with_token(request: HttpRequest, body: bytes, placeholder: bytes) -> bytes:
    if placeholder not in body:
        return body
    return body.replace(placeholder, get_token(request).encode())


# --- Invalidation ------------------------------------------------------------------


def bump() -> None:
    """Something the public pages show has changed: a new generation now, and another
    when the transaction commits (see the module's docstring)."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation() -> None:
    # A save must not fail because the cache is away; the database check of the list
    # and the offer row of the offer page still show the change, the rest within
    # PAGE_SECONDS.
    try:
        cache.set(GENERATION_KEY, secrets.token_hex(8), None)
    except Exception:
        logger.warning(
            "Could not start a new generation of the catalogue's page cache", exc_info=True
        )


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata
        return
    if "action" in kwargs and not kwargs["action"].startswith("post_"):
        return
    bump()


def connect_signals() -> None:
    """Called when the app is ready (catalogue.apps) and on import of the public views."""
    from catalogue import models

    senders = [
        models.Offer,
        models.OpeningPeriod,
        models.ScheduleException,
        models.Event,
        models.Location,
        models.Unit,
        models.District,
        models.AccessibilityFeature,
        models.Category,
        models.Language,
        models.ServiceType,
        models.SearchSynonym,  # search results change with the lexicon
    ]
    for sender in senders:
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=sender, dispatch_uid=f"catalogue.page_cache.{sender}")
    for field in (
        models.Offer.locations,
        models.Offer.categories,
        models.Offer.languages,
        models.Location.accessibility,
    ):
        m2m_changed.connect(
            _changed, sender=field.through, dispatch_uid=f"catalogue.page_cache.{field.through}"
        )
