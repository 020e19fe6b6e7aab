"""A simple per-address rate limit for forms that send e-mail or create accounts
(registration, password reset), kept in the cache so every app server shares it when
REDIS_URL is set.

Fixed windows of an hour: each request counts one; past the limit the visitor gets the
429 page until the window ends. Callers count only valid submissions, so somebody
correcting a typo is not punished. The address is hashed in the cache key.
"""

import hashlib
import math
import time

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

WINDOW_SECONDS = 60 * 60

# Defaults; a setting of the same name overrides each (read at call time).
RATELIMIT_REGISTRATIONS_PER_HOUR = 20
RATELIMIT_PASSWORD_RESETS_PER_HOUR = 10


def limit_for(setting_name: str) -> int:
    return int(getattr(settings, setting_name, globals()[setting_name]))


def _key(request: HttpRequest, scope: str, window_start: int) -> str:
    address = get_client_ip_address(request) or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{window_start}"


def allow(request: HttpRequest, scope: str, *, limit: int) -> bool:
    """Count one request from this address for ``scope``; False once the address has
    made more than ``limit`` in the current window."""
    window_start = int(time.time()) // WINDOW_SECONDS * WINDOW_SECONDS
    key = _key(request, scope, window_start)
    timeout = WINDOW_SECONDS + 60
    if cache.add(key, 1, timeout=timeout):
        return limit >= 1
    try:
        used = cache.incr(key)  # atomic in Redis, so servers racing each other still count
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
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
