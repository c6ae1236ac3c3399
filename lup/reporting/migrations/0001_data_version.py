# The data version and its triggers (lup/reporting/dataversion.py).

from django.db import migrations, models


def install_triggers(apps, schema_editor):
    from lup.reporting.dataversion import install

    install(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    connection = schema_editor.connection
    from lup.reporting.dataversion import FUNCTION, NOTE_FUNCTION, PENDING, SEQUENCE, TRIGGER

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}() CASCADE")
            cursor.execute(f"DROP FUNCTION IF EXISTS {NOTE_FUNCTION}() CASCADE")
            cursor.execute(f"DROP TABLE IF EXISTS {PENDING}")
            cursor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            for (name,) in cursor.fetchall():
                if name.startswith(f"{TRIGGER}_"):
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("partners", "0003_partnership_started_on_index"),
        ("procurements", "0005_covering_indexes_for_figures"),
        ("outreach", "0004_covering_indexes_for_figures"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("epoch", models.BigIntegerField(default=0)),
                ("version", models.BigIntegerField(default=0)),
            ],
            options={
                "db_table": "reporting_dataversion",
                "default_permissions": (),
            },
        ),
        migrations.RunPython(install_triggers, drop_triggers, elidable=False),
    ]
