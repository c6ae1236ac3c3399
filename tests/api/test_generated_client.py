"""A Python client generated from the live schema with openapi-python-client works for every
operation, the way an analyst would use it (README.md, "A Python client for the API").

The test generates the client from /api/v1/schema/ of a live server, imports every one of its
modules, and runs a round trip through it: a filtered list page by page, the figures of a
year, a procurement created with its participants, read back, changed, deleted, and a 400
parsed into field errors.
"""

import datetime
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from partners.models import BodyType
from procurements.models import Procurement
from tests.apiutils import TOKEN_SCHEME, api_token
from tests.partners.factories import PublicBodyFactory
from tests.procurements.factories import ParticipationFactory, ProcurementFactory, SectorFactory

# A live server sees only committed rows: a transactional test, which empties the tables when
# it ends; serialized_rollback keeps a copy of what the migrations wrote, which
# tests/api/conftest.py puts back after it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PACKAGE = "lup_api_client"
GENERATOR = Path(sys.executable).parent / "openapi-python-client"
D = datetime.date


@pytest.fixture
def generated_client(live_server, tmp_path):
    """The client package generated from the live server's schema, importable as PACKAGE."""
    config = tmp_path / "generator.yml"
    # No formatting hooks: the generated code is imported, not read.
    config.write_text("post_hooks: []\n")
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--url",
            f"{live_server.url}/api/v1/schema/?format=json",
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / PACKAGE),
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    sys.path.insert(0, str(tmp_path))
    yield importlib.import_module(PACKAGE)
    sys.path.remove(str(tmp_path))
    for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
        del sys.modules[name]


def import_every_module(package) -> list[str]:
    names = [package.__name__]
    for module in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        importlib.import_module(module.name)
        names.append(module.name)
    return names


@pytest.fixture
def portfolio():
    sector = SectorFactory(code="helse")
    bodies = {
        name: PublicBodyFactory(name=name, body_type=body_type)
        for name, body_type in [
            ("Bodø kommune", BodyType.MUNICIPAL),
            ("Helse Nord RHF", BodyType.OTHER),
            ("Nordland fylkeskommune", BodyType.COUNTY),
        ]
    }
    for title, started in [
        ("A-prosjekt", D(2023, 2, 1)),
        ("B-prosjekt", D(2022, 5, 1)),
        ("C-prosjekt", D(2023, 9, 1)),
        ("D-prosjekt", D(2021, 1, 1)),
    ]:
        procurement = ProcurementFactory(title=title, sector=sector, started_on=started)
        ParticipationFactory(procurement=procurement, body=bodies["Bodø kommune"], role="lead")
    # D ended in 2021: not active in 2023.
    Procurement.objects.filter(title="D-prosjekt").update(ended_on=D(2021, 12, 31))
    return sector, bodies


def test_the_generated_client_imports_and_runs_a_round_trip(
    generated_client, live_server, superuser, portfolio
):
    sector, bodies = portfolio
    modules = import_every_module(generated_client)
    assert len(modules) > 250
    assert f"{PACKAGE}.api.procurements.procurements_partial_update" in modules

    from lup_api_client import AuthenticatedClient

    client = AuthenticatedClient(
        base_url=live_server.url,
        token=api_token(superuser),
        prefix=TOKEN_SCHEME,
        raise_on_unexpected_status=True,
    )
    with client:  # closes its connections to the live server at the end
        round_trip(client, sector, bodies)


