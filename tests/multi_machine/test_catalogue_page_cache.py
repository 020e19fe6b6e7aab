"""The public catalogue's page cache (catalogue.page_cache) on two app servers: a unit
leader publishes and archives on one, a citizen who already has the pages cached reads
on the other. With Redis the change shows at once; with each process's own memory the
offer page shows it at once and the list within ``DB_CHECK_SECONDS``.

PostgreSQL only, like the other multi-machine tests."""

import secrets
import shutil
import time

import pytest
from django.db import connection

from catalogue import page_cache
from portal.roles import Role
from tests.catalogue.factories import CategoryFactory, OfferFactory, UnitFactory
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

TITLE = "Seniorkafé på torget"


def server_environment(**changes: str) -> dict[str, str]:
    return process_environment(
        DATABASE_URL=database_url(connection.settings_dict),
        SECRET_KEY=secrets.token_urlsafe(50),
        **changes,
    )


@pytest.mark.parametrize("cache", ["memory", "redis"])
def test_a_publish_and_an_archive_on_one_server_show_on_the_other(cache, started, tmp_path):
    changes = {}
    if cache == "redis":
        if not shutil.which("redis-server"):
            pytest.skip("redis-server is not installed")
        changes["REDIS_URL"] = started(RedisServer(tmp_path / "logs")).url
    env = server_environment(**changes)
    unit = UnitFactory()
    leader = user_with_password(Role.UNIT_LEADER, email="leder@example.no")
    leader.units.add(unit)
    offer = OfferFactory(title=TITLE, unit=unit, draft=True, categories=[CategoryFactory()])
    first = started(AppServer("server-1", env, tmp_path / "logs"), wait=False)
    second = started(AppServer("server-2", env, tmp_path / "logs"), wait=False)
    first.wait_until_ready()
    second.wait_until_ready()
    citizen, staff = Visitor(), Visitor()
    page = offer.get_absolute_url()
    # Later changes on the list show within this (none with Redis: the generation is shared).
    lag = page_cache.DB_CHECK_SECONDS if cache == "memory" else 0

    for _round in range(2):  # the second from the cache
        assert TITLE not in citizen.get(second, "/tilbud/")[2]
    assert citizen.get(second, page)[0] == 404

    status, _headers, _body = staff.post_form(
        first, "/konto/logg-inn/", {"username": leader.email, "password": DEFAULT_PASSWORD}
    )
    assert status == 302
    edit = f"/tilbud/forvalt/{offer.slug}/"
    assert staff.post_form(first, f"{edit}publiser/", {}, token_from=edit)[0] == 302

    status, _headers, body = citizen.get(second, page)
    assert status == 200 and TITLE in body
    time.sleep(lag)
    assert TITLE in citizen.get(second, "/tilbud/")[2]
    assert TITLE in citizen.get(second, page)[2]  # cached now

    assert staff.post_form(first, f"{edit}arkiver/", {}, token_from=edit)[0] == 302
    assert citizen.get(second, page)[0] == 404
    time.sleep(lag)
    assert TITLE not in citizen.get(second, "/tilbud/")[2]
