"""The portal's settings with caching switched off: bench/catalogue.py measures the
uncached path with it (every request renders from the database)."""

from portal.settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
