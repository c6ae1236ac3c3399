import json
from collections import Counter
from itertools import groupby
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializedObject
from django.db import connection, models, transaction

from lup.demo.builder import DEMO_NOTE, LOOKUP_PKS
from outreach.models import OutreachActivity, Publication
from partners.models import Partnership, PublicBody
from procurements.models import Procurement, Solution

DEMO_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo.json"


def check_lookups() -> None:
    """The fixture refers to sectors, procedures, phases and activity kinds by the primary keys
    their data migrations give on a fresh database; refuse to load if this database differs."""
    problems = []
    for label, expected in LOOKUP_PKS.items():
        found = dict(apps.get_model(label).objects.values_list("code", "pk"))
        for code, pk in expected.items():
            if found.get(code) != pk:
                problems.append(f"{label} {code!r}: expected id {pk}, found {found.get(code)}")
    if problems:
        raise CommandError(
            "The demo fixture cannot be loaded into this database: its lookup tables do not "
            "have the ids of a freshly migrated database (" + "; ".join(problems) + "). Load the "
            "demo data into a new database (`python manage.py migrate` on an empty one)."
        )


def check_database_is_for_demo() -> None:
    """Refuse a database with portfolio records of its own: the demo's ids would collide with
    them, and seed_demo restores what it finds at those ids."""
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


def _m2m_rows(model: type[models.Model], name: str, pks: list[Any]) -> dict[Any, set[Any]]:
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_column_name(), field.m2m_reverse_name()
    rows: dict[Any, set[Any]] = {}
    for owner, other in through.objects.filter(**{f"{source}__in": pks}).values_list(
        source, target
    ):
        rows.setdefault(owner, set()).add(other)
    return rows


def _sync_model(model: type[models.Model], batch: list[DeserializedObject]) -> Counter:
    """Create the missing rows of one model, restore the changed ones, leave the rest."""
    concrete = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    m2m = list(batch[0].m2m_data)
    pks = [item.object.pk for item in batch if item.object.pk is not None]
    stored = {row["pk"]: row for row in model.objects.filter(pk__in=pks).values("pk", *concrete)}
    links = {name: _m2m_rows(model, name, pks) for name in m2m}
    missing, changed, done = [], [], Counter()
    for item in batch:
        row = stored.get(item.object.pk)
        if row is None:
            missing.append(item)
        elif any(getattr(item.object, name) != row[name] for name in concrete) or any(
            set(item.m2m_data[name]) != links[name].get(item.object.pk, set()) for name in m2m
        ):
            changed.append(item)
        else:
            done["unchanged"] += 1
    stamped = any(
        getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        for f in model._meta.concrete_fields
    )
    if stamped:
        # bulk_create would stamp auto_now fields with the current time; a raw save (as
        # loaddata does) keeps the fixture's fixed timestamps.
        for item in missing:
            item.save()
    else:
        model.objects.bulk_create([item.object for item in missing])
        for name in m2m:
            field = model._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_column_name(), field.m2m_reverse_name()
            through.objects.bulk_create(
                [
                    through(**{source: item.object.pk, target: other})
                    for item in missing
                    for other in item.m2m_data[name]
                ]
            )
    for item in changed:
        item.save()  # raw: restores the row and its many-to-many links
    done["created"] += len(missing)
    done["restored"] += len(changed)
    return done


def sync_demo(text: str) -> Counter:
    """Bring the database in line with the demo fixture: one pass, in the fixture's order (users
    first, so that the advisers' natural keys resolve)."""
    done: Counter = Counter()
    touched = []
    with transaction.atomic():
        items = serializers.deserialize("json", text)
        for model, batch in groupby(items, key=lambda item: type(item.object)):
            result = _sync_model(model, list(batch))
            done.update(result)
            if result["created"] or result["restored"]:
                touched.append(model)
        if touched:  # PostgreSQL sequences must move past the fixture's primary keys
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), touched):
                    cursor.execute(sql)
    return done


class Command(BaseCommand):
    help = (
        "Load the reference code lists (load_reference) and the illustrative demo portfolio "
        "(fixtures/demo.json). Idempotent: demo records that are present and unchanged are left "
        "alone, missing ones are created and changed ones restored to their demo values. Rows "
        "are written raw, as loaddata writes them, so no audit-history rows are added."
    )

    def handle(self, *args, **options):
        if not DEMO_FIXTURE.is_file():
            raise CommandError(
                f"No demo fixture at {DEMO_FIXTURE}; run `python manage.py generate_demo_fixture`."
            )
        text = DEMO_FIXTURE.read_text(encoding="utf-8")
        check_lookups()
        check_database_is_for_demo()
        call_command("load_reference", verbosity=0)
        check_org_numbers(json.loads(text))
        done = sync_demo(text)
        total = sum(done.values())
        if done["created"] or done["restored"]:
            state = ", ".join(f"{done[k]} {k}" for k in ("created", "restored", "unchanged"))
        else:
            state = "already present and unchanged"
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {total} records ({state}); reference code lists loaded. "
                "Illustrative data, see fixtures/README.md."
            )
        )
