"""Demo users, one per role. Idempotent: running it twice changes nothing."""

from dataclasses import dataclass

from django.contrib.auth.models import Group

from portal.models import User
from portal.roles import Role

DEMO_PASSWORD = "demo-passord-2026"  # noqa: S105 - documented demo log-in, never in production


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: Role
    unit_slugs: tuple[str, ...] = ()
    also: tuple[Role, ...] = ()  # further roles (an approver is also a caseworker)


DEMO_USERS = [
    DemoUser("innbygger@example.no", "Ingrid Innbygger", Role.CITIZEN),
    DemoUser("parorende@example.no", "Dina Datter", Role.CITIZEN),
    DemoUser("saksbehandler@example.no", "Sara Saksbehandler", Role.CASEWORKER),
    DemoUser("godkjenner@example.no", "Gunnar Godkjenner", Role.CASEWORKER, also=(Role.APPROVER,)),
    DemoUser("leder@example.no", "Lars Leder", Role.UNIT_LEADER, ("solsikken-dagsenter",)),
    DemoUser("admin@example.no", "Anne Administrator", Role.ADMINISTRATOR),
]


def seed_users() -> list[DemoUser]:
    """The users, with their roles; their units are given by ``catalogue.demo``."""
    for demo in DEMO_USERS:
        user = User.objects.filter(email=demo.email).first()
        if user is None:
            user = User.objects.create_user(
                email=demo.email,
                password=DEMO_PASSWORD,
                full_name=demo.full_name,
                is_staff=demo.role != Role.CITIZEN,
                is_superuser=demo.role == Role.ADMINISTRATOR,
            )
        user.groups.add(*Group.objects.filter(name__in=[demo.role.value, *demo.also]))
    return DEMO_USERS
