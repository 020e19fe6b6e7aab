"""Factories for the volunteers room."""

import factory

from referrals.volunteers.models import (
    ChecklistItem,
    HelperProfile,
    HelperRoleEnrolment,
    HelpRequest,
    Interest,
    RoleKind,
    VolunteerRole,
)
from tests.catalogue.factories import UnitFactory
from tests.factories import UserFactory


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Interesse {n}")
    slug = factory.Sequence(lambda n: f"interesse-{n}")


class VolunteerRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerRole

    unit = factory.SubFactory(UnitFactory)
    kind = RoleKind.VOLUNTEER
    title = factory.Sequence(lambda n: f"Turvenn {n}")
    description = "Gå tur med noen som liker å være ute."


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    role = factory.SubFactory(VolunteerRoleFactory)
    kind = ChecklistItem.Kind.CONVERSATION
    label = factory.Sequence(lambda n: f"Samtale {n}")
    required = True


class HelpRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpRequest

    unit = factory.SubFactory(UnitFactory)
    kind = RoleKind.STOTTEKONTAKT
    description = "En mann i 70-årene som liker fisking, 3 timer i uka."


class HelperProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelperProfile

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Hjelper {n}")
    email = factory.Sequence(lambda n: f"hjelper{n}@example.no")


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelperRoleEnrolment

    helper = factory.SubFactory(HelperProfileFactory)
    role = factory.SubFactory(VolunteerRoleFactory)
