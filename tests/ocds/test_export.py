"""GET /api/v1/ocds/releases/: the procurements as an OCDS 1.1 release package, valid against
the standard's schema (jsonschema, offline: tests/ocds/schema-1.1.5/) and its code lists."""

import csv
import datetime
import json
from pathlib import Path

import pytest
from django.core.checks import run_checks
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from partners.models import BodyType
from procurements import selectors
from procurements.models import Outcome, Role
from tests.apiutils import PERMISSION_QUERIES, field_errors
from tests.partners.factories import PublicBodyFactory
from tests.procurements.factories import (
    ParticipationFactory,
    PhaseChangeFactory,
    PhaseFactory,
    ProcedureFactory,
    ProcurementFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/ocds/releases/"
SCHEMA_DIR = Path(__file__).parent / "schema-1.1.5"
RELEASE_SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
D = datetime.date


def _load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def package_errors(package: dict) -> list[str]:
    """Every error of `package` against the release package schema, its releases checked
    against the release schema the package schema refers to by URL."""
    registry = Registry().with_resource(
        RELEASE_SCHEMA_URL,
        Resource.from_contents(_load("release-schema.json"), default_specification=DRAFT4),
    )
    validator = Draft4Validator(_load("release-package-schema.json"), registry=registry)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(package)
    ]


def codelist(name: str) -> set[str]:
    with (SCHEMA_DIR / "codelists" / f"{name}.csv").open(encoding="utf-8") as handle:
        return {row["Code"] for row in csv.DictReader(handle)}


# Codes outside an open code list that the export uses on purpose (docs/ocds.md).
ADDITIONAL_CODES = {"relatedProcessScheme": {"Doffin"}}


def codelist_errors(package: dict) -> list[str]:
    """Each code of the package that is not in its code list (closed lists: method,
    tenderStatus, currency; open lists: releaseTag, partyRole, relatedProcessScheme)."""
    used: list[tuple[str, str]] = []
    for release in package["releases"]:
        used += [("releaseTag", tag) for tag in release["tag"]]
        used += [
            ("partyRole", role) for party in release.get("parties", []) for role in party["roles"]
        ]
        tender = release["tender"]
        if "status" in tender:
            used.append(("tenderStatus", tender["status"]))
        if "procurementMethod" in tender:
            used.append(("method", tender["procurementMethod"]))
        if "value" in tender:
            used.append(("currency", tender["value"]["currency"]))
        used += [("relatedProcessScheme", r["scheme"]) for r in release.get("relatedProcesses", [])]
    return [
        f"{name}: {code}"
        for name, code in used
        if code not in codelist(name) | ADDITIONAL_CODES.get(name, set())
    ]


# --- With the demo data ------------------------------------------------------------------------


def test_the_releases_of_2023_are_a_valid_package_of_the_64_active_procurements(
    demo_data, reader_client
):
    response = reader_client.get(URL, {"year": 2023})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    package = response.json()
    assert package_errors(package) == []
    assert codelist_errors(package) == []
    assert len(package["releases"]) == 64
    active = set(selectors.active_in(2023).values_list("id", flat=True))
    assert {r["ocid"] for r in package["releases"]} == {f"ocds-lup0no-{pk}" for pk in active}
    assert package["version"] == "1.1"
    assert package["uri"] == "http://testserver/api/v1/ocds/releases/?year=2023"
    assert package["publishedDate"] == max(r["date"] for r in package["releases"])
    for release in package["releases"]:
        datetime.datetime.fromisoformat(release["date"])
        for milestone in release["tender"].get("milestones", []):
            datetime.datetime.fromisoformat(milestone["dateMet"])


def test_every_year_of_the_demo_data_is_a_valid_package(demo_data, reader_client):
    for year in range(2019, 2026):
        package = reader_client.get(URL, {"year": year}).json()
        assert package_errors(package) == [], year
        assert codelist_errors(package) == [], year
        assert len(package["releases"]) == selectors.active_in(year).count(), year


