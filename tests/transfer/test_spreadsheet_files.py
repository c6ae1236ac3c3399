"""Norwegian spreadsheet files: separators, encodings, decimal commas, dates, org numbers."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from openpyxl import load_workbook

from lup.transfer.columns import KINDS, kind_by_headers
from lup.transfer.export import EXAMPLES, export_workbook, sheet, workbook_from_tables
from lup.transfer.files import decode, delimiter, read_path, read_upload, write_csv
from partners.models import PublicBody
from procurements.models import Procurement
from tests.procurements.factories import ProcurementFactory, SectorFactory

from .helpers import ORG_A, run

HEADER_NB = "referanse;tittel;fagområde;startet;avsluttet;anslått verdi (NOK)"
ROW_NB = "P-1;Ærlig øvelse på Å;helse;01.03.2023;31.12.2024;1 500 000,00"
BODIES_NB = f"navn;organisasjonsnummer;type\nEtat Æ;{ORG_A[:3]} {ORG_A[3:6]} {ORG_A[6:]};Statlig\n"
PARTS = f"procurement,body_org_number,role\nP-1,{ORG_A},lead\n"


@pytest.fixture
def sectors(db):
    SectorFactory(code="helse", name="Helse", name_en="Health")


def variants():
    text = f"{HEADER_NB}\r\n{ROW_NB}\r\n"
    return {
        "semicolon, UTF-8 with BOM": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "semicolon, UTF-8": text.encode("utf-8"),
        "semicolon, Windows-1252": text.encode("cp1252"),
        "comma, UTF-8, quoted": (
            "reference,title,sector,started_on,ended_on,estimated_value_nok\r\n"
            '"P-1","Ærlig øvelse på Å",Health,2023-03-01,2024-12-31,"1500000,0"\r\n'
        ).encode(),
    }


@pytest.mark.parametrize("name", list(variants()))
def test_each_csv_variant_reads_the_same_procurement(sectors, name):
    files = [
        (variants()[name], "procurements.csv"),
        (b"\xef\xbb\xbf" + BODIES_NB.encode("utf-8"), "offentlige virksomheter.csv"),
        (PARTS.encode("utf-8"), "deltakelser.csv"),
    ]
    tables = [table for data, filename in files for table in read_upload(data, filename)]
    from lup.transfer.importer import import_tables

    report = import_tables(tables, reason="Import: csv")
    assert report.problems == []
    procurement = Procurement.objects.get(reference="P-1")
    assert procurement.title == "Ærlig øvelse på Å"
    assert procurement.started_on == datetime.date(2023, 3, 1)
    assert procurement.ended_on == datetime.date(2024, 12, 31)
    assert procurement.estimated_value_nok == 1_500_000
    assert PublicBody.objects.get(org_number=ORG_A).name == "Etat Æ"


def test_the_separator_is_told_from_the_header_line():
    assert delimiter("a;b;c\n1,5;2;3") == ";"
    assert delimiter('"a;b",c,d\n') == ","
    assert decode("Bodø".encode("cp1252")) == "Bodø"
    assert decode(b"\xef\xbb\xbfBod\xc3\xb8") == "Bodø"


def test_a_kind_is_known_by_its_headers_when_the_file_name_says_nothing():
    kind = kind_by_headers(["Referanse", "TITTEL", "fagområde"])
    assert kind is not None and kind.key == "procurements"
    kind = kind_by_headers(["procurement", "body_org_number", "role"])
    assert kind is not None and kind.key == "participations"


def test_excel_date_cells_are_dates(sectors):
    from .helpers import workbook

    data = workbook(
        {
            "Ark1": [
                ["reference", "title", "sector", "started_on"],
                ["P-1", "a", "helse", datetime.datetime(2023, 3, 1, 0, 0)],
            ],
            "Deltakelser": [["procurement", "body_org_number", "role"], ["P-1", ORG_A, "lead"]],
            "Offentlige virksomheter": [["name", "org_number", "body_type"], ["A", ORG_A, "state"]],
        }
    )
    assert run(data).problems == []
    assert Procurement.objects.get().started_on == datetime.date(2023, 3, 1)


@pytest.mark.django_db
def test_csv_is_written_for_norwegian_excel_by_default_and_as_rfc_4180_on_request():
    procurement = ProcurementFactory(
        reference="P-1",
        title="=1+1",
        estimated_value_nok=1500000,
        started_on=datetime.date(2023, 3, 1),
    )
    kind = next(k for k in KINDS if k.key == "procurements")
    norwegian = write_csv(sheet(kind), True)
    assert norwegian.startswith(b"\xef\xbb\xbf")
    lines = norwegian.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("id;referanse;tittel;")
    assert lines[1].startswith(f"{procurement.pk};P-1;'=1+1;")
    assert ";01.03.2023;" in lines[1] and ";1500000;" in lines[1]
    plain = write_csv(sheet(kind, False, False), False).decode("utf-8")
    assert plain.startswith("id,reference,title,")
    assert ",2023-03-01," in plain


@pytest.mark.django_db
def test_the_example_workbook_is_made_from_the_example_csv_files():
    """fixtures/examples/portfolio.xlsx holds exactly the records of fixtures/examples/csv/.
    After editing the CSV files: `python manage.py shell -c "from lup.transfer.export import
    write_example_workbook; write_example_workbook()"`."""

    def values(data: bytes) -> dict[str, list[list]]:
        book = load_workbook(io.BytesIO(data))
        return {s.title: [[c.value for c in row] for row in s.iter_rows()] for s in book}

    made = workbook_from_tables(read_path(EXAMPLES / "csv"))
    assert values((EXAMPLES / "portfolio.xlsx").read_bytes()) == values(made)
    assert len(load_workbook(EXAMPLES / "portfolio.xlsx").sheetnames) == len(KINDS)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["portfolio.xlsx", "csv"])
def test_the_examples_load_into_an_empty_database_and_a_second_run_changes_nothing(path):
    from django.core.management import call_command

    call_command("load_reference", verbosity=0)
    tables = read_path(Path(EXAMPLES) / path)
    from lup.transfer.importer import import_tables

    assert import_tables(tables, dry_run=True).problems == []
    assert Procurement.objects.count() == 0
    first = import_tables(tables, reason="Import: example")
    assert first.problems == [] and first.written
    assert Procurement.objects.count() == 3
    assert import_tables(tables).changes == 0
    exported = export_workbook()
    assert load_workbook(io.BytesIO(exported)).sheetnames[0] == "Offentlige virksomheter"
    assert settings.BASE_DIR
