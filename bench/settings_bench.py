"""Settings for bench/full.py, bench/page_weight.py and bench/soak.py: the portal's
settings as deployed, plus what a benchmark needs.

- ROOT_URLCONF adds ``/__bench__/bare/`` (bench/urls.py), a view that returns a tiny
  response without touching the database or the session: the ceiling the framework,
  the middleware and gunicorn allow on this machine.
- Static files are served as in production: hashed, compressed (gzip and brotli) by
  whitenoise's CompressedManifestStaticFilesStorage from STATIC_ROOT, which the bench
  scripts fill with ``collectstatic`` into a temporary folder first.
- BENCH_CACHE_OFF=1 swaps the cache for a dummy one, so every request queries and
  renders (the uncached path of the public pages).

Never used outside bench/: portal.urls does not know the bare view.
"""

import os

from portal.settings import *  # noqa: F403
from portal.settings import STORAGES

ROOT_URLCONF = "bench.urls"

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

if os.environ.get("BENCH_CACHE_OFF") == "1":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
