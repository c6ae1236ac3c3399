import sys
from pathlib import Path
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from lup.transfer.files import FileError, read_path
from lup.transfer.importer import import_tables
from lup.transfer.report import summary_lines


class ProgressBar:
    """A one-line progress bar on standard error, drawn only on a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()

    def __call__(self, label: str, done: int, total: int) -> None:
        if not self.enabled or total < 500:
            return
        width = 30
        filled = width * done // total
        self.stream.write(f"\r{label:<20} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import the portfolio from an XLSX workbook, a CSV file or a folder of CSV files "
        "(docs/import.md). Every bad row is reported and then nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count, write nothing."
        )
        parser.add_argument(
            "--create-bodies",
            action="store_true",
            help="Create public bodies that rows name but no sheet or record holds.",
        )
        parser.add_argument("--lang", default="nb", choices=["nb", "en"], help="Report language.")
        parser.add_argument("--user", help="Username recorded in the records' history.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        user = None
        if options["user"]:
            try:
                user = get_user_model().objects.get(username=options["user"])
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"No user {options['user']!r}.") from exc
        with translation.override(options["lang"]):
            try:
                tables = read_path(path)
            except FileError as exc:
                raise CommandError(str(exc)) from exc
            report = import_tables(
                tables,
                dry_run=options["dry_run"],
                create_bodies=options["create_bodies"],
                user=user,
                reason=f"Import: {path.name}",
                language=options["lang"],
                progress=ProgressBar(sys.stderr),
            )
            for problem in report.problems:
                self.stderr.write(str(problem))
            for line in summary_lines(report):
                self.stdout.write(line)
        if report.problems:
            raise CommandError(summary_lines(report)[-1])
