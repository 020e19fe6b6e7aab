"""The client address (portal.client_ip): exactly PROXY_COUNT proxies are trusted, the
forged left part of X-Forwarded-For never counts, and an IPv6 client is limited by its
/64. How log-in throttling and the form limits use it is in test_throttling.py."""

import pytest
from django.test import RequestFactory

from portal.client_ip import address_for_limits, client_ip

LOAD_BALANCER = "10.0.0.1"
CLIENT = "203.0.113.5"
FORGED = "198.51.100.66"


def request(remote_addr=LOAD_BALANCER, forwarded_for=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_a_forged_forwarded_for_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(request(CLIENT, FORGED)) == CLIENT
    assert client_ip(request(CLIENT)) == CLIENT


@pytest.mark.parametrize(
    "forwarded_for",
    [CLIENT, f"{FORGED}, {CLIENT}", f"unknown, {FORGED},{CLIENT}", f"{FORGED}, , {CLIENT}"],
)
def test_behind_one_proxy_the_right_most_entry_is_the_client(settings, forwarded_for):
    settings.PROXY_COUNT = 1
    assert client_ip(request(LOAD_BALANCER, forwarded_for)) == CLIENT


def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client(settings):
    settings.PROXY_COUNT = 2
    assert client_ip(request(LOAD_BALANCER, f"{FORGED}, {CLIENT}, 10.0.0.2")) == CLIENT


@pytest.mark.parametrize(
    ("proxies", "forwarded_for"),
    [(1, None), (1, ""), (2, CLIENT), (1, "not-an-address"), (1, f"{CLIENT}, 999.1.1.1")],
    ids=["no-header", "empty-header", "too-few-hops", "garbage", "bad-trusted-entry"],
)
def test_without_a_usable_trusted_entry_the_socket_address_is_used(
    settings, proxies, forwarded_for
):
    settings.PROXY_COUNT = proxies
    assert client_ip(request(LOAD_BALANCER, forwarded_for)) == LOAD_BALANCER


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("203.0.113.5:51234", "203.0.113.5"),
        ("[2001:db8::7]:443", "2001:db8::7"),
        ("::ffff:203.0.113.5", "203.0.113.5"),
        ("2001:DB8:0:0::7", "2001:db8::7"),
    ],
)
def test_ports_and_spellings_of_one_address_are_one_address(settings, written, expected):
    settings.PROXY_COUNT = 1
    assert client_ip(request(LOAD_BALANCER, written)) == expected


def test_an_ipv6_client_is_limited_by_its_64_network(settings):
    settings.PROXY_COUNT = 0
    first = address_for_limits(request("2001:db8:1:2::1"))
    assert first == "2001:db8:1:2::"
    assert address_for_limits(request("2001:db8:1:2:ffff:ffff:ffff:ffff")) == first
    assert address_for_limits(request("2001:db8:1:3::1")) != first
    assert address_for_limits(request(CLIENT)) == CLIENT


def test_an_unknown_address_is_none_never_a_shared_placeholder(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(request("")) is None
    assert address_for_limits(request("")) is None
