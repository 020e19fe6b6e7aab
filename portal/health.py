"""/healthz: is this instance able to serve? Checks the database and the file storage.

The load balancer polls it on every app server. The answer says only "ok" or "error"
per check; what went wrong goes to the log, never into the response.
"""

import logging
import os
from pathlib import Path

from django.core.files.storage import storages
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

PROBE_NAME = "healthz-probe"


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_storage() -> None:
    """Raise unless uploads and letters can be stored and read back."""
    storage = storages["default"]
    bucket_name = getattr(storage, "bucket_name", None)
    if bucket_name:
        # S3-compatible object storage (django-storages): the bucket must exist and
        # answer. A HEAD of a missing object would also answer 404 for a missing bucket.
        # HeadBucket needs s3:ListBucket, which django-storages needs anyway.
        client = storage.connection.meta.client  # type: ignore[attr-defined]  # S3Storage's
        client.head_bucket(Bucket=bucket_name)
        return
    location = getattr(storage, "location", None)
    if location:
        # The local file system: the folder is created on the first upload anyway.
        folder = Path(location)
        folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir() or not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
            raise OSError("The media folder is not readable and writable")
        return
    storage.exists(PROBE_NAME)


@never_cache
@require_GET
def healthz(request):
    checks = {}
    for name, check in (("database", check_database), ("storage", check_storage)):
        try:
            check()
        except Exception:
            logger.exception("Health check: %s unreachable", name)
            checks[name] = "error"
        else:
            checks[name] = "ok"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )
