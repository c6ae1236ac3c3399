"""The Norwegian ICU collation on PostgreSQL (lup.core.collation); SQLite registers a function
of the same name on each connection instead, so this is a no-op there."""

from django.contrib.postgres.operations import CreateCollation
from django.db import migrations

from lup.core.collation import ICU_LOCALE, NORWEGIAN


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [CreateCollation(NORWEGIAN, provider="icu", locale=ICU_LOCALE)]