# --- The mapping, on records made for it -------------------------------------------------------


@pytest.fixture
def procurement():
    bodo = PublicBodyFactory(name="Bodø kommune", org_number="972418013")
    helse = PublicBodyFactory(
        name="Helse Nord RHF", org_number="883658752", body_type=BodyType.OTHER
    )
    observer = PublicBodyFactory(name="Uten nummer", org_number=None)
    procurement = ProcurementFactory(
        title="Elektronisk pasientjournal",
        description="Felles journalløsning",
        sector=SectorFactory(code="helse"),
        procedure=ProcedureFactory(code="innovasjonspartnerskap", name="Innovasjonspartnerskap"),
        phase=PhaseFactory(code="konkurranse", name="Konkurranse"),
        started_on=D(2023, 3, 1),
        estimated_value_nok=250_000_000,
        doffin_procedure_id="2023-900001",
        doffin_notice_ids=["2023-145001", "2024-344217"],
    )
    ParticipationFactory(procurement=procurement, body=bodo, role=Role.LEAD)
    ParticipationFactory(procurement=procurement, body=helse, role=Role.PARTICIPANT)
    ParticipationFactory(procurement=procurement, body=observer, role=Role.OBSERVER)
    PhaseChangeFactory(procurement=procurement, phase=procurement.phase, changed_on=D(2023, 9, 15))
    return procurement


def release_of(client, procurement) -> dict:
    response = client.get(URL, {"procurement": procurement.id})
    assert response.status_code == 200, response.content
    package = response.json()
    assert package_errors(package) == []
    assert codelist_errors(package) == []
    [release] = package["releases"]
    return release


def test_a_release_maps_the_procurement(reader_client, procurement):
    release = release_of(reader_client, procurement)
    ocid = f"ocds-lup0no-{procurement.id}"
    assert release["ocid"] == ocid
    assert release["id"].startswith(f"{ocid}-") and release["id"].endswith("Z")
    assert (release["tag"], release["initiationType"], release["language"]) == (
        ["tender"],
        "tender",
        "nb",
    )
    assert release["parties"] == [
        {
            "id": "NO-BRC-972418013",
            "name": "Bodø kommune",
            "identifier": {"scheme": "NO-BRC", "id": "972418013", "legalName": "Bodø kommune"},
            "roles": ["buyer", "procuringEntity"],
        },
        {
            "id": "NO-BRC-883658752",
            "name": "Helse Nord RHF",
            "identifier": {"scheme": "NO-BRC", "id": "883658752", "legalName": "Helse Nord RHF"},
            "roles": ["buyer"],
        },
        {
            "id": f"ocds-lup0no-body-{procurement.participations.get(role='observer').body_id}",
            "name": "Uten nummer",
            "roles": ["interestedParty"],
        },
    ]
    lead = {"id": "NO-BRC-972418013", "name": "Bodø kommune"}
    assert release["buyer"] == lead
    tender = release["tender"]
    assert tender == {
        "id": "2023-900001",
        "title": "Elektronisk pasientjournal",
        "description": "Felles journalløsning",
        "status": "active",
        "procuringEntity": lead,
        "procurementMethod": "selective",
        "procurementMethodDetails": "Innovasjonspartnerskap",
        "value": {"amount": 250_000_000, "currency": "NOK"},
        "milestones": [
            {
                "id": "start",
                "title": "Oppstart",
                "dateMet": "2023-03-01T00:00:00+01:00",
                "status": "met",
            },
            {
                "id": f"phase-{procurement.phase_changes.get(changed_on=D(2023, 9, 15)).id}",
                "title": "Fase: Konkurranse",
                "dateMet": "2023-09-15T00:00:00+02:00",
                "status": "met",
            },
        ],
    }
    assert release["relatedProcesses"] == [
        {
            "id": "1",
            "title": "Doffin-kunngjøring 2023-145001",
            "scheme": "Doffin",
            "identifier": "2023-145001",
        },
        {
            "id": "2",
            "title": "Doffin-kunngjøring 2024-344217",
            "scheme": "Doffin",
            "identifier": "2024-344217",
        },
    ]


