"""Fixtures for running the portal as several machines would: an S3-compatible object
storage server (moto) on loopback, the project's own settings read with a given
environment, and the processes (tests.multi_machine.processes) a test starts."""

import logging
import uuid

import pytest

from tests.multi_machine.storage import S3_REGION, project_settings, s3_client, s3_environment


@pytest.fixture(scope="session")
def s3_endpoint():
    """A real S3 API over HTTP on a free loopback port (moto's server, in a thread)."""
    from moto.server import ThreadedMotoServer  # imported here: Flask and moto are slow

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per S3 request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint) -> str:
    """A new, empty bucket for one test."""
    name = f"portal-test-{uuid.uuid4().hex[:16]}"
    s3_client(s3_endpoint).create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": S3_REGION}
    )
    return name


@pytest.fixture
def s3_storage(settings, monkeypatch, s3_endpoint, bucket) -> str:
    """Uploads and letters go to ``bucket``, configured exactly as production would be."""
    project = project_settings(monkeypatch, s3_environment(s3_endpoint, bucket))
    settings.STORAGES = {**settings.STORAGES, "default": project["STORAGES"]["default"]}
    return bucket


@pytest.fixture
def started(tmp_path):
    """Processes started by the test (``started(process, **options)``; their logs go
    under ``tmp_path / "logs"``); all are stopped before the test database goes."""
    processes = []
    (tmp_path / "logs").mkdir()

    def start(process, **options):
        processes.append(process)
        return process.start(**options)

    yield start
    for process in processes:
        process.ask_to_stop()
    for process in processes:
        process.wait_until_stopped()
