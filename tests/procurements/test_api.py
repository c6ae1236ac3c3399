"""API of procurements and their lookups, participations, phases and solutions."""

import datetime

import pytest

from partners.models import BodyType
from procurements.models import (
    Outcome,
    Participation,
    PhaseChange,
    Procurement,
    Role,
    Sector,
    Solution,
)
from tests.apiutils import PERMISSION_QUERIES, client_with_perms, field_errors, names, titles
from tests.partners.factories import PublicBodyFactory
from tests.procurements.factories import (
    ParticipationFactory,
    PhaseChangeFactory,
    PhaseFactory,
    ProcedureFactory,
    ProcurementFactory,
    SectorFactory,
    SolutionFactory,
)

# LANGUAGE_CODE is nb; the assertions below read the English messages.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_client_in_english")]

D = datetime.date


def rows_written() -> tuple[int, int]:
    return Procurement.objects.count(), Participation.objects.count()


@pytest.fixture
def bodies():
    return [
        PublicBodyFactory(name=f"Virksomhet {letter}", body_type=body_type)
        for letter, body_type in zip(
            "ABCD",
            [BodyType.MUNICIPAL, BodyType.MUNICIPAL, BodyType.STATE, BodyType.COUNTY],
            strict=True,
        )
    ]


@pytest.fixture
def sector():
    return SectorFactory(code="helse", name="Helse")


def _payload(sector, participations, **fields):
    return {
        "title": "Elektronisk pasientjournal",
        "description": "Felles journalløsning for kommunene i Nordland",
        "sector": sector.id,
        "started_on": "2023-03-01",
        "participations": participations,
        **fields,
    }


# --- Writing a procurement with its participations ---------------------------------------------


def test_create_procurement_with_participations(admin_api_client, bodies, sector):
    a, b = bodies[:2]
    phase = PhaseFactory(code="markedsdialog", name="Markedsdialog")
    procedure = ProcedureFactory(code="innovasjonspartnerskap", name="Innovasjonspartnerskap")
    response = admin_api_client.post(
        "/api/v1/procurements/",
        _payload(
            sector,
            [
                {"body": a.id, "role": "lead", "joined_on": "2023-03-01"},
                {"body": b.id, "joined_on": "2023-04-01", "left_on": "2023-10-31"},
            ],
            phase=phase.id,
            procedure=procedure.id,
            doffin_notice_ids=["2023-123456"],
            estimated_value_nok=12_000_000,
        ),
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["sector"], data["sector_name"]) == (sector.id, "Helse")
    assert (data["phase_name"], data["procedure_name"]) == (
        "Markedsdialog",
        "Innovasjonspartnerskap",
    )
    assert data["outcome"] == "ongoing"
    assert data["doffin_notice_ids"] == ["2023-123456"]
    assert [
        (p["body"], p["body_name"], p["body_type"], p["role"], p["joined_on"], p["left_on"])
        for p in data["participations"]
    ] == [
        (a.id, "Virksomhet A", "municipal", "lead", "2023-03-01", None),
        (b.id, "Virksomhet B", "municipal", "participant", "2023-04-01", "2023-10-31"),
    ]
    assert rows_written() == (1, 2)
    # Audit history for every row written.
    procurement = Procurement.objects.get()
    assert procurement.history.count() == 1
    assert Participation.history.count() == 2


def test_create_procurement_without_participations(admin_api_client, sector):
    payload = _payload(sector, [])
    del payload["participations"]
    response = admin_api_client.post("/api/v1/procurements/", payload)
    assert response.status_code == 201, response.json()
    assert response.json()["participations"] == []


def test_put_replaces_participations_and_moves_the_lead(admin_api_client, bodies, sector):
    a, b, c, d = bodies
    procurement = ProcurementFactory(sector=sector, title="Gammel tittel")
    kept = ParticipationFactory(procurement=procurement, body=a, role=Role.LEAD)
    ParticipationFactory(procurement=procurement, body=b)
    ParticipationFactory(procurement=procurement, body=c)

    response = admin_api_client.put(
        f"/api/v1/procurements/{procurement.id}/",
        _payload(
            sector,
            [
                {"body": a.id, "role": "participant"},
                {"body": c.id, "role": "observer", "left_on": "2023-12-31"},
                {"body": d.id, "role": "lead"},
            ],
            title="Ny tittel",
        ),
    )
    assert response.status_code == 200, response.json()
    assert response.json()["title"] == "Ny tittel"
    assert sorted((p["body_name"], p["role"]) for p in response.json()["participations"]) == [
        ("Virksomhet A", "participant"),
        ("Virksomhet C", "observer"),
        ("Virksomhet D", "lead"),
    ]
    # The row of a body that stays is kept (with its history), not recreated.
    kept.refresh_from_db()
    assert kept.role == Role.PARTICIPANT
    assert not Participation.objects.filter(body=b).exists()


