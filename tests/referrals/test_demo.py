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


def test_decision_templates_per_legal_basis_are_seeded_once():
    from referrals.casework.models import ReasonParagraph
    from referrals.casework.selectors import reason_paragraphs
    from referrals.demo import seed_decision_templates

    seed_service_types()
    seed_decision_templates()
    seed_decision_templates()
    assert ReasonParagraph.objects.count() == 2 * ServiceType.objects.count()
    for service_type in ServiceType.objects.all():
        offered = reason_paragraphs(service_type=service_type)
        assert {p.outcome for p in offered} == {"granted", "refused"}
        for paragraph in offered:
            # Tied to the service type's own legal basis, cited in both languages.
            assert paragraph.legal_basis in service_type.legal_basis.splitlines()
            assert paragraph.legal_basis in paragraph.text
            assert service_type.legal_basis_nn in paragraph.text_nn
            assert "§ 29" not in paragraph.text + paragraph.text_nn
    dementia = ServiceType.objects.get(slug="dagaktivitet-demens")
    assert all(
        "§ 3-2 første ledd nr. 7" in p.text for p in reason_paragraphs(service_type=dementia)
    )


def test_a_template_for_another_legal_basis_is_not_offered():
    from referrals.casework.models import ReasonParagraph
    from referrals.casework.selectors import reason_paragraphs

    dementia, *_ = (s for s in seed_service_types() if s.slug == "dagaktivitet-demens")
    wrong = ReasonParagraph.objects.create(
        title="Feil hjemmel", text="…", legal_basis="Forvaltningsloven § 29"
    )
    any_basis = ReasonParagraph.objects.create(title="Alle", text="…")
    offered = reason_paragraphs(service_type=dementia)
    assert any_basis in offered and wrong not in offered


def test_the_demo_volunteers_seed_twice_without_change():
    from catalogue.demo import seed_catalogue
    from referrals.demo import seed_volunteers
    from referrals.volunteers.models import ChecklistItem, HelpRequest, VolunteerRole
    from referrals.volunteers.rules import police_certificate_rule

    seed_catalogue()
    seed_volunteers()
    seed_volunteers()
    assert VolunteerRole.objects.count() == 4
    assert HelpRequest.objects.count() == 3
    # The demo asks for a police certificate only where the rule allows one.
    for item in ChecklistItem.objects.filter(kind=ChecklistItem.Kind.POLICE_CERTIFICATE):
        assert police_certificate_rule(item.role).allowed
