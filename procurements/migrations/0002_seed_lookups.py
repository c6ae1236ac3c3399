"""Seed the lookup tables with the values of SPEC section 3; staff edit them in admin afterwards."""

from django.db import migrations

SECTORS = [
    ("helse", "Helse", "Health"),
    ("omsorg", "Omsorg", "Care"),
    ("velferd", "Velferd", "Welfare"),
    ("infrastruktur", "Infrastruktur", "Infrastructure"),
    ("forsvar", "Forsvar", "Defence"),
    ("annet", "Annet", "Other"),
]
PROCEDURES = [
    ("innovasjonspartnerskap", "Innovasjonspartnerskap", "Innovation partnership"),
    ("konkurransepreget-dialog", "Konkurransepreget dialog", "Competitive dialogue"),
    (
        "konkurranse-med-forhandling",
        "Konkurranse med forhandling etter markedsdialog",
        "Competitive procedure with negotiation after market dialogue",
    ),
    ("pcp", "Førkommersiell anskaffelse (PCP)", "Pre-commercial procurement (PCP)"),
    ("plan-og-designkonkurranse", "Plan- og designkonkurranse", "Design contest"),
    ("annet", "Annen prosedyre", "Other procedure"),
]
PHASES = [
    ("forankring", "Forankring", "Anchoring"),
    ("behovsavklaring", "Behovsavklaring", "Needs assessment"),
    ("markedsdialog", "Markedsdialog", "Market dialogue"),
    ("konkurranse", "Konkurranse", "Competition"),
    ("utvikling-kontrakt", "Utvikling/kontrakt", "Development/contract"),
    ("implementering", "Implementering", "Implementation"),
    ("avsluttet", "Avsluttet", "Closed"),
]


def seed(apps, schema_editor):
    for model_name, rows in (("Sector", SECTORS), ("Procedure", PROCEDURES), ("Phase", PHASES)):
        model = apps.get_model("procurements", model_name)
        for position, (code, name, name_en) in enumerate(rows, start=1):
            model.objects.update_or_create(
                code=code, defaults={"name": name, "name_en": name_en, "position": position}
            )


def unseed(apps, schema_editor):
    for model_name, rows in (("Sector", SECTORS), ("Procedure", PROCEDURES), ("Phase", PHASES)):
        apps.get_model("procurements", model_name).objects.filter(
            code__in=[code for code, _, _ in rows]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("procurements", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