def test_patch_without_participations_leaves_them(admin_api_client, bodies, sector):
    procurement = ProcurementFactory(sector=sector)
    ParticipationFactory(procurement=procurement, body=bodies[0], role=Role.LEAD)
    ParticipationFactory(procurement=procurement, body=bodies[1])
    response = admin_api_client.patch(
        f"/api/v1/procurements/{procurement.id}/",
        {"ended_on": "2024-06-30", "outcome": "completed"},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["outcome"] == "completed"
    assert len(response.json()["participations"]) == 2

    response = admin_api_client.patch(
        f"/api/v1/procurements/{procurement.id}/", {"participations": []}
    )
    assert response.status_code == 200
    assert response.json()["participations"] == []
    assert not Participation.objects.exists()


def test_delete_procurement_removes_its_participations(admin_api_client, bodies):
    participation = ParticipationFactory(body=bodies[0], role=Role.LEAD)
    response = admin_api_client.delete(f"/api/v1/procurements/{participation.procurement_id}/")
    assert response.status_code == 204
    assert rows_written() == (0, 0)


@pytest.mark.parametrize(
    ("participations", "errors"),
    [
        pytest.param(
            [{"body": 0, "role": "participant"}, {"body": 1, "role": "observer"}],
            {"participations": ["A procurement with participants needs exactly one lead."]},
            id="no lead",
        ),
        pytest.param(
            [{"body": 0, "role": "lead"}, {"body": 1, "role": "lead"}],
            {
                "participations": [
                    "A procurement has exactly one lead, but 2 bodies are marked as lead."
                ]
            },
            id="two leads",
        ),
        pytest.param(
            [{"body": 0, "role": "lead"}, {"body": 0, "role": "participant"}],
            {"participations": {"1": {"body": ["This body is already listed as participant 1."]}}},
            id="same body twice",
        ),
        pytest.param(
            [
                {"body": 0, "role": "lead"},
                {"body": 1, "joined_on": "2023-05-01", "left_on": "2023-04-30"},
            ],
            {"participations": {"1": {"left_on": ["A body cannot leave before it joins."]}}},
            id="2nd leaves before it joins",
        ),
        pytest.param(
            [{"body": 0, "role": "lead"}, {"body": 999_999}],
            {"participations": {"1": {"body": ['Invalid pk "999999" - object does not exist.']}}},
            id="2nd body unknown",
        ),
        pytest.param(
            [{"body": 0, "role": "lead"}, {"body": 1, "role": "sponsor"}],
            {"participations": {"1": {"role": ['"sponsor" is not a valid choice.']}}},
            id="2nd role unknown",
        ),
    ],
)
def test_bad_participations_write_nothing(admin_api_client, bodies, sector, participations, errors):
    for row in participations:
        if row["body"] < len(bodies):
            row["body"] = bodies[row["body"]].id
    before = rows_written()
    response = admin_api_client.post("/api/v1/procurements/", _payload(sector, participations))
    assert response.status_code == 400
    assert field_errors(response) == errors
    assert rows_written() == before == (0, 0)


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (
            {"started_on": "2023-03-01", "ended_on": "2023-02-28"},
            "A procurement cannot end before it starts.",
        ),
        (
            {"started_on": None, "ended_on": "2023-02-28"},
            "A procurement cannot end without a start date.",
        ),
    ],
)
def test_procurement_dates(admin_api_client, bodies, sector, dates, message):
    response = admin_api_client.post(
        "/api/v1/procurements/", _payload(sector, [{"body": bodies[0].id, "role": "lead"}], **dates)
    )
    assert response.status_code == 400
    assert field_errors(response) == {"ended_on": [message]}
    assert rows_written() == (0, 0)


