"""`manage.py backup [FILE]`: a consistent copy of the database, for `manage.py restore`.

PostgreSQL: `pg_dump --format=custom` (every table, sequence, function and trigger, the data
version's included; restore with pg_restore). SQLite: SQLite's online backup of the whole file,
consistent while the app keeps writing. docs/operations.md describes both; `make backup` calls
this command.
"""

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from lup.core.backups import backup_database


class Command(BaseCommand):
    help = "Copy the database to FILE (default backups/lup-<time>.<dump|sqlite3>)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="Where to write the backup.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        target = options["file"]
        if not target:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            suffix = "dump" if connection.vendor == "postgresql" else "sqlite3"
            target = f"backups/lup-{stamp}.{suffix}"
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        backup_database(connection, path)
        self.stdout.write(f"Backed up the {connection.vendor} database to {path}.")
