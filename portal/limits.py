"""Limits for forms that send e-mail or create accounts (registration, password reset,
an ID-porten account's e-mail address), counted by django-ratelimit in the default
cache: Redis when REDIS_URL is set, so every process and app server shares the counts;
without it each process's own memory (see docs/production.md).

Fixed windows of an hour (django-ratelimit's, which start at a different second for
each counter): past the limit the visitor gets the 429 page until the window ends.
Callers count only valid submissions, so somebody correcting a typo is not punished.
By default the count is per client address (``client_address``: portal.client_ip,
which trusts exactly PROXY_COUNT proxies, an IPv6 client by its /64), or per account
(``account``); never one count for everybody: a request whose address is unknown is
not counted. The cache key holds no address or account in clear: the value is an HMAC
with SECRET_KEY (and django-ratelimit hashes it again with the window).
"""

import math
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.crypto import salted_hmac
from django_ratelimit.core import get_usage

from portal.client_ip import address_for_limits

# Defaults; a setting of the same name overrides each (read at call time).
RATELIMIT_REGISTRATIONS_PER_HOUR = 20
RATELIMIT_PASSWORD_RESETS_PER_HOUR = 10
RATELIMIT_SIGNUPS_PER_HOUR = 20  # sign-ups without an account (catalogue.participation)

Key = Callable[[str, HttpRequest], str]


def limit_for(setting_name: str) -> int:
    return int(getattr(settings, setting_name, globals()[setting_name]))


def _private(value: str) -> str:
    return salted_hmac("portal.limits", value, algorithm="sha256").hexdigest()


def client_address(group: str, request: HttpRequest) -> str:
    """django-ratelimit key: the client's address (``limited`` never asks for an
    unknown one)."""
    return _private(f"address:{address_for_limits(request)}")


def account(group: str, request: HttpRequest) -> str:
    """django-ratelimit key: the logged-in account (citizens behind one address, a
    library, do not share a count)."""
    return _private(f"account:{request.user.pk}")


def limited(
    request: HttpRequest, group: str, *, setting: str, key: Key = client_address
) -> HttpResponse | None:
    """Count one request for ``group`` (per ``key``) against the hourly limit named by
    ``setting``: the 429 page once over it, else None."""
    if key is client_address and address_for_limits(request) is None:
        return None
    usage = get_usage(
        request,
        group=group,
        key=key,
        rate=f"{limit_for(setting)}/h",
        increment=True,
    )
    if usage is None or not usage["should_limit"]:
        return None
    # django-ratelimit's window still counts in its last second (time_left 0).
    return refused(request, seconds_left=usage["time_left"] + 1)


def refused(request: HttpRequest, *, seconds_left: int) -> HttpResponse:
    """The 429 page, saying when to try again."""
    seconds_left = max(1, seconds_left)
    response = render(
        request,
        "registration/rate_limited.html",
        {"minutes": max(1, math.ceil(seconds_left / 60))},
        status=429,
    )
    response["Retry-After"] = str(seconds_left)
    return response
