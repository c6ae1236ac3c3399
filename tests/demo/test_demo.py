"""The demo data: a deterministic generator, calibrated to LUP's published 2023 figures, loaded
idempotently by seed_demo."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from lup.demo import catalogue
from lup.demo.builder import build_demo_objects
from lup.demo.management.commands.generate_demo_fixture import dump
from lup.reporting.figures import annual_figures
from outreach import selectors as outreach_selectors
from outreach.models import ActivityKind, OutreachActivity
from partners import selectors as partner_selectors
from partners.models import County, Partnership, PublicBody
from procurements import selectors as procurement_selectors
from procurements.models import Participation, Phase, Procedure, Procurement, Sector

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

# LUP's annual report for 2023 (SPEC section 2), typed in here to be checked by hand.
PUBLISHED_2023 = {
    "year": 2023,
    "procurements_started": 26,
    "bodies_in_started": {"total": 58, "state": 16, "county": 2, "municipal": 37, "other": 3},
    "procurements_active": 64,
    "outreach_activities": 376,
    "outreach_participants": 11540,
    "webinars": 5,
    "webinar_registrants": 781,
    "posts_published": 83,
    "solutions_published": 21,
    "partners_total": 35,
    "partners_new": 5,
}
BODIES_IN_ACTIVE_2023 = 145
NEW_PARTNERS_2023 = [
    "Agder fylkeskommune",
    "Bodø kommune",
    "Forsvarets forskningsinstitutt (FFI)",
    "Forsvarsmateriell (FMA)",
    "Vestland fylkeskommune",
]
MUNICIPALITIES_2023 = 356


def reference_objects() -> list:
    return json.loads((FIXTURES / "reference.json").read_text(encoding="utf-8"))


def seed_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


# --- The generator ------------------------------------------------------------------------
def test_generator_is_deterministic_and_the_committed_fixture_is_current():
    first = build_demo_objects(reference_objects())
    second = build_demo_objects(reference_objects())
    assert first == second
    assert dump(first) == (FIXTURES / "demo.json").read_text(encoding="utf-8")


def test_demo_bodies_have_their_own_primary_keys_and_only_sourced_org_numbers():
    bodies = [
        o for o in build_demo_objects(reference_objects()) if o["model"] == "partners.publicbody"
    ]
    assert min(o["pk"] for o in bodies) == 1001
    org_numbers = {o["fields"]["name"]: o["fields"]["org_number"] for o in bodies}
    # Exactly the organisation numbers that shared/reference/lup_actors.csv gives.
    assert {name: org for name, org in org_numbers.items() if org} == {
        "Forsvarets forskningsinstitutt (FFI)": "970963340",
        "KS (Kommunesektorens organisasjon)": "971032146",
        "Norges forskningsråd": "970141669",
        "Direktoratet for forvaltning og økonomistyring (DFØ)": "986252932",
        "Statens vegvesen": "971032081",
    }
    assert org_numbers["Forsvarsmateriell (FMA)"] is None


# --- The loaded data gives the published figures ------------------------------------------
def test_annual_figures_2023_are_the_published_ones(demo_data):
    # Every figure of SPEC section 2, through the product's one counting module.
    figures = annual_figures(2023)
    assert {key: figures[key] for key in PUBLISHED_2023} == PUBLISHED_2023
    assert figures["bodies_in_active"]["total"] == BODIES_IN_ACTIVE_2023
    assert [partner["name"] for partner in figures["new_partners"]] == NEW_PARTNERS_2023
    coverage = figures["municipal_coverage"]
    assert coverage["total"] == MUNICIPALITIES_2023
    assert 0.24 <= coverage["share"] <= 0.26  # "1 av 4 kommuner"
    assert coverage == {"involved": 89, "total": 356, "share": 0.25}
    # The sectors the report names lead the started procurements; "Annet" comes last.
    by_sector = [row["name"] for row in figures["started_by_sector"]]
    assert by_sector[-1] == "Annet"
    assert set(by_sector[:5]) == {"Helse", "Omsorg", "Velferd", "Infrastruktur", "Forsvar"}


def test_outreach_and_publications_of_every_year_are_the_planned_volumes(demo_data):
    for year, planned in catalogue.default().volumes.items():
        figures = annual_figures(year)
        counted = (
            figures["outreach_activities"],
            figures["outreach_participants"],
            figures["webinars"],
            figures["webinar_registrants"],
            figures["posts_published"],
            figures["solutions_published"],
        )
        assert counted == (
            planned.activities,
            planned.participants,
            planned.webinars,
            planned.webinar_registrants,
            planned.posts,
            planned.solutions,
        ), year


def test_the_selectors_give_the_published_figures(demo_data):
    started = procurement_selectors.bodies_involved_in_started(2023)
    assert procurement_selectors.started_in(2023).count() == 26
    assert procurement_selectors.active_in(2023).count() == 64
    assert started.count() == 58
    assert {
        t: started.filter(body_type=t).count() for t in ("state", "county", "municipal", "other")
    } == {
        "state": 16,
        "county": 2,
        "municipal": 37,
        "other": 3,
    }
    assert procurement_selectors.bodies_involved_in_active(2023).count() == 145
    assert (
        procurement_selectors.bodies_involved_in_active(2023).filter(body_type="municipal").count()
        == 89
    )
    assert partner_selectors.municipalities_valid_on(datetime.date(2023, 12, 31)).count() == 356
    assert outreach_selectors.activities_in(2023).count() == 376
    assert outreach_selectors.webinars_in(2023).count() == 5
    assert outreach_selectors.posts_published_in(2023).count() == 83
    assert procurement_selectors.solutions_published_in(2023).count() == 21
    assert partner_selectors.partners_at_end_of(2023).count() == 35
    assert (
        sorted(partner_selectors.new_partners_in(2023).values_list("name", flat=True))
        == NEW_PARTNERS_2023
    )


def test_every_demo_year_has_a_growing_programme(demo_data):
    series = [annual_figures(year) for year in range(2019, 2026)]
    for figures in series:
        year = figures["year"]
        assert figures["procurements_started"] >= 10, year
        assert figures["bodies_in_started"]["total"] > 0, year
        assert figures["outreach_activities"] > 200, year
        assert figures["webinars"] > 0, year
        assert figures["posts_published"] > 0, year
        assert figures["solutions_published"] > 0, year
        assert figures["partners_total"] > 0, year
    active = [figures["procurements_active"] for figures in series]
    outreach = [figures["outreach_activities"] for figures in series]
    assert active == sorted(active) and outreach == sorted(outreach)
    assert len({figures["procurements_started"] for figures in series}) > 4  # varied


# --- The records read like real work and follow the model's rules ------------------------
def test_procurements_have_one_lead_and_a_consistent_phase_history(demo_data):
    for procurement in Procurement.objects.prefetch_related("participations", "phase_changes"):
        roles = [p.role for p in procurement.participations.all()]
        assert roles.count("lead") == 1, procurement
        changes = list(procurement.phase_changes.all())  # ordered by date
        if procurement.started_on is None:
            assert changes == [] and procurement.phase_id is None
            continue
        assert changes[0].changed_on == procurement.started_on
        assert changes[-1].phase_id == procurement.phase_id, procurement
        if procurement.ended_on:
            assert procurement.outcome in ("completed", "cancelled")
            assert changes[-1].phase.code == "avsluttet"
            assert changes[-1].changed_on == procurement.ended_on
        else:
            assert procurement.outcome == "ongoing"
            assert changes[-1].phase.code != "avsluttet"


def test_bodo_leads_a_patient_record_procurement_with_over_30_other_municipalities(demo_data):
    epj = Procurement.objects.get(title="Elektronisk pasientjournal for kommunene i Nordland")
    assert epj.started_on.year == 2023
    lead = epj.participations.get(role="lead").body
    assert (lead.name, lead.org_number) == ("Bodø kommune", "972418013")
    in_2023 = procurement_selectors.participations_in(Procurement.objects.filter(pk=epj.pk), 2023)
    others = in_2023.filter(body__body_type="municipal").exclude(body=lead)
    assert others.count() > 30
    assert set(others.values_list("body__municipalities__county__name", flat=True)) == {"Nordland"}


def test_all_eleven_county_authorities_of_2023_are_partners_at_its_end(demo_data):
    counties = County.objects.valid_on(datetime.date(2023, 12, 31))
    assert counties.count() == 11
    partners = partner_selectors.partners_at_end_of(2023)
    assert set(counties.values_list("body_id", flat=True)) <= set(
        partners.values_list("id", flat=True)
    )
    joined_2023 = Partnership.objects.filter(body__body_type="county", started_on__year=2023)
    assert sorted(joined_2023.values_list("body__name", flat=True)) == [
        "Agder fylkeskommune",
        "Vestland fylkeskommune",
    ]
    dissolved = Partnership.objects.filter(ended_on=datetime.date(2023, 12, 31))
    assert sorted(dissolved.values_list("body__name", flat=True)) == [
        "Troms og Finnmark fylkeskommune",
        "Vestfold og Telemark fylkeskommune",
        "Viken fylkeskommune",
    ]
    successors = Partnership.objects.filter(body__body_type="county", started_on__year=2024)
    assert successors.count() == 7


def test_the_2023_leadership_conference_gathered_25_top_leaders(demo_data):
    conference = OutreachActivity.objects.get(title="LUP-konferansen 2023")
    assert (conference.kind.code, conference.participants) == ("konferanse", 25)


def test_municipal_bodies_take_part_only_while_their_code_is_valid(demo_data):
    # The reference code lists start in 2020; from then on, no participation of a municipality
    # (such as Ålesund 2020–2023) runs past the end of its code.
    for participation in Participation.objects.filter(body__body_type="municipal").select_related(
        "procurement"
    ):
        day = (
            participation.left_on
            or participation.procurement.ended_on
            or datetime.date(2025, 12, 31)
        )
        if day.year >= 2020:
            assert participation.body.municipalities.valid_on(day).exists(), participation


# --- seed_demo ----------------------------------------------------------------------------
def snapshot() -> dict[str, list[dict]]:
    """Every row of every table, in primary-key order. Many-to-many rows without their own id:
    a link removed and added again is the same link. The data version is left out: every
    write changes it (lup/reporting/dataversion.py), which is what it is for."""
    tables = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and m._meta.label != "reporting.DataVersion"
    ]
    rows = {}
    for model in tables:
        values = list(model.objects.order_by("pk").values())
        if model._meta.auto_created:
            values = sorted(sorted((k, v) for k, v in row.items() if k != "id") for row in values)
        rows[model._meta.label] = values
    return rows


def test_seed_demo_again_restores_what_changed_and_changes_nothing_else(demo_data):
    before = snapshot()  # after the first seed_demo
    assert sum(map(len, before.values())) > 5000  # reference and demo data, history tables
    # A staff edit (a new title, a new updated_at, a history row), a removed link and a deleted
    # record (and its history row).
    procurement = Procurement.objects.get(pk=1)
    procurement.title = "Endret tittel"
    procurement.save()
    activity = OutreachActivity.objects.filter(procurements=1).first()
    activity.procurements.clear()
    Participation.objects.get(pk=1).delete()

    output = seed_demo()

    assert "4336 records loaded (1 new, 4335 already present" in output
    after = snapshot()
    history = {label for label in after if label.split(".")[1].startswith("Historical")}
    assert {k: v for k, v in after.items() if k not in history} == {
        k: v for k, v in before.items() if k not in history
    }
    # The history keeps the three staff edits (the removed link is in the activity's history,
    # with no link left), and the load itself writes none (raw saves, and their links).
    added = {k: len(after[k]) - len(before[k]) for k in history if after[k] != before[k]}
    assert added == {
        "procurements.HistoricalProcurement": 1,
        "procurements.HistoricalParticipation": 1,
        "outreach.HistoricalOutreachActivity": 1,
    }


def test_loading_the_demo_writes_no_history_rows(demo_data):
    # loaddata saves raw, and django-simple-history records no raw save.
    historical = [m for m in apps.get_models() if m.__name__.startswith("Historical")]
    assert historical
    assert {m._meta.label: m.objects.count() for m in historical if m.objects.exists()} == {}


def test_loaded_records_keep_the_fixture_timestamps(demo_data):
    # Raw saves skip auto_now and auto_now_add: the stamps are the fixture's, not the load time.
    fixture = {
        (o["model"], o.get("pk")): o["fields"]
        for o in json.loads((FIXTURES / "demo.json").read_text(encoding="utf-8"))
    }
    procurement = Procurement.objects.get(pk=1)
    stamps = fixture["procurements.procurement", 1]
    assert procurement.created_at.isoformat() == stamps["created_at"].replace("Z", "+00:00")
    assert procurement.updated_at.isoformat() == stamps["updated_at"].replace("Z", "+00:00")
    assert procurement.updated_at.date() == datetime.date(2025, 4, 16)  # its latest phase change
    body = PublicBody.objects.get(pk=1001)
    assert body.created_at == body.updated_at == datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)


def test_the_demo_fixture_names_lookup_rows_by_code_not_by_id(db, tmp_path):
    # Give every lookup row another id than a freshly migrated database gives it.
    for model in (Sector, Procedure, Phase, ActivityKind):
        rows = list(model.objects.order_by("pk").values())
        model.objects.all().delete()
        model.objects.bulk_create(model(**{**row, "id": row["id"] + 100}) for row in rows[::-1])
    # Part of the fixture that needs no bodies: the advisers, procurement 1 and its phase
    # history, and a webinar.
    objects = json.loads((FIXTURES / "demo.json").read_text(encoding="utf-8"))
    epj = next(o for o in objects if o["model"] == "procurements.procurement" and o["pk"] == 1)
    changes = [
        o
        for o in objects
        if o["model"] == "procurements.phasechange" and o["fields"]["procurement"] == 1
    ]
    webinar = next(
        o
        for o in objects
        if o["model"] == "outreach.outreachactivity" and o["fields"]["kind"] == ["webinar"]
    )
    users = [o for o in objects if o["model"] == "auth.user"]
    part = tmp_path / "part.json"
    part.write_text(json.dumps([*users, epj, *changes, webinar]), encoding="utf-8")

    call_command("loaddata", str(part), verbosity=0)

    procurement = Procurement.objects.get(pk=1)
    assert (procurement.sector.code, procurement.procedure.code) == (
        "helse",
        "konkurranse-med-forhandling",
    )
    assert procurement.sector_id > 100
    assert procurement.phase.code == epj["fields"]["phase"][0]
    assert list(procurement.phase_changes.values_list("phase__code", flat=True)) == [
        change["fields"]["phase"][0] for change in changes
    ]
    assert OutreachActivity.objects.get(pk=webinar["pk"]).kind.code == "webinar"


def test_seed_demo_names_a_lookup_code_the_database_lacks(demo_data):
    Sector.objects.filter(code="helse").update(code="helse-gammel")
    with pytest.raises(CommandError, match="lookup rows .* procurements.sector 'helse'"):
        seed_demo()


def test_seed_demo_refuses_to_give_an_org_number_to_a_second_body(demo_data):
    PublicBody.objects.filter(pk=1001).update(org_number=None)
    PublicBody.objects.create(
        name="FFI (registrert for hånd)", org_number="970963340", body_type="state"
    )
    with pytest.raises(CommandError, match="970963340"):
        seed_demo()


def test_seed_demo_refuses_a_database_with_records_of_its_own(demo_data):
    # Make the loaded records look like someone's real data: no demo marker in the notes.
    Procurement.objects.update(notes="")
    PublicBody.objects.update(notes="")
    with pytest.raises(CommandError, match="not demo data"):
        seed_demo()


def test_a_test_without_demo_data_sees_none_of_it(db):
    # The shared demo data lives in a transaction of its own tests only (tests/demo/shared_load.py).
    assert not Procurement.objects.exists()
    assert not PublicBody.objects.exists()
