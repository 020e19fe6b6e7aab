import pytest
from django.conf import settings
from xdist.scheduler import LoadGroupScheduling

# Test files whose tests must run in one process, in file order. Under `pytest -n`
# (with --dist loadgroup, pyproject.toml's addopts) each is one unit of work for one
# worker; every other test is distributed on its own, as with --dist load.
ONE_PROCESS_FILES = (
    "tests/security/test_fuzz.py",  # its last test counts the inputs this process sent
)


class FileGroupScheduling(LoadGroupScheduling):
    """xdist's loadgroup, with each of ONE_PROCESS_FILES as a group. xdist's own
    ``xdist_group`` mark does not group with pytest 9.2: it renames the node ids through
    an attribute pytest no longer reads, and the tests are silently spread over the
    workers (pytest-dev/pytest-xdist#1386). The groups are named here by file instead."""

    def _split_scope(self, nodeid: str) -> str:
        path = nodeid.split("::", 1)[0]
        return path if path in ONE_PROCESS_FILES else super()._split_scope(nodeid)


def pytest_terminal_summary(terminalreporter):
    """What tests recorded with ``record_property("run_summary", line)`` (the fuzzing
    count of tests/security/test_fuzz.py), printed after the run from any worker: here,
    because under xdist this is the only conftest the controlling process loads."""
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            if report.when != "call":
                continue
            for name, value in report.user_properties:
                if name == "run_summary":
                    terminalreporter.write_line(f"{value} [{outcome}]")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") == "loadgroup":
        return FileGroupScheduling(config, log)
    return None


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` run only when the suite runs against PostgreSQL."""
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads and letters go to a per-test folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media", "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cached public pages from one test must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
