"""Settings for the app servers and workers the multi-machine tests start as separate
processes: the project's own, environment-driven settings, with the test suite's fast
password hasher (the users those tests log in as are made by the test process)."""

from portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
