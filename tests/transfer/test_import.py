"""import_portfolio's checks: every bad row named at once, all or nothing, dry run, re-import."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from outreach.models import OutreachActivity
from partners.models import Partnership, PublicBody
from procurements.models import Participation, PhaseChange, Procurement, Role
from tests.partners.factories import MunicipalityFactory, PublicBodyFactory
from tests.procurements.factories import ParticipationFactory, ProcurementFactory, SectorFactory

from .helpers import ORG_A, ORG_B, ORG_C, run, where, workbook

pytestmark = pytest.mark.django_db

BODIES = ["name", "org_number", "body_type"]
PROCUREMENTS = ["reference", "title", "sector", "started_on", "ended_on"]
PARTICIPATIONS = ["procurement", "body_org_number", "role"]


@pytest.fixture
def sectors():
    SectorFactory(code="helse", name="Helse", name_en="Health")


def good_sheets():
    return {
        "public_bodies": [
            BODIES,
            ["Etat A", ORG_A, "state"],
            ["Etat B", f"{ORG_B[:3]} {ORG_B[3:6]} {ORG_B[6:]}", "Statlig"],
        ],
        "procurements": [
            PROCUREMENTS,
            ["P-1", "Første", "helse", "01.03.2023", None],
            ["P-2", "Andre", "Health", datetime.datetime(2023, 5, 1), "2024-01-31"],
        ],
        "participations": [
            PARTICIPATIONS,
            ["P-1", ORG_A, "lead"],
            ["P-1", ORG_B, "Deltaker"],
            ["P-2", ORG_B, "Ansvarlig (leder)"],
        ],
    }


def test_a_good_workbook_is_imported_and_a_second_run_changes_nothing(sectors, superuser):
    data = workbook(good_sheets())
    report = run(data, user=superuser)
    assert report.problems == []
    assert report.written
    assert {k: (c.created, c.changed, c.unchanged) for k, c in report.counts.items()} == {
        "Offentlige virksomheter": (2, 0, 0),
        "Anskaffelser": (2, 0, 0),
        "Deltakelser": (3, 0, 0),
    }
    second = import_twice = run(data, user=superuser)
    assert import_twice.changes == 0 and second.problems == []
    assert {c.unchanged for c in second.counts.values()} == {2, 3}
    p2 = Procurement.objects.get(reference="P-2")
    assert (p2.started_on, p2.ended_on) == (datetime.date(2023, 5, 1), datetime.date(2024, 1, 31))
    assert PublicBody.objects.get(org_number=ORG_B).name == "Etat B"
    assert Participation.objects.get(procurement=p2).role == Role.LEAD
    record = p2.history.get()
    assert (record.history_user, record.history_change_reason) == (
        superuser,
        "Import: portfolio.xlsx",
    )


def test_a_changed_cell_is_one_change_with_history(sectors):
    run(workbook(good_sheets()))
    sheets = good_sheets()
    sheets["procurements"][1][1] = "Første, nytt navn"
    report = run(workbook(sheets), filename="v2.xlsx")
    assert report.counts["Anskaffelser"].changed == 1
    assert report.counts["Anskaffelser"].unchanged == 1
    procurement = Procurement.objects.get(reference="P-1")
    assert procurement.title == "Første, nytt navn"
    assert procurement.history.first().history_change_reason == "Import: v2.xlsx"


def test_a_dry_run_writes_nothing_and_counts(sectors):
    report = run(workbook(good_sheets()), dry_run=True)
    assert report.problems == [] and not report.written
    assert report.counts["Anskaffelser"].created == 2
    assert Procurement.objects.count() == 0
    assert PublicBody.objects.count() == 0


def test_every_bad_row_is_named_and_nothing_is_written(sectors):
    ProcurementFactory(reference="DB-1", title="I basen")  # no lead yet: gets one from the file
    sheets = good_sheets()
    sheets["public_bodies"] += [
        ["Feil sjekksiffer", "983971602", "state"],  # row 4: checksum
        ["Ukjent type", ORG_C, "department"],  # row 5: unknown body type
        ["Etat A igjen", ORG_A, "state"],  # row 6: duplicate of row 2
    ]
    sheets["procurements"] += [
        ["P-3", "Ukjent fagområde", "romfart", "01.01.2023", None],  # row 4
        ["P-4", "Uleselig dato", "helse", "31.02.2023", None],  # row 5
        ["P-5", "Slutt før start", "helse", "01.06.2023", "01.05.2023"],  # row 6
        ["P-6", "Uten ansvarlig", "helse", "01.06.2023", None],  # row 7: no lead
        ["P-7", "To ansvarlige", "helse", "01.06.2023", None],  # row 8
        ["P-1", "Dobbel", "helse", "01.06.2023", None],  # row 9: duplicate of row 2
    ]
    sheets["participations"] += [
        ["P-7", ORG_A, "lead"],  # row 5
        ["P-7", ORG_B, "lead"],  # row 6
        ["P-404", ORG_A, "lead"],  # row 7: no such procurement
        ["DB-1", ORG_A, "lead"],  # row 8: fine, a procurement in the database
    ]
    sheets["outreach_activities"] = [
        ["date", "title", "kind", "participants"],
        ["01.02.2023", "Negativt", "webinar", -5],  # row 2: negative count
    ]
    before = (
        PublicBody.objects.count(),
        Procurement.objects.count(),
        Participation.objects.count(),
    )
    report = run(workbook(sheets), language="en")
    assert where(report) == {
        ("public_bodies", 4, "org_number"),
        ("public_bodies", 5, "body_type"),
        ("public_bodies", 6, "name"),
        ("procurements", 4, "sector"),
        ("procurements", 5, "started_on"),
        ("procurements", 6, "ended_on"),
        ("procurements", 7, "reference"),
        ("procurements", 9, "reference"),
        ("participations", 5, "role"),
        ("participations", 6, "role"),
        ("participations", 7, "procurement"),
        ("outreach_activities", 2, "participants"),
    }
    reasons = {(p.sheet, p.row): (p.value, p.reason) for p in report.problems}
    assert reasons[("public_bodies", 4)] == (
        "983971602",
        "983971602 is not a valid organisation number: the check digit is wrong.",
    )
    assert reasons[("procurements", 5)][0] == "31.02.2023"
    assert reasons[("procurements", 5)][1].startswith("Not a date")
    assert reasons[("procurements", 6)][1] == "A procurement cannot end before it starts."
    assert "no lead" in reasons[("procurements", 7)][1]
    assert "2 leads" in reasons[("participations", 5)][1]
    assert reasons[("public_bodies", 6)][1] == "Duplicate row: the same record as row 2."
    assert reasons[("procurements", 9)][1] == "Duplicate row: the same record as row 2."
    assert reasons[("outreach_activities", 2)][1] == "A count or amount cannot be negative."
    assert not report.written
    after = (PublicBody.objects.count(), Procurement.objects.count(), Participation.objects.count())
    assert after == before
    assert OutreachActivity.objects.count() == 0


def test_reasons_are_norwegian_by_default(sectors):
    sheets = good_sheets()
    sheets["procurements"].append(["P-3", "Ukjent", "romfart", "01.01.2023", None])
    report = run(workbook(sheets))
    (problem,) = report.problems
    assert problem.column == "fagområde"
    assert problem.reason.startswith("Ukjent fagområde.")


def test_one_bad_row_among_good_ones_fails_the_command(sectors, tmp_path, capsys):
    sheets = good_sheets()
    sheets["participations"].append(["P-404", ORG_A, "participant"])
    path = tmp_path / "portfolio.xlsx"
    path.write_bytes(workbook(sheets))
    with pytest.raises(CommandError):
        call_command("import_portfolio", str(path), "--lang", "en")
    err = capsys.readouterr().err
    assert "participations, row 5, procurement: «P-404» No procurement has this reference" in err
    assert Procurement.objects.count() == 0


def test_unknown_body_is_created_only_with_create_bodies(sectors):
    sheets = {
        "procurements": [PROCUREMENTS, ["P-1", "Første", "helse", "01.03.2023", None]],
        "participations": [
            ["procurement", "body", "body_org_number", "body_type", "role"],
            ["P-1", "Ny etat", ORG_C, "state", "lead"],
        ],
    }
    refused = run(workbook(sheets))
    assert where(refused) == {("participations", 2, "virksomhetens organisasjonsnummer")}
    assert "--create-bodies" in refused.problems[0].reason
    created = run(workbook(sheets), create_bodies=True)
    assert created.problems == []
    assert created.counts["Offentlige virksomheter"].created == 1
    assert PublicBody.objects.get(org_number=ORG_C).name == "Ny etat"


def test_a_body_is_found_by_the_municipality_number_valid_on_the_records_date(sectors):
    old, new = PublicBodyFactory(name="Gamle kommune"), PublicBodyFactory(name="Nye kommune")
    MunicipalityFactory(
        number="4601",
        body=old,
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2023, 12, 31),
    )
    MunicipalityFactory(number="4601", body=new, valid_from=datetime.date(2024, 1, 1))
    sheets = {
        "partnerships": [
            ["body_number", "started_on"],
            ["4601", "01.06.2023"],
            ["4601", "01.06.2024"],
            ["9999", "01.06.2024"],
        ]
    }
    report = run(workbook(sheets), language="en")
    assert where(report) == {("partnerships", 4, "body_number")}
    assert report.problems[0].value == "9999"
    assert report.problems[0].reason.startswith("No public body has this number on ")
    sheets["partnerships"].pop()
    assert run(workbook(sheets)).problems == []
    assert set(Partnership.objects.values_list("body__name", "started_on__year")) == {
        ("Gamle kommune", 2023),
        ("Nye kommune", 2024),
    }


def test_lookups_match_code_and_names_in_both_languages(sectors):
    sheets = {
        "procurements": [
            ["reference", "title", "sector", "outcome"],
            ["P-1", "a", "HELSE", "Fullført"],
            ["P-2", "b", "Helse", "cancelled"],
            ["P-3", "c", "health", "Cancelled"],
        ],
        "participations": [PARTICIPATIONS, *[[f"P-{n}", ORG_A, "lead"] for n in (1, 2, 3)]],
        "public_bodies": [BODIES, ["Etat A", ORG_A, "state"]],
    }
    assert run(workbook(sheets)).problems == []
    assert list(Procurement.objects.order_by("reference").values_list("outcome", flat=True)) == [
        "completed",
        "cancelled",
        "cancelled",
    ]


def test_a_procurement_needs_a_reference_or_an_id(sectors):
    sheets = {"procurements": [["reference", "title", "sector"], [None, "Uten nøkkel", "helse"]]}
    report = run(workbook(sheets), language="en")
    assert [p.reason for p in report.problems] == ["A procurement needs a reference or an id."]


def test_an_unknown_sheet_and_an_unknown_column_are_named(sectors):
    sheets = {
        "Budsjett": [["konto", "beløp"], ["1", "2"]],
        "procurements": [["reference", "title", "sector", "farge"], ["P-1", "a", "helse", "blå"]],
    }
    report = run(workbook(sheets), language="en")
    assert where(report) >= {("Budsjett", 1, ""), ("procurements", 1, "farge")}


def test_the_lookups_and_records_are_read_in_a_fixed_number_of_queries(
    sectors, django_assert_num_queries
):
    """No query per row: ten times the rows, the same queries (the plan of a dry run)."""

    def sheets(n):
        return {
            "procurements": [PROCUREMENTS]
            + [[f"P-{i}", f"Anskaffelse {i}", "helse", "01.03.2023", None] for i in range(n)],
            "participations": [PARTICIPATIONS] + [[f"P-{i}", ORG_A, "lead"] for i in range(n)],
            "public_bodies": [BODIES, ["Etat A", ORG_A, "state"]],
        }

    ParticipationFactory(
        procurement=ProcurementFactory(reference="P-0"),
        body=PublicBodyFactory(name="Etat A", org_number=ORG_A),
        role=Role.LEAD,
    )
    small, large = workbook(sheets(5)), workbook(sheets(50))
    # The lookup tables (4), the bodies, the code lists (2), procurements, participations,
    # phase changes, partnerships, activities, posts, solutions, the activities' links (15),
    # and the transaction's savepoint and its release (2).
    with django_assert_num_queries(17):
        assert run(small, dry_run=True).problems == []
    with django_assert_num_queries(17):
        assert run(large, dry_run=True).problems == []
    assert PhaseChange.objects.count() == 0
