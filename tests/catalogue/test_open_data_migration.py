"""Migration 0011: the existing rows get distinct UUIDs, sign language gets ``nsl``."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("catalogue", "0010_service_type_moved_here")]
AFTER = [("catalogue", "0011_open_data_ids")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def back_to_the_latest_migrations():
    """Leave the database as every other test expects it: fully migrated (later
    migrations, of this app and the others, run again after the test)."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_rows_get_distinct_ids_and_sign_language_its_iso_code():
    old = migrate(BEFORE)
    District = old.get_model("catalogue", "District")
    Language = old.get_model("catalogue", "Language")
    Unit = old.get_model("catalogue", "Unit")
    Location = old.get_model("catalogue", "Location")
    district = District.objects.create(slug="sentrum", name="Sentrum")
    District.objects.create(slug="nord", name="Nord")
    Language.objects.create(slug="tegn", name="Norsk tegnspråk")
    Language.objects.create(slug="pl", name="Polsk")
    unit = Unit.objects.create(slug="enhet", name="Enhet")
    for number in range(3):
        Location.objects.create(
            name=f"Sted {number}",
            unit=unit,
            address="Gata 1",
            postcode="1234",
            place="By",
            district=district,
        )
    Offer = old.get_model("catalogue", "Offer")
    for number in range(2):
        Offer.objects.create(
            slug=f"tilbud-{number}",
            title="Tilbud",
            summary="S",
            description="D",
            suits="A",
            unit=unit,
        )

    new = migrate(AFTER)
    for name in ("District", "Location", "Unit", "Language", "Offer"):
        ids = list(new.get_model("catalogue", name).objects.values_list("uuid", flat=True))
        assert None not in ids and len(set(ids)) == len(ids), name
    codes = dict(new.get_model("catalogue", "Language").objects.values_list("slug", "code"))
    assert codes == {"tegn": "nsl", "pl": ""}
