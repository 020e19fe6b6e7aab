"""A covering index for the caseworkers' queue on PostgreSQL: the queue walks
``due_date, submitted_at, id`` and filters on status, service type, district and the
assigned caseworker; with those columns included the walk needs no heap fetches
(measured in bench/casework.py: a filtered later page went from 12 ms to 2 ms).

Created by SQL because SQLite has no covering indexes; nothing to do there.
"""

from django.db import migrations

INDEX = "application_queue_covering"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON referrals_application "
        "(due_date, submitted_at, id) "
        "INCLUDE (status, service_type_id, district_id, caseworker_id)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("referrals", "0008_decision_corrections")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
