# Covering indexes on PostgreSQL for the yearly figures and the bodies/ lists
# (docs/benchmark.md): the participations of a set of procurements, with their periods and
# bodies, and the procurements by start date with their end and sector, read from the index
# alone. SQLite has no INCLUDE columns; its indexes stay as they are.

from django.db import migrations

INDEXES = {
    "procurements_participation_covering": (
        "procurements_participation (procurement_id) INCLUDE (body_id, joined_on, left_on)"
    ),
    "procurements_procurement_started_covering": (
        "procurements_procurement (started_on) INCLUDE (ended_on, sector_id)"
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("procurements", "0004_plausible_dates_and_amounts")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
