"""The roles as groups (lup.dashboard.roles): managers, advisers and API readers, each with
exactly its permissions. The post_migrate handler keeps them in step with later models."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from lup.dashboard.roles import sync_groups

    sync_groups(apps, schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0001_initial"),
        ("core", "0002_apikey"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("partners", "0004_norwegian_collation_on_names"),
        ("procurements", "0006_norwegian_collation_on_names"),
        ("outreach", "0006_protect_counted_kind_codes"),
        ("publishing", "0001_publication"),
    ]

    # The groups stay when this is unapplied: they may hold users.
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
