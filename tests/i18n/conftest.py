"""The access matrix's world (tests/security/matrix_world.py), built once per module:
every page of the portal has real objects to show."""

from tests.security.conftest import world  # noqa: F401
