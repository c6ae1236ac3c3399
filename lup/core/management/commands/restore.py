"""`manage.py restore FILE`: put back a database written by `manage.py backup`.

Replaces every table of the configured database with the backup's (PostgreSQL: pg_restore
--clean --if-exists --single-transaction, so a failed restore changes nothing; SQLite: the
backup copied over the database, page by page). Stop the app first. docs/operations.md.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from lup.core.backups import BackupError, restore_database


class Command(BaseCommand):
    help = "Replace the database's contents with the backup in FILE (stop the app first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A file written by `manage.py backup`.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No backup at {path}.")
        connection = connections[options["database"]]
        if options["interactive"]:
            answer = input(
                f"This replaces everything in the {connection.vendor} database "
                f"{connection.settings_dict['NAME']} with {path}. Type 'yes' to go on: "
            )
            if answer.strip() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restore_database(connection, path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored the {connection.vendor} database from {path}.")
