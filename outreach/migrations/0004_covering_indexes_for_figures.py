# Covering indexes on PostgreSQL for the yearly figures (docs/benchmark.md): the activities of
# a year are counted and summed from the index alone (an index-only scan), without reading
# the table. SQLite has no INCLUDE columns; its date index stays as it is.

from django.db import migrations

INDEX = "outreach_activity_date_covering"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON outreach_outreachactivity "
            "(date) INCLUDE (kind_id, participants, registrants)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("outreach", "0003_plausible_dates_and_amounts")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