def round_trip(client, sector, bodies) -> None:
    from lup_api_client.api.procurements import (
        procurements_create,
        procurements_destroy,
        procurements_list,
        procurements_partial_update,
        procurements_retrieve,
    )
    from lup_api_client.api.stats import stats_year
    from lup_api_client.models import (
        OutcomeEnum,
        PatchedProcurementRequest,
        ProcurementParticipationRequest,
        ProcurementRequest,
        ProcurementsCreateValidationProblem,
        RoleEnum,
    )

    # A filtered list, page by page.
    first = procurements_list.sync(client=client, active_in=2023, ordering="title", page_size=2)
    assert first.count == 3
    assert [p.title for p in first.results] == ["A-prosjekt", "B-prosjekt"]
    assert first.next_
    second = procurements_list.sync(
        client=client, active_in=2023, ordering="title", page_size=2, page=2
    )
    assert [p.title for p in second.results] == ["C-prosjekt"]
    assert second.next_ is None
    # These procurements have no adviser: adviser_name is null, and a strict client parses it.
    assert first.results[0].adviser_name is None
    # The list again, with the ETag the client holds: not modified.
    detailed = procurements_list.sync_detailed(client=client, active_in=2023, page_size=2)
    etag = detailed.headers["ETag"]
    again = procurements_list.sync_detailed(
        client=client, active_in=2023, page_size=2, if_none_match=etag
    )
    assert again.status_code == 304

    # The figures of a year.
    figures = stats_year.sync(client=client, year=2023)
    assert (figures.year, figures.procurements_started, figures.procurements_active) == (
        2023,
        2,
        3,
    )
    assert figures.bodies_in_active.total == 1

    # Create a procurement with its participants, and read it back.
    created = procurements_create.sync(
        client=client,
        body=ProcurementRequest(
            title="Digital hjemmeoppfølging",
            sector=sector.id,
            started_on=D(2023, 3, 1),
            doffin_notice_ids=["2023-100001"],
            estimated_value_nok=12_000_000,
            participations=[
                ProcurementParticipationRequest(body=bodies["Bodø kommune"].id, role=RoleEnum.LEAD),
                ProcurementParticipationRequest(
                    body=bodies["Helse Nord RHF"].id,
                    role=RoleEnum.PARTICIPANT,
                    joined_on=D(2023, 5, 1),
                ),
            ],
        ),
    )
    read = procurements_retrieve.sync(client=client, id=created.id)
    assert (read.title, read.sector_name, read.started_on) == (
        "Digital hjemmeoppfølging",
        sector.name,
        D(2023, 3, 1),
    )
    assert [(p.body_name, p.role, p.joined_on) for p in read.participations] == [
        ("Bodø kommune", RoleEnum.LEAD, None),
        ("Helse Nord RHF", RoleEnum.PARTICIPANT, D(2023, 5, 1)),
    ]

    # Change some fields: a list is stored as sent, once.
    changed = procurements_partial_update.sync(
        client=client,
        id=created.id,
        body=PatchedProcurementRequest(
            doffin_notice_ids=["A", "B"], outcome=OutcomeEnum.COMPLETED, ended_on=D(2024, 6, 30)
        ),
    )
    assert changed.doffin_notice_ids == ["A", "B"]
    assert (changed.outcome, changed.ended_on) == (OutcomeEnum.COMPLETED, D(2024, 6, 30))
    stored = Procurement.objects.get(id=created.id)
    assert stored.doffin_notice_ids == ["A", "B"]
    assert stored.participations.count() == 2

    # Delete it.
    deleted = procurements_destroy.sync_detailed(client=client, id=created.id)
    assert deleted.status_code == 204
    assert not Procurement.objects.filter(id=created.id).exists()

    # A 400, parsed into the field errors of the inputs sent.
    refused = procurements_create.sync_detailed(
        client=client,
        body=ProcurementRequest(
            title="Ukjent deltaker",
            sector=sector.id,
            started_on=D(2023, 3, 1),
            participations=[
                ProcurementParticipationRequest(body=bodies["Bodø kommune"].id, role=RoleEnum.LEAD),
                ProcurementParticipationRequest(body=999_999, role=RoleEnum.PARTICIPANT),
            ],
        ),
    )
    assert refused.status_code == 400
    problem = refused.parsed
    assert isinstance(problem, ProcurementsCreateValidationProblem)
    assert (problem.status, problem.title) == (400, "Bad Request")
    assert {error.attr: error.code for error in problem.errors} == {
        "participations.1.body": "does_not_exist",
    }
    assert Procurement.objects.count() == 4
