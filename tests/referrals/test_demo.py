import pytest

from catalogue.models import AppealBasis, ServiceType
from referrals.cases.models import Application
from referrals.demo import seed_applications, seed_service_types
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_service_types_are_completed_and_seeding_twice_changes_nothing():
    ServiceType.objects.create(
        slug="stottekontakt", name="Støttekontakt"
    )  # as the catalogue makes it
    seed_service_types()
    seed_service_types()
    # Four services for the person, three for relatives in their own right
    # (pårørendestøtte; the migration made them, seeding completes them).
    assert ServiceType.objects.count() == 7
    assert set(ServiceType.objects.filter(for_caregivers=True).values_list("slug", flat=True)) == {
        "avlastning",
        "omsorgsstonad",
        "parorendestotte-opplaering",
    }
    support = ServiceType.objects.get(slug="stottekontakt")
    assert support.name_nn and support.legal_basis and support.asks("hours")
    dementia = ServiceType.objects.get(slug="dagaktivitet-demens")
    assert "§ 3-2 første ledd nr. 7" in dementia.legal_basis
    assert dementia.appeal_weeks == 4
    for service_type in ServiceType.objects.all():
        # The appeal deadline's rule is no legal basis for a decision on a service.
        for field in ("legal_basis", "legal_basis_nn", "legal_basis_en"):
            assert "§ 29" not in getattr(service_type, field), service_type.slug
        # The wording of the rule, for the letter (forvaltningsloven § 25).
        assert service_type.legal_basis_text and service_type.legal_basis_text_nn
    assert (
        ServiceType.objects.get(slug="arbeid-og-aktivitet").appeal_basis
        == AppealBasis.ADMINISTRATIVE
    )


def test_demo_applications_are_made_once():
    user = UserFactory(full_name="Demo Bruker")
    assert len(seed_applications(applicant=user)) == 2
    assert seed_applications(applicant=user) == []
    assert Application.objects.filter(applicant=user).exclude(reference=None).count() == 2
