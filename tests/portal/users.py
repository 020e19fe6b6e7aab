"""Users that can log in through the form (the shared factories leave the password unsaved)."""

from portal.models import User
from portal.roles import Role
from tests.factories import DEFAULT_PASSWORD, make_user


def user_with_password(*roles: Role, password: str = DEFAULT_PASSWORD, **kwargs) -> User:
    kwargs.setdefault("full_name", "Kari Nordmann")
    user = make_user(*roles, **kwargs)
    user.set_password(password)
    user.save()
    return user


def staff_with_password(*roles: Role, **kwargs) -> User:
    kwargs.setdefault("full_name", "Sara Saksbehandler")
    return user_with_password(*(roles or (Role.CASEWORKER,)), **kwargs)