def test_failed_update_changes_nothing(admin_api_client, bodies, sector):
    procurement = ProcurementFactory(sector=sector, title="Uendret", started_on=D(2023, 3, 1))
    ParticipationFactory(procurement=procurement, body=bodies[0], role=Role.LEAD)
    url = f"/api/v1/procurements/{procurement.id}/"

    response = admin_api_client.patch(url, {"ended_on": "2023-01-01", "title": "Endret"})
    assert response.status_code == 400
    assert field_errors(response) == {"ended_on": ["A procurement cannot end before it starts."]}

    response = admin_api_client.put(
        url,
        _payload(
            sector,
            [
                {"body": bodies[1].id, "role": "lead"},
                {"body": bodies[2].id, "joined_on": "2023-05-01", "left_on": "2023-01-01"},
            ],
            title="Endret",
        ),
    )
    assert response.status_code == 400
    assert list(field_errors(response)) == ["participations"]

    procurement.refresh_from_db()
    assert procurement.title == "Uendret"
    assert procurement.ended_on is None
    assert list(procurement.participations.values_list("body_id", "role")) == [
        (bodies[0].id, "lead")
    ]


def test_write_permissions(reader_client, bodies, sector):
    payload = _payload(sector, [{"body": bodies[0].id, "role": "lead"}])
    assert reader_client.post("/api/v1/procurements/", payload).status_code == 403
    editor = client_with_perms("procurements.add_procurement", "procurements.add_participation")
    response = editor.post("/api/v1/procurements/", payload)
    assert response.status_code == 201, response.json()
    assert editor.delete(f"/api/v1/procurements/{response.json()['id']}/").status_code == 403


# --- Filters at the counting-rule boundaries ---------------------------------------------------


@pytest.fixture
def portfolio():
    """Procurements named after their case, and the bodies in them (S state, M municipal,
    C county, O other)."""
    health = SectorFactory(code="helse", name="Helse")
    care = SectorFactory(code="omsorg", name="Omsorg")
    dialog = PhaseFactory(code="markedsdialog", name="Markedsdialog")

    def procurement(title, started_on, ended_on=None, **fields):
        return ProcurementFactory(
            title=title, started_on=started_on, ended_on=ended_on, **{"sector": health, **fields}
        )

    p = {
        "started 2023": procurement("started 2023", D(2023, 3, 1), phase=dialog),
        "ended 1 Jan 2023": procurement(
            "ended 1 Jan 2023", D(2022, 5, 1), D(2023, 1, 1), sector=care, outcome=Outcome.COMPLETED
        ),
        "ended 31 Dec 2022": procurement("ended 31 Dec 2022", D(2021, 1, 1), D(2022, 12, 31)),
        "starts 2024": procurement("starts 2024", D(2024, 1, 1)),
        "planned": procurement("planned", None),
        "started 31 Dec 2023": procurement(
            "started 31 Dec 2023", D(2023, 12, 31), description="Velferdsteknologi i hjemmet"
        ),
    }
    b = {
        name: PublicBodyFactory(name=name, body_type=body_type)
        for name, body_type in [
            ("S1", BodyType.STATE),
            ("S2", BodyType.STATE),
            ("S3", BodyType.STATE),
            ("M1", BodyType.MUNICIPAL),
            ("M2", BodyType.MUNICIPAL),
            ("C1", BodyType.COUNTY),
            ("O1", BodyType.OTHER),
        ]
    }

    def takes_part(body, title, role=Role.PARTICIPANT, **dates):
        ParticipationFactory(body=b[body], procurement=p[title], role=role, **dates)

    takes_part("S1", "started 2023", Role.LEAD)
    takes_part("M1", "started 2023", left_on=D(2022, 12, 31))  # left before the year
    takes_part("S3", "started 2023", joined_on=D(2024, 1, 1))  # joined after the year
    takes_part("S1", "ended 1 Jan 2023", Role.LEAD)  # a body in two procurements
    takes_part("M2", "ended 1 Jan 2023", joined_on=D(2022, 6, 1))
    takes_part("S2", "started 31 Dec 2023", Role.LEAD, joined_on=D(2023, 12, 31))
    takes_part("C1", "ended 31 Dec 2022", Role.LEAD)
    takes_part("O1", "starts 2024", Role.LEAD)
    return p, b


