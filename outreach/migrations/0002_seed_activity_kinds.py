"""Seed the activity kinds of SPEC section 3; staff edit them in admin afterwards."""

from django.db import migrations

KINDS = [
    ("foredrag", "Foredrag", "Talk"),
    ("kurs", "Kurs", "Course"),
    ("webinar", "Webinar", "Webinar"),
    ("konferanse", "Konferanse", "Conference"),
    ("nettverksmote", "Nettverksmøte", "Network meeting"),
    ("annet", "Annet", "Other"),
]


def seed(apps, schema_editor):
    ActivityKind = apps.get_model("outreach", "ActivityKind")
    for position, (code, name, name_en) in enumerate(KINDS, start=1):
        ActivityKind.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "position": position}
        )


def unseed(apps, schema_editor):
    apps.get_model("outreach", "ActivityKind").objects.filter(
        code__in=[code for code, _, _ in KINDS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("outreach", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
