import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partners.reference import build_reference_fixture

DEFAULT_SOURCE = Path(settings.BASE_DIR).parent / "shared" / "reference"
DEFAULT_TARGET = Path(settings.BASE_DIR) / "fixtures" / "reference.json"


class Command(BaseCommand):
    help = (
        "Write fixtures/reference.json (counties, municipalities and their public bodies, "
        "2020–2023 and 2024 maps) from the CSV code lists in shared/reference/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
        parser.add_argument("--output", type=Path, default=DEFAULT_TARGET)

    def handle(self, *args, source: Path, output: Path, **options):
        if not source.is_dir():
            raise CommandError(f"No reference folder at {source}; give one with --source.")
        objects = build_reference_fixture(source)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(
            json.dumps(objects, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        counts: dict[str, int] = {}
        for obj in objects:
            counts[obj["model"]] = counts.get(obj["model"], 0) + 1
        summary = ", ".join(f"{n} {model}" for model, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}: {summary}"))
