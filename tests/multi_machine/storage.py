"""Object storage and settings for the multi-machine tests: a client for the S3 API on
loopback (the ``s3_endpoint`` fixture in tests/multi_machine/conftest.py), the
environment an operator sets for object storage, and the project's settings evaluated
with a given environment."""

import runpy
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
S3_REGION = "eu-north-1"
S3_KEYS = {"AWS_ACCESS_KEY_ID": "portal-test-key", "AWS_SECRET_ACCESS_KEY": "portal-test-secret"}


def s3_client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=S3_REGION,
        aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
    )


def s3_environment(endpoint: str, bucket: str) -> dict[str, str]:
    """The environment an operator sets for object storage (see README)."""
    return {
        "STORAGE_BACKEND": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": S3_REGION,
        "AWS_S3_ADDRESSING_STYLE": "path",
        **S3_KEYS,
    }


def project_settings(monkeypatch, environment: dict[str, str]) -> dict:
    """portal/settings.py evaluated afresh with ``environment`` added to os.environ."""
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(BASE_DIR / "portal" / "settings.py"))
