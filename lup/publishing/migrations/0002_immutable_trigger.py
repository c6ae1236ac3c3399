# The database refuses to change a publication (lup/publishing/models.py): an UPDATE always, and
# a DELETE on PostgreSQL. SQLite's flush (the test runner's, between transactional tests) uses
# DELETE, so there only UPDATE is refused at the database; the model refuses delete() on both.

from django.db import migrations

TABLE = "publishing_figurepublication"
FUNCTION = "publishing_refuse_change"
MESSAGE = "publications of figures are immutable: publish a corrected version instead"


def create(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation'; "
                "END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER {FUNCTION} BEFORE UPDATE OR DELETE ON {TABLE} "
                f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {FUNCTION} BEFORE UPDATE ON {TABLE} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )


def drop(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {FUNCTION} ON {TABLE}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
        elif connection.vendor == "sqlite":
            cursor.execute(f"DROP TRIGGER IF EXISTS {FUNCTION}")


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_publication")]

    operations = [migrations.RunPython(create, drop)]
