import datetime
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lup.core.models import Lookup
from lup.demo.builder import DEMO_NOTE
from lup.publishing.models import FigurePublication
from lup.publishing.services import publish
from outreach.models import OutreachActivity, Publication
from partners.models import Partnership, PublicBody
from procurements.models import Procurement, Solution

DEMO_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo.json"
# The demo's publication: 2023 as it went out in the annual report.
PUBLISHED_YEAR = 2023
PUBLISHED_NOTE = "Årsrapport 2023"
PUBLISHED_AT = datetime.datetime(2024, 2, 15, 10, 0, tzinfo=ZoneInfo("Europe/Oslo"))


def publish_demo_year() -> bool:
    """Publish 2023 as the annual report did, once: a later run finds it and adds nothing."""
    if FigurePublication.objects.filter(year=PUBLISHED_YEAR).exists():
        return False
    publish(PUBLISHED_YEAR, note=PUBLISHED_NOTE, published_at=PUBLISHED_AT)
    return True


def check_lookup_codes(objects: list[dict[str, Any]]) -> None:
    """The fixture names sectors, procedures, phases and activity kinds by code (natural key);
    refuse to load if this database lacks one. Without this check loaddata would take the code
    for a forward reference and fail later on a NULL, naming neither the table nor the code."""
    wanted: dict[type[Lookup], set[str]] = {}
    for obj in objects:
        model = apps.get_model(obj["model"])
        for name, value in obj["fields"].items():
            related = model._meta.get_field(name).related_model
            if value is not None and related is not None and issubclass(related, Lookup):
                wanted.setdefault(related, set()).add(value[0])
    missing = [
        f"{related._meta.label_lower} {code!r}"
        for related, codes in wanted.items()
        for code in sorted(codes - set(related.objects.values_list("code", flat=True)))
    ]
    if missing:
        raise CommandError(
            "The demo fixture refers to lookup rows this database does not have: "
            + ", ".join(missing)
            + ". They come from the data migrations (`python manage.py migrate`)."
        )


def check_database_is_for_demo() -> None:
    """Refuse a database with portfolio records of its own: the demo's ids would collide with
    them, and loading overwrites whatever it finds at those ids."""
    own_records = any(
        model.objects.exists()
        for model in (Procurement, Partnership, OutreachActivity, Publication, Solution)
    )
    demo_loaded = (
        Procurement.objects.filter(notes__startswith=DEMO_NOTE).exists()
        or PublicBody.objects.filter(notes__startswith=DEMO_NOTE).exists()
    )
    if own_records and not demo_loaded:
        raise CommandError(
            "This database already holds procurements, partnerships or outreach records that are "
            "not demo data; seed_demo only loads into an empty database or one with the demo data."
        )


def check_org_numbers(objects: list[dict[str, Any]]) -> None:
    """A demo body's organisation number must not belong to another body already."""
    wanted = {
        obj["fields"]["org_number"]: obj["pk"]
        for obj in objects
        if obj["model"] == "partners.publicbody" and obj["fields"]["org_number"]
    }
    clashes = [
        f"{name} ({org}, id {pk})"
        for org, pk, name in PublicBody.objects.filter(org_number__in=wanted).values_list(
            "org_number", "pk", "name"
        )
        if wanted[org] != pk
    ]
    if clashes:
        raise CommandError(
            "The demo data would give these organisation numbers to a second body: "
            + ", ".join(clashes)
        )


class Command(BaseCommand):
    help = (
        "Load the reference code lists (load_reference) and the illustrative demo portfolio "
        "(fixtures/demo.json, with loaddata), in one transaction. Idempotent: loaddata writes "
        "every demo record at its id, creating missing ones and restoring changed ones to their "
        "demo values, so a second run changes nothing. Publishes 2023 as in the annual report "
        "(once). Rows are saved raw, so no audit-history "
        "rows are added and the fixture's timestamps are kept."
    )

    def handle(self, *args, verbosity: int = 1, **options):
        if not DEMO_FIXTURE.is_file():
            raise CommandError(
                f"No demo fixture at {DEMO_FIXTURE}; run `python manage.py generate_demo_fixture`."
            )
        objects = json.loads(DEMO_FIXTURE.read_text(encoding="utf-8"))
        models = [apps.get_model(label) for label in dict.fromkeys(o["model"] for o in objects)]
        with transaction.atomic():
            check_database_is_for_demo()
            call_command("load_reference", verbosity=0)
            check_lookup_codes(objects)
            check_org_numbers(objects)
            before = sum(model.objects.count() for model in models)
            call_command("loaddata", str(DEMO_FIXTURE), verbosity=0)
            created = sum(model.objects.count() for model in models) - before
            # After the records: the publication counts the demo's 2023 as loaded.
            published = publish_demo_year()
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data: {len(objects)} records loaded ({created} new, "
                    f"{len(objects) - created} already present, rewritten with their demo values); "
                    "reference code lists loaded"
                    + (f"; {PUBLISHED_YEAR} published ({PUBLISHED_NOTE})" if published else "")
                    + ". Illustrative data, see fixtures/README.md."
                )
            )
