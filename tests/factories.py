"""Factories for the whole suite: data is built in code, never loaded from fixture files."""

import factory
from django.contrib.auth.models import Group

from portal.models import User
from portal.roles import Role

DEFAULT_PASSWORD = "correct-horse-battery-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True  # roles are added with groups.add, no save needed

    email = factory.Sequence(lambda n: f"person{n}@example.no")
    full_name = factory.Faker("name", locale="no_NO")
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        for role in extracted:
            self.groups.add(Group.objects.get(name=Role(role).value))


class StaffFactory(UserFactory):
    is_staff = True


def make_user(*roles: Role, **kwargs) -> User:
    factory_class = StaffFactory if any(r != Role.CITIZEN for r in roles) else UserFactory
    user = factory_class(**kwargs)
    for role in roles:
        user.groups.add(Group.objects.get(name=role.value))
    return user
