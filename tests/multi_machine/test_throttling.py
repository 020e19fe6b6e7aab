"""Throttling on two app servers behind a load balancer (PROXY_COUNT=1): the limits
count per client address, whichever server a request reaches. The form limits live in
Redis (REDIS_URL), the log-in failures in the database, and both servers share them.

The load balancer is played by the test: every request comes from 127.0.0.1 with an
X-Forwarded-For whose right-most entry is the client, and whose left part the client
sent (forged)."""

import secrets
import shutil

import pytest
from django.db import connection

from tests.factories import DEFAULT_PASSWORD
from tests.multi_machine.processes import (
    AppServer,
    RedisServer,
    Visitor,
    database_url,
    process_environment,
)
from tests.portal.users import user_with_password

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

LOGIN = "/konto/logg-inn/"
PASSWORD_RESET = "/konto/glemt-passord/"
ATTACKER = "198.51.100.7"
VICTIM = "203.0.113.9"
LOOPBACK_REDIS = "redis://127.0.0.1:6379/0"


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except (OSError, redis.ConnectionError):
        return False


@pytest.fixture
def redis_url(started, tmp_path) -> str:
    """A Redis of the test's own when redis-server is installed, else the one on
    loopback; skipped only when there is none."""
    if shutil.which("redis-server"):
        return started(RedisServer(tmp_path / "logs")).url
    if redis_reachable(LOOPBACK_REDIS):
        return LOOPBACK_REDIS
    pytest.skip("no Redis: redis-server is not installed and 127.0.0.1:6379 does not answer")


@pytest.fixture
def two_servers(started, tmp_path, redis_url):
    env = process_environment(
        DATABASE_URL=database_url(connection.settings_dict),
        # A new key: the limits' Redis keys are hashed with it, so a shared Redis
        # holds nothing of other runs for this test.
        SECRET_KEY=secrets.token_urlsafe(50),
        REDIS_URL=redis_url,
        PROXY_COUNT="1",
        RATELIMIT_PASSWORD_RESETS_PER_HOUR="3",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    logs = tmp_path / "logs"
    first = started(AppServer("server-1", env, logs), wait=False)
    second = started(AppServer("server-2", env, logs), wait=False)
    return first.wait_until_ready(), second.wait_until_ready()


def through_load_balancer(client: str, forged: str = "192.0.2.1") -> dict[str, str]:
    return {"X-Forwarded-For": f"{forged}, {client}"}


def test_two_servers_share_the_limits_per_client_address(two_servers, redis_url):
    import redis

    servers = two_servers
    user_with_password(email="kari@example.no")
    attacker = Visitor()

    # Password reset (3 an hour per address): alternating servers and forging a new
    # left-most address each time, the attacker still gets 3 in all.
    statuses = []
    for n in range(4):
        attacker.headers = through_load_balancer(ATTACKER, forged=f"192.0.2.{n}")
        status, _headers, _body = attacker.post_form(
            servers[n % 2], PASSWORD_RESET, {"email": f"person{n}@example.no"}
        )
        statuses.append(status)
    assert statuses == [302, 302, 302, 429]
    cache_keys = list(redis.Redis.from_url(redis_url).scan_iter(match="*ratelimit:*"))
    assert len(cache_keys) == 1, cache_keys  # one counter for the attacker, in Redis

    victim = Visitor(through_load_balancer(VICTIM))
    status, _headers, _body = victim.post_form(
        servers[1], PASSWORD_RESET, {"email": "kari@example.no"}
    )
    assert status == 302

    # Log-in: five wrong passwords across both servers lock Kari's account from the
    # attacker's address, on both servers, and from there only.
    statuses = []
    for n in range(5):
        attacker.headers = through_load_balancer(ATTACKER, forged=f"192.0.2.{n}")
        status, _headers, _body = attacker.post_form(
            servers[n % 2], LOGIN, {"username": "kari@example.no", "password": "feil-passord"}
        )
        statuses.append(status)
    assert statuses == [200, 200, 200, 200, 429]
    status, _headers, _body = attacker.post_form(
        servers[1], LOGIN, {"username": "kari@example.no", "password": DEFAULT_PASSWORD}
    )
    assert status == 429

    status, headers, _body = victim.post_form(
        servers[0], LOGIN, {"username": "kari@example.no", "password": DEFAULT_PASSWORD}
    )
    assert status == 302, "Kari is locked out from her own address"
    assert headers["Location"] == "/"
