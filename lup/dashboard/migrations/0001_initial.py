"""The dashboard's permission holder, moved from the former `lup` app.

Databases made before the move have the permission `lup.view_dashboard`, granted to groups and
users. The content type it hangs on is relabelled to `dashboard`, so the permission keeps its
id and every grant; the old app's empty table is dropped.
"""

from django.db import migrations, models


def adopt_lup_permission(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    old = ContentType.objects.using(db).filter(app_label="lup", model="dashboard").first()
    if old is None:
        return  # a new database: auth creates the permission after migrate
    new = ContentType.objects.using(db).filter(app_label="dashboard", model="dashboard").first()
    if new is None:
        old.app_label = "dashboard"
        old.save(update_fields=["app_label"])
        return
    # Both exist (the new one made by an earlier run): carry the grants over, drop the old.
    for permission in Permission.objects.using(db).filter(content_type=old):
        target, _created = Permission.objects.using(db).get_or_create(
            content_type=new, codename=permission.codename, defaults={"name": permission.name}
        )
        for group in permission.group_set.all():
            group.permissions.add(target)
        for user in permission.user_set.all():
            user.user_permissions.add(target)
    old.delete()


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Dashboard",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
            ],
            options={
                "verbose_name": "dashboard",
                "verbose_name_plural": "dashboards",
                "permissions": [("view_dashboard", "Can view the manager dashboard")],
                "default_permissions": (),
            },
        ),
        migrations.RunPython(adopt_lup_permission, migrations.RunPython.noop),
        migrations.RunSQL("DROP TABLE IF EXISTS lup_dashboard", migrations.RunSQL.noop),
    ]
