"""A covering index for a caseworker's own cases on PostgreSQL ("Mine saker",
``?assigned=me``): the queue's deadline order within one caseworker, with the columns
the other filters read. Without it the queue walked ``application_queue_covering`` in
deadline order past every other caseworker's cases (bench/casework.py with 200,000
applications: ``?status=assessment&assigned=me&side=3`` went from 5–7 ms to under 1 ms
of database time).

Created by SQL because SQLite has no covering indexes; nothing to do there.
"""

from django.db import migrations

INDEX = "application_caseworker_queue"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON referrals_application "
        "(caseworker_id, due_date, submitted_at, id) "
        "INCLUDE (status, service_type_id, district_id)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("referrals", "0026_merge_requester_language")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
