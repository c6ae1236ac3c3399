import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lup.demo.builder import build_demo_objects
from lup.demo.catalogue import DATA_DIR, CatalogueError, load

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def dump(objects: list) -> str:
    """The fixture text: stable key order and layout, so regenerating is byte-identical."""
    return json.dumps(objects, ensure_ascii=False, indent=1) + "\n"


class Command(BaseCommand):
    help = (
        "Write fixtures/demo.json, the illustrative demo portfolio 2019–2025 calibrated to the "
        "published 2023 figures, from the data files in lup/demo/data/ (lup/demo/builder.py). "
        "Deterministic: the same data files give the same file. tests/demo/ checks the loaded "
        "result against the published figures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reference", type=Path, default=FIXTURES / "reference.json")
        parser.add_argument("--data", type=Path, default=DATA_DIR, help="The data files.")
        parser.add_argument("--output", type=Path, default=FIXTURES / "demo.json")

    def handle(self, *args, reference: Path, data: Path, output: Path, **options):
        if not reference.is_file():
            raise CommandError(
                f"No reference fixture at {reference}; run build_reference_fixture first."
            )
        reference_objects = json.loads(reference.read_text(encoding="utf-8"))
        try:
            objects = build_demo_objects(reference_objects, load(data))
        except (CatalogueError, KeyError, ValueError) as exc:
            raise CommandError(f"The demo data files in {data} do not build: {exc}") from exc
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(dump(objects), encoding="utf-8")
        counts: dict[str, int] = {}
        for obj in objects:
            counts[obj["model"]] = counts.get(obj["model"], 0) + 1
        summary = ", ".join(f"{n} {model}" for model, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}: {summary}"))
