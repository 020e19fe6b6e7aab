"""The client's address, the one way every part of the portal learns it: django-axes
(AXES_CLIENT_IP_CALLABLE), the per-address limits of portal.limits, and logs.

Behind ``PROXY_COUNT`` reverse proxies that each append the address they received the
request from to ``X-Forwarded-For``, the client is the ``PROXY_COUNT``-th entry from the
right: those entries were written by our own proxies, everything left of them came from
the client and may be forged. With ``PROXY_COUNT = 0`` the header is ignored and the
address is the socket's (``REMOTE_ADDR``). When the header has fewer entries than
``PROXY_COUNT``, or the trusted entry is not an address, ``REMOTE_ADDR`` is used.

For limits, an IPv6 client is counted by its /64 network: one subscriber usually gets a
whole /64 and can rotate through it at will.
"""

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)

IPV6_LIMIT_PREFIX = 64
_warned_unknown = False


def _parse(value: str) -> str | None:
    """``value`` as a normalised address (IPv4-mapped IPv6 as IPv4; a port some proxies
    add, ``1.2.3.4:5678`` or ``[2001:db8::1]:5678``, dropped), or None."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, trusting exactly ``settings.PROXY_COUNT`` proxy hops."""
    remote = _parse(request.META.get("REMOTE_ADDR") or "")
    hops = int(getattr(settings, "PROXY_COUNT", 0))
    if hops <= 0:
        return remote
    forwarded = [
        entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()
    ]
    if len(forwarded) < hops:
        return remote
    return _parse(forwarded[-hops]) or remote


def address_for_limits(request: HttpRequest) -> str | None:
    """The address limits count by: the client's address, an IPv6 one as its /64
    network. None when the address is unknown (then no per-address limit applies:
    counting every unknown client together would make one limit for everybody)."""
    address = client_ip(request)
    if address is None:
        _warn_unknown_once()
        return None
    parsed = ipaddress.ip_address(address)
    if parsed.version == 6:
        network = ipaddress.ip_network(f"{parsed}/{IPV6_LIMIT_PREFIX}", strict=False)
        return str(network.network_address)
    return address


def _warn_unknown_once() -> None:
    global _warned_unknown
    if not _warned_unknown:
        _warned_unknown = True
        logger.warning(
            "Client address unknown (no REMOTE_ADDR, and no X-Forwarded-For entry for "
            "PROXY_COUNT hops): per-address limits do not apply. Check PROXY_COUNT."
        )