def test_procurements_started_in_and_active_in(reader_client, portfolio):
    get = reader_client.get
    assert titles(get("/api/v1/procurements/?started_in=2023&ordering=title")) == [
        "started 2023",
        "started 31 Dec 2023",
    ]
    # Ending on 1 January is being active in that year.
    assert titles(get("/api/v1/procurements/?active_in=2023&ordering=title")) == [
        "ended 1 Jan 2023",
        "started 2023",
        "started 31 Dec 2023",
    ]
    assert titles(get("/api/v1/procurements/?active_in=2022&ordering=title")) == [
        "ended 1 Jan 2023",
        "ended 31 Dec 2022",
    ]
    assert titles(get("/api/v1/procurements/?active_in=2024&ordering=title")) == [
        "started 2023",
        "started 31 Dec 2023",
        "starts 2024",
    ]


def test_procurement_filters_by_lookup_body_and_text(reader_client, portfolio):
    p, b = portfolio
    get = reader_client.get
    care = Sector.objects.get(code="omsorg")
    assert titles(get("/api/v1/procurements/?sector=omsorg")) == ["ended 1 Jan 2023"]
    assert titles(get(f"/api/v1/procurements/?sector={care.id}")) == ["ended 1 Jan 2023"]
    assert titles(get("/api/v1/procurements/?phase=markedsdialog")) == ["started 2023"]
    assert titles(get("/api/v1/procurements/?outcome=completed")) == ["ended 1 Jan 2023"]
    assert get("/api/v1/procurements/?outcome=won").status_code == 400
    assert titles(get(f"/api/v1/procurements/?body={b['S1'].id}&ordering=title")) == [
        "ended 1 Jan 2023",
        "started 2023",
    ]
    # "started 2023" has two state bodies and is listed once.
    assert titles(get("/api/v1/procurements/?body_type=state&ordering=title")) == [
        "ended 1 Jan 2023",
        "started 2023",
        "started 31 Dec 2023",
    ]
    assert titles(
        get("/api/v1/procurements/?body_type=municipal&active_in=2023&ordering=title")
    ) == [
        "ended 1 Jan 2023",
        "started 2023",
    ]
    assert titles(get("/api/v1/procurements/?search=velferdsteknologi")) == ["started 31 Dec 2023"]
    assert titles(get("/api/v1/procurements/?search=31 Dec")) == [
        "started 31 Dec 2023",
        "ended 31 Dec 2022",
    ]
    # Default order: newest start first, planned (no start) ordering by the database's NULLs.
    assert titles(get("/api/v1/procurements/?ordering=-started_on&started_in=2023")) == [
        "started 31 Dec 2023",
        "started 2023",
    ]


def test_bodies_involved_in(reader_client, portfolio):
    get = reader_client.get
    # Active in 2023: "started 2023" (S1; M1 left before, S3 joined after the year),
    # "ended 1 Jan 2023" (S1 again, M2), "started 31 Dec 2023" (S2).
    assert names(get("/api/v1/bodies/?involved_in=2023")) == ["M2", "S1", "S2"]
    assert names(get("/api/v1/bodies/?involved_in=2023&body_type=state")) == ["S1", "S2"]
    assert names(get("/api/v1/bodies/?involved_in=2022")) == ["C1", "M2", "S1"]
    # Started in 2023: "started 2023" and "started 31 Dec 2023".
    assert names(get("/api/v1/bodies/?involved_in_started=2023")) == ["S1", "S2"]
    response = get("/api/v1/bodies/?involved_in_started=2023&body_type=state")
    assert response.json()["count"] == 2
    assert get("/api/v1/bodies/?involved_in_started=2023&body_type=municipal").json()["count"] == 0
    # "started 31 Dec 2023" (S2) runs on into 2024.
    assert names(get("/api/v1/bodies/?involved_in=2024")) == ["O1", "S1", "S2", "S3"]


def test_bodies_of_a_procurement(reader_client, portfolio):
    p, _ = portfolio
    response = reader_client.get(f"/api/v1/bodies/?procurement={p['started 2023'].id}")
    assert names(response) == ["M1", "S1", "S3"]


@pytest.mark.parametrize("query", ["started_in=1899", "active_in=2101", "active_in=soon"])
def test_bad_year_is_400(reader_client, query):
    response = reader_client.get(f"/api/v1/procurements/?{query}")
    assert response.status_code == 400
    field = query.split("=")[0]
    assert field_errors(response) == {
        field: ["Give a year between 1900 and 2100, for example 2023."]
    }
    assert (
        reader_client.get(f"/api/v1/bodies/?involved_in={query.split('=')[1]}").status_code == 400
    )


