"""Export, then import into an empty database: the same records and the same annual figures."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone
from openpyxl import load_workbook

from lup.reporting.figures import first_year_with_data
from lup.transfer.columns import KINDS
from lup.transfer.export import export_workbook, sheet
from outreach.models import OutreachActivity, Publication
from partners.models import Partnership, PublicBody
from procurements.models import Participation, PhaseChange, Procurement, Solution
from tests.transfer.helpers import run

STATS = "/api/v1/stats/years/{}/"


def empty_the_portfolio() -> None:
    """Every record but the reference data (code lists and their bodies) and the lookups."""
    for model in (
        Solution,
        PhaseChange,
        Participation,
        OutreachActivity,
        Publication,
        Partnership,
        Procurement,
    ):
        model.objects.all().delete()
    PublicBody.objects.filter(Q(municipalities__isnull=True) & Q(counties__isnull=True)).delete()


def all_stats(client) -> dict[int, dict]:
    first = first_year_with_data()
    assert first is not None
    return {
        year: client.get(STATS.format(year) + "?fresh=1").json()
        for year in range(first, timezone.localdate().year + 1)
    }


def csv_export() -> dict[str, bytes]:
    from lup.transfer.files import write_csv

    return {kind.key: write_csv(sheet(kind, False, False), False) for kind in KINDS}


def test_demo_portfolio_round_trip_gives_identical_figures_for_every_year(
    demo_data, reader_client, superuser
):
    before = all_stats(reader_client)
    records = csv_export()
    data = export_workbook()

    empty_the_portfolio()
    assert Procurement.objects.count() == 0
    report = run(data, filename="eksport.xlsx", user=superuser)
    assert report.problems == [] and report.written

    assert all_stats(reader_client) == before
    assert csv_export() == records
    assert sum(1 for year in before.values() if year["procurements_active"]) >= 5
    again = run(data, filename="eksport.xlsx", user=superuser)
    assert again.changes == 0


def test_the_command_round_trip_through_a_folder_of_csv_files(demo_data, tmp_path):
    records = csv_export()
    call_command("export_portfolio", str(tmp_path / "csv"), stdout=io.StringIO())
    empty_the_portfolio()
    call_command("import_portfolio", str(tmp_path / "csv"), stdout=io.StringIO())
    assert csv_export() == records


@pytest.mark.django_db
def test_formula_names_are_text_in_the_workbook_and_come_back_unchanged():
    names = ['=HYPERLINK("http://x")', "+47 kommune", "-1 etat", "@SUM(A1)", "\tTab", "\rCR"]
    for index, name in enumerate(names):
        PublicBody.objects.create(name=name, body_type="state", notes=f"rad {index}")
    data = export_workbook()
    cells = load_workbook(io.BytesIO(data))["Offentlige virksomheter"]
    written = {row[1].value: row[1] for row in cells.iter_rows(min_row=2)}
    for name in names:
        cell = written["'" + name.replace("\r", "\n")]  # XLSX keeps line ends as LF
        assert cell.data_type == "s"  # text, not a formula ("f")
    PublicBody.objects.all().delete()
    assert run(data).problems == []
    assert sorted(PublicBody.objects.values_list("name", flat=True)) == sorted(
        name.replace("\r", "\n") for name in names
    )


@pytest.mark.django_db
def test_an_english_export_imports_back_to_the_same_records():
    """Headers as API names, lookups by their English names, choices by code."""
    import datetime

    from lup.transfer.files import write_csv
    from tests.outreach.factories import OutreachActivityFactory
    from tests.procurements.factories import ParticipationFactory, ProcurementFactory

    procurement = ProcurementFactory(reference="P-1", ended_on=datetime.date(2024, 5, 1))
    ParticipationFactory(procurement=procurement, role="lead")
    activity = OutreachActivityFactory()
    activity.procurements.add(procurement)
    before = {kind.key: write_csv(sheet(kind, False, False), False) for kind in KINDS}
    data = export_workbook(norwegian=False)
    assert load_workbook(io.BytesIO(data)).sheetnames[1] == "Procurements"
    empty_the_portfolio()
    PublicBody.objects.all().delete()
    assert run(data, language="en").problems == []
    assert {kind.key: write_csv(sheet(kind, False, False), False) for kind in KINDS} == before