@pytest.mark.parametrize(
    ("changes", "status", "tag"),
    [
        (
            {"outcome": Outcome.CANCELLED, "ended_on": D(2024, 1, 31)},
            "cancelled",
            "tenderCancellation",
        ),
        ({"outcome": Outcome.COMPLETED, "ended_on": D(2024, 1, 31)}, "complete", "tender"),
        ({"phase_code": "markedsdialog"}, "planning", "tender"),
        ({"phase_code": "implementering"}, "complete", "tender"),
        ({"started_on": None}, "planned", "planning"),
    ],
)
def test_the_status_follows_the_outcome_and_the_phase(
    reader_client, procurement, changes, status, tag
):
    if "phase_code" in changes:
        procurement.phase = PhaseFactory(code=changes.pop("phase_code"))
    for name, value in changes.items():
        setattr(procurement, name, value)
    procurement.save()
    release = release_of(reader_client, procurement)
    assert (release["tender"]["status"], release["tag"]) == (status, [tag])


def test_a_bare_procurement_leaves_out_what_it_does_not_have(reader_client):
    procurement = ProcurementFactory(
        title="Plan", description="", procedure=None, phase=None, estimated_value_nok=None
    )
    release = release_of(reader_client, procurement)
    assert "parties" not in release and "buyer" not in release
    assert "relatedProcesses" not in release
    assert release["tender"] == {
        "id": f"ocds-lup0no-{procurement.id}",
        "title": "Plan",
        "status": "planning",
        "milestones": [
            {
                "id": "start",
                "title": "Oppstart",
                "dateMet": "2023-03-01T00:00:00+01:00",
                "status": "met",
            }
        ],
    }


def test_the_ocid_prefix_is_a_setting(reader_client, procurement, settings):
    settings.OCDS_OCID_PREFIX = "ocds-abc123"
    assert release_of(reader_client, procurement)["ocid"] == f"ocds-abc123-{procurement.id}"
    assert [m.id for m in run_checks()] == []
    settings.OCDS_OCID_PREFIX = "LUP"
    assert "ocds.E001" in [m.id for m in run_checks()]


def test_year_and_procurement_together_and_nothing_found(reader_client, procurement):
    assert (
        len(
            reader_client.get(URL, {"year": 2023, "procurement": procurement.id}).json()["releases"]
        )
        == 1
    )
    assert (
        reader_client.get(URL, {"year": 2022, "procurement": procurement.id}).json()["releases"]
        == []
    )
    empty = reader_client.get(URL, {"procurement": 999_999}).json()
    assert empty["releases"] == []
    assert package_errors(empty) == []


@pytest.mark.usefixtures("api_client_in_english")
@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ({}, {"non_field_errors": ["Give a year, a procurement or both."]}),
        ({"year": "1899"}, {"year": ["Give a year between 1900 and 2100, for example 2023."]}),
        ({"procurement": "x"}, {"procurement": ["A valid integer is required."]}),
    ],
)
def test_bad_queries_are_400(reader_client, query, errors):
    assert field_errors(reader_client.get(URL, query)) == errors


def test_the_export_takes_three_queries_whatever_the_size(
    reader_client, procurement, django_assert_num_queries
):
    for number in range(5):
        other = ProcurementFactory(title=f"P{number}")
        ParticipationFactory(procurement=other, role=Role.LEAD)
        PhaseChangeFactory(procurement=other)
    # The procurements (with procedure and phase), their participations with bodies, their
    # phase changes with phases; and the reader's permissions.
    with django_assert_num_queries(PERMISSION_QUERIES + 3):
        response = reader_client.get(URL, {"year": 2023})
    assert len(response.json()["releases"]) == 6


def test_reading_needs_a_user_like_the_other_reads(api_client):
    assert api_client.get(URL, {"year": 2023}).status_code in (401, 403)