def test_participation_filters(reader_client, portfolio):
    p, b = portfolio

    def bodies_of(query):
        response = reader_client.get(f"/api/v1/participations/?{query}&ordering=body__name")
        assert response.status_code == 200, response.json()
        return [row["body_name"] for row in response.json()["results"]]

    started = p["started 2023"].id
    assert bodies_of(f"procurement={started}") == ["M1", "S1", "S3"]
    assert bodies_of(f"procurement={started}&year=2023") == ["S1"]
    assert bodies_of(f"procurement={started}&role=lead") == ["S1"]
    assert bodies_of(f"body={b['S1'].id}") == ["S1", "S1"]
    assert bodies_of("body_type=municipal") == ["M1", "M2"]


# --- The other record endpoints ----------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["sectors", "procedures", "phases"])
def test_lookup_crud(admin_api_client, prefix):
    response = admin_api_client.post(
        f"/api/v1/{prefix}/", {"code": "test-lookup", "name": "Testverdi", "name_en": "Test value"}
    )
    assert response.status_code == 201, response.json()
    url = f"/api/v1/{prefix}/{response.json()['id']}/"
    assert admin_api_client.patch(url, {"position": 9}).json()["position"] == 9
    response = admin_api_client.post(
        f"/api/v1/{prefix}/", {"code": "test-lookup", "name": "Testverdi 2"}
    )
    assert response.status_code == 400
    assert list(field_errors(response)) == ["code"]
    assert admin_api_client.get(f"/api/v1/{prefix}/?search=test value").json()["count"] == 1
    assert admin_api_client.delete(url).status_code == 204


def test_lookup_in_use_is_not_deleted(admin_api_client):
    procurement = ProcurementFactory()
    response = admin_api_client.delete(f"/api/v1/sectors/{procurement.sector_id}/")
    assert response.status_code == 409
    assert Sector.objects.filter(id=procurement.sector_id).exists()


