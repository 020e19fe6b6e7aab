"""Migration 0019: a service type seeded when the demo cited forvaltningsloven § 29 as
its legal basis gets the demo's legal basis and wording; others are left alone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("referrals", "0018_approver_and_decision_templates")]
AFTER = [("referrals", "0019_no_fvl_29_as_legal_basis")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def back_to_the_latest_migrations():
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_old_demo_legal_basis_is_replaced():
    migrate(BEFORE)
    # The catalogue's tables are as today (only referrals went back): today's model.
    from catalogue.models import ServiceType as Current

    Current.objects.create(
        slug="arbeid-og-aktivitet",
        name="Arbeids- og aktivitetstiltak",
        legal_basis="Forvaltningsloven § 29 (kommunalt arbeids- og aktivitetstiltak)",
        legal_basis_nn="Forvaltningslova § 29 (kommunalt arbeids- og aktivitetstiltak)",
    )
    Current.objects.create(
        slug="eget", name="Eget", legal_basis="Helse- og omsorgstjenesteloven § 3-2"
    )
    ServiceType = migrate(AFTER).get_model("catalogue", "ServiceType")
    work = ServiceType.objects.get(slug="arbeid-og-aktivitet")
    for field in ("legal_basis", "legal_basis_nn", "legal_basis_en"):
        assert "§ 29" not in getattr(work, field)
    assert "kommuneloven § 2-1" in work.legal_basis
    assert work.legal_basis_text and work.legal_basis_text_nn
    assert (
        ServiceType.objects.get(slug="eget").legal_basis == "Helse- og omsorgstjenesteloven § 3-2"
    )
