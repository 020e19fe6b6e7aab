"""A simple rate limit for forms that send e-mail or create accounts (registration,
password reset, an ID-porten account's e-mail address), kept in the cache so every app
server shares it when REDIS_URL is set.

Fixed windows of an hour: each request counts one; past the limit the visitor gets the
429 page until the window ends. Callers count only valid submissions, so somebody
correcting a typo is not punished. By default the count is per client address
(portal.client_ip, which trusts exactly PROXY_COUNT proxies), or per whatever ``key``
the caller gives (an account); never one count for everybody. The key is hashed.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.client_ip import address_for_limits

WINDOW_SECONDS = 60 * 60

# Defaults; a setting of the same name overrides each (read at call time).
RATELIMIT_REGISTRATIONS_PER_HOUR = 20
RATELIMIT_PASSWORD_RESETS_PER_HOUR = 10


def limit_for(setting_name: str) -> int:
    return int(getattr(settings, setting_name, globals()[setting_name]))


def _cache_key(scope: str, key: str, window_start: int) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{key}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{window_start}"


def allow(request: HttpRequest, scope: str, *, limit: int, key: str | None = None) -> bool:
    """Count one request for ``scope`` from this client address (or for ``key``); False
    once more than ``limit`` were made in the current window. Always True when the
    address is unknown (see portal.client_ip.address_for_limits)."""
    if key is None:
        address = address_for_limits(request)
        if address is None:
            return True
        key = f"address:{address}"
    window_start = int(time.time()) // WINDOW_SECONDS * WINDOW_SECONDS
    cache_key = _cache_key(scope, key, window_start)
    timeout = WINDOW_SECONDS + 60
    if cache.add(cache_key, 1, timeout=timeout):
        return limit >= 1
    try:
        used = cache.incr(cache_key)  # atomic in Redis, so servers racing each other still count
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=timeout)
        used = 1
    return used <= limit


def refused(request: HttpRequest) -> HttpResponse:
    """The 429 page, saying when to try again."""
    remaining = WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS
    response = render(
        request,
        "registration/rate_limited.html",
        {"minutes": max(1, math.ceil(remaining / 60))},
        status=429,
    )
    response["Retry-After"] = str(remaining)
    return response