def test_participation_endpoint_keeps_the_database_rules(admin_api_client, bodies):
    procurement = ProcurementFactory()
    url = "/api/v1/participations/"
    response = admin_api_client.post(
        url, {"procurement": procurement.id, "body": bodies[0].id, "role": "lead"}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["procurement_title"] == procurement.title

    response = admin_api_client.post(
        url, {"procurement": procurement.id, "body": bodies[1].id, "role": "lead"}
    )
    assert response.status_code == 400
    assert field_errors(response) == {"role": ["A procurement has exactly one lead."]}

    response = admin_api_client.post(url, {"procurement": procurement.id, "body": bodies[0].id})
    assert response.status_code == 400
    assert field_errors(response) == {"body": ["This body already takes part in this procurement."]}

    response = admin_api_client.post(
        url,
        {
            "procurement": procurement.id,
            "body": bodies[1].id,
            "joined_on": "2023-05-01",
            "left_on": "2023-04-01",
        },
    )
    assert response.status_code == 400
    assert field_errors(response) == {"left_on": ["A body cannot leave before it joins."]}
    assert Participation.objects.count() == 1

    # Changing the lead's own row is not a second lead.
    lead = Participation.objects.get()
    response = admin_api_client.patch(f"{url}{lead.id}/", {"joined_on": "2023-01-15"})
    assert response.status_code == 200, response.json()


def test_phase_changes(admin_api_client):
    procurement = ProcurementFactory()
    dialog = PhaseFactory(code="markedsdialog", name="Markedsdialog")
    payload = {"procurement": procurement.id, "phase": dialog.id, "changed_on": "2023-05-02"}
    response = admin_api_client.post("/api/v1/phase-changes/", payload)
    assert response.status_code == 201, response.json()
    assert response.json()["phase_name"] == "Markedsdialog"
    response = admin_api_client.post("/api/v1/phase-changes/", payload)
    assert response.status_code == 400
    assert field_errors(response) == {"changed_on": ["This phase change is already recorded."]}
    assert PhaseChange.objects.count() == 1
    PhaseChangeFactory(procurement=procurement, changed_on=D(2022, 12, 1))
    response = admin_api_client.get("/api/v1/phase-changes/?phase=markedsdialog")
    assert response.json()["count"] == 1
    response = admin_api_client.get(
        f"/api/v1/phase-changes/?procurement={procurement.id}&year=2022"
    )
    assert [row["changed_on"] for row in response.json()["results"]] == ["2022-12-01"]


def test_solutions(admin_api_client):
    procurement = ProcurementFactory(title="Digital hjemmeoppfølging")
    response = admin_api_client.post(
        "/api/v1/solutions/",
        {
            "name": "Medisindispenser",
            "supplier": "Leverandør AS",
            "procurement": procurement.id,
            "published_on": "2023-01-01",
            "url": "https://example.org/losning",
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["procurement_title"] == "Digital hjemmeoppfølging"
    SolutionFactory(name="last day", published_on=D(2023, 12, 31), procurement=None)
    SolutionFactory(name="year before", published_on=D(2022, 12, 31))
    SolutionFactory(name="unpublished", published_on=None)

    def solution_names(query):
        response = admin_api_client.get(f"/api/v1/solutions/?{query}&ordering=name")
        return [row["name"] for row in response.json()["results"]]

    # Norwegian collation: letters before case, so "last day" sorts before "Medisindispenser".
    assert solution_names("year=2023") == ["last day", "Medisindispenser"]
    assert solution_names(f"procurement={procurement.id}") == ["Medisindispenser"]
    url = f"/api/v1/solutions/{response.json()['id']}/"
    assert admin_api_client.patch(url, {"procurement": None}).json()["procurement_title"] is None
    assert admin_api_client.delete(url).status_code == 204
    assert Solution.objects.count() == 3


# --- Query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [3, 30])
def test_procurement_query_counts(reader_client, django_assert_num_queries, rows):
    for procurement in ProcurementFactory.create_batch(rows):
        ParticipationFactory(procurement=procurement, role=Role.LEAD)
        ParticipationFactory(procurement=procurement)
    # the data version, count (lup.reporting.counts), page of procurements with sector,
    # procedure, phase and adviser joined, their participations with the body joined
    with django_assert_num_queries(PERMISSION_QUERIES + 4):
        response = reader_client.get("/api/v1/procurements/")
    assert response.json()["count"] == rows
    assert all(len(row["participations"]) == 2 for row in response.json()["results"])
    # filters are subqueries inside the same queries
    with django_assert_num_queries(PERMISSION_QUERIES + 4):
        response = reader_client.get(
            "/api/v1/procurements/?active_in=2023&started_in=2023&sector=helse&body_type=state"
            "&search=anskaffelse&ordering=title"
        )
    assert response.json()["count"] == rows
    # the procurement with its lookups joined, its participations with the body joined
    with django_assert_num_queries(PERMISSION_QUERIES + 2):
        reader_client.get(f"/api/v1/procurements/{procurement.id}/")
    # bodies/ with the involvement rules: data version, count, page, municipalities, counties
    with django_assert_num_queries(PERMISSION_QUERIES + 5):
        response = reader_client.get("/api/v1/bodies/?involved_in=2023&involved_in_started=2023")
    assert response.json()["count"] == 2 * rows


@pytest.mark.parametrize("rows", [3, 30])
def test_other_procurement_endpoints_query_counts(reader_client, django_assert_num_queries, rows):
    for i in range(rows):
        SectorFactory(code=f"sektor-{i}")
        ProcedureFactory(code=f"prosedyre-{i}")
        PhaseFactory(code=f"fase-{i}")
        ParticipationFactory()
        PhaseChangeFactory(phase=PhaseFactory(code=f"endring-{i}"))
        SolutionFactory()
    for prefix, model_rows in [
        ("sectors", None),
        ("procedures", None),
        ("phases", None),
        ("participations", rows),
        ("phase-changes", rows),
        ("solutions", rows),
    ]:
        # data version, count, page of rows (participations with procurement and body joined,
        # phase changes with the phase, solutions with the procurement)
        with django_assert_num_queries(PERMISSION_QUERIES + 3):
            response = reader_client.get(f"/api/v1/{prefix}/")
        if model_rows is not None:
            assert response.json()["count"] == model_rows
        first = response.json()["results"][0]["id"]
        # the row with its related rows joined
        with django_assert_num_queries(PERMISSION_QUERIES + 1):
            reader_client.get(f"/api/v1/{prefix}/{first}/")
