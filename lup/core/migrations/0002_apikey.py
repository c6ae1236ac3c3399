"""API keys stored as hashes (lup.core.models.ApiKey), replacing DRF's plain-text tokens.

The tokens of rest_framework.authtoken were kept in plain text; they cannot be turned into
hashed keys that their holders still have, so their table is dropped with them (holders ask
a superuser for a new key: docs/security.md).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def drop_plain_text_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if "authtoken_token" in connection.introspection.table_names():
        schema_editor.execute("DROP TABLE authtoken_token")
    if "django_migrations" in connection.introspection.table_names():
        schema_editor.execute("DELETE FROM django_migrations WHERE app = %s", ["authtoken"])
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(connection.alias).filter(app_label="authtoken").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_norwegian_collation'),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ApiKey',
            fields=[
                ('id', models.CharField(editable=False, max_length=150, primary_key=True, serialize=False, unique=True)),
                ('hashed_key', models.CharField(editable=False, max_length=150)),
                ('prefix', models.CharField(editable=False, max_length=8, unique=True, verbose_name='prefix')),
                ('created', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created')),
                ('name', models.CharField(help_text="What the key is for, e.g. the client's name.", max_length=50, verbose_name='name')),
                ('revoked', models.BooleanField(blank=True, default=False, help_text='A revoked key can no longer be used. This cannot be undone.', verbose_name='revoked')),
                ('expiry_date', models.DateTimeField(blank=True, help_text='After this the key can no longer be used.', null=True, verbose_name='expires')),
                ('read_only', models.BooleanField(default=True, help_text='A read-only key can only read (GET), whatever the user may do.', verbose_name='read only')),
                ('last_used_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='last used')),
                ('last_used_ip', models.GenericIPAddressField(blank=True, editable=False, null=True, verbose_name='last used from')),
                ('user', models.ForeignKey(help_text="The key acts as this user, with the user's permissions.", on_delete=django.db.models.deletion.CASCADE, related_name='api_keys', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'API key',
                'verbose_name_plural': 'API keys',
                'ordering': ('-created',),
                'permissions': [('read_api', 'Can read every record and figure through the API')],
                'abstract': False,
                'constraints': [models.CheckConstraint(condition=models.Q(('expiry_date__isnull', False)), name='apikey_has_expiry')],
            },
        ),
        migrations.RunPython(drop_plain_text_tokens, migrations.RunPython.noop),
    ]
