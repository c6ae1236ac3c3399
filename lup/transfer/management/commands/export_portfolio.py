from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lup.transfer.export import export_folder, export_workbook


class Command(BaseCommand):
    help = (
        "Export the whole portfolio in the import format (docs/import.md): an XLSX workbook "
        "when PATH ends in .xlsx, otherwise a folder with one CSV file per kind of record."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--lang",
            default="nb",
            choices=["nb", "en"],
            help="Headers and names: Norwegian labels (nb) or API names and codes (en).",
        )
        parser.add_argument(
            "--rfc4180",
            action="store_true",
            help="CSV as RFC 4180 (comma, UTF-8 without BOM, ISO dates), not Norwegian Excel's.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        norwegian = options["lang"] == "nb"
        if path.suffix.lower() == ".xlsx":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(export_workbook(norwegian))
            self.stdout.write(f"{path}")
            return
        for written in export_folder(path, norwegian, not options["rfc4180"]):
            self.stdout.write(f"{written}")
