"""/api/v1/stats/years/ and /api/v1/stats/years/{year}/: shape, values, validation, access."""

import datetime

import pytest
from django.utils import timezone

from lup.reporting.figures import annual_figures
from outreach.models import WEBINAR
from partners.models import BodyType
from procurements.models import Sector
from tests.apiutils import PERMISSION_QUERIES, field_errors, problem
from tests.outreach.factories import (
    ActivityKindFactory,
    OutreachActivityFactory,
    PublicationFactory,
)
from tests.partners.factories import (
    MunicipalityFactory,
    PartnershipFactory,
    PublicBodyFactory,
)
from tests.procurements.factories import (
    ParticipationFactory,
    ProcurementFactory,
    SectorFactory,
    SolutionFactory,
)

pytestmark = pytest.mark.django_db

d = datetime.date
URL = "/api/v1/stats/years/{}/"
SERIES_URL = "/api/v1/stats/years/"

# The data version (lup.reporting.summary: the cache's key), then on a miss the 1 query of
# lup.reporting.figures.annual_figures (one UNION ALL of an aggregate per figure, the sectors
# with their started counts, the new partners). reader_client is authenticated with
# force_authenticate, so there is no session or user query; its permissions are read for
# each request (PERMISSION_QUERIES).
VERSION = 1
YEAR_QUERIES = PERMISSION_QUERIES + VERSION + 1


def build_portfolio(copies: int = 1) -> list:
    """`copies` of: 2 procurements (one started in 2023), 3 bodies, a partnership,
    a talk and a webinar, a post, a solution. Every record counts in 2023. Returns the
    state bodies, the new partners of 2023."""
    new_partners = []
    care = SectorFactory(code="omsorg")
    webinar = ActivityKindFactory(code=WEBINAR)
    talk = ActivityKindFactory(code="foredrag")
    for _ in range(copies):
        started = ProcurementFactory(started_on=d(2023, 3, 1), sector=care)
        older = ProcurementFactory(started_on=d(2022, 3, 1), ended_on=d(2023, 1, 1))
        municipality = MunicipalityFactory()
        state = PublicBodyFactory(body_type=BodyType.STATE)
        ParticipationFactory(procurement=started, body=municipality.body)
        ParticipationFactory(procurement=started, body=state)
        ParticipationFactory(procurement=older, body=state)
        ParticipationFactory(procurement=older, body=PublicBodyFactory(body_type=BodyType.OTHER))
        PartnershipFactory(body=state, started_on=d(2023, 6, 1))
        OutreachActivityFactory(date=d(2023, 2, 1), kind=talk, participants=40)
        OutreachActivityFactory(date=d(2023, 3, 1), kind=webinar, participants=25, registrants=60)
        PublicationFactory(published_on=d(2023, 12, 31))
        SolutionFactory(published_on=d(2023, 1, 1), procurement=older)
        new_partners.append(state)
    return new_partners


def test_year_returns_the_figures(reader_client):
    [state] = build_portfolio()
    care = Sector.objects.get(code="omsorg")

    response = reader_client.get(URL.format(2023))

    assert response.status_code == 200
    body = response.json()
    sectors = body.pop("started_by_sector")
    assert body == {
        "year": 2023,
        "procurements_started": 1,
        "procurements_active": 2,
        "bodies_in_started": {"total": 2, "state": 1, "county": 0, "municipal": 1, "other": 0},
        "bodies_in_active": {"total": 3, "state": 1, "county": 0, "municipal": 1, "other": 1},
        "municipal_coverage": {"involved": 1, "total": 1, "share": 1.0},
        "outreach_activities": 2,
        "outreach_participants": 65,
        "webinars": 1,
        "webinar_registrants": 60,
        "posts_published": 1,
        "solutions_published": 1,
        "partners_total": 1,
        "partners_new": 1,
        "new_partners": [{"id": state.id, "name": state.name}],
    }
    assert sectors[0] == {"sector": care.id, "name": "Omsorg", "count": 1}
    assert [s["count"] for s in sectors] == [1, 0, 0, 0, 0, 0]
    assert [s["name"] for s in sectors[1:]] == [
        "Annet",
        "Forsvar",
        "Helse",
        "Infrastruktur",
        "Velferd",
    ]


def test_year_query_count_is_the_same_when_the_data_grows_tenfold(
    reader_client, django_assert_num_queries
):
    build_portfolio(1)
    with django_assert_num_queries(YEAR_QUERIES):
        small = reader_client.get(URL.format(2023)).json()
    build_portfolio(9)
    with django_assert_num_queries(YEAR_QUERIES):
        large = reader_client.get(URL.format(2023)).json()

    assert small["procurements_active"] == 2
    assert large["procurements_active"] == 20
    assert large["bodies_in_active"]["total"] == 30
    assert large["outreach_participants"] == 650
    assert large["partners_new"] == 10


@pytest.mark.parametrize("year", ["abc", "1899", "2101", "20x3", "2023.0", "-2023", "0"])
def test_bad_year_is_400_with_a_field_message(reader_client, year):
    response = reader_client.get(URL.format(year), HTTP_ACCEPT_LANGUAGE="en")

    # The message of lup.core.dates, with the range filled in.
    assert field_errors(response) == {
        "year": ["Give a year between 1900 and 2100, for example 2023."]
    }


def test_bad_year_message_in_norwegian(reader_client):
    # LANGUAGE_CODE is nb.
    response = reader_client.get(URL.format("abc"))

    assert field_errors(response) == {
        "year": ["Oppgi et år mellom 1900 og 2100, for eksempel 2023."]
    }


@pytest.mark.parametrize("year", [1900, 2100])
def test_years_at_the_limits_are_accepted(reader_client, year):
    response = reader_client.get(URL.format(year))

    assert response.status_code == 200
    assert response.json()["year"] == year


def test_year_without_data_is_zeros_with_the_municipalities_of_the_year(reader_client):
    MunicipalityFactory(valid_from=d(2020, 1, 1))
    MunicipalityFactory(valid_from=d(2020, 1, 1), valid_to=d(2022, 12, 31))

    body = reader_client.get(URL.format(2021)).json()

    assert body["procurements_started"] == body["procurements_active"] == 0
    assert body["bodies_in_active"] == {
        "total": 0,
        "state": 0,
        "county": 0,
        "municipal": 0,
        "other": 0,
    }
    assert body["municipal_coverage"] == {"involved": 0, "total": 2, "share": 0}
    assert body["new_partners"] == []
    assert [s["count"] for s in body["started_by_sector"]] == [0] * 6
    assert reader_client.get(URL.format(2023)).json()["municipal_coverage"]["total"] == 1


def test_series_runs_from_the_first_year_with_data_to_this_year(
    reader_client, django_assert_num_queries
):
    build_portfolio()
    PartnershipFactory(started_on=d(2019, 10, 1))
    this_year = timezone.localdate().year

    # The version, first_year_with_data (1 query) and the 1 query of one batch of years.
    with django_assert_num_queries(1 + YEAR_QUERIES):
        response = reader_client.get(SERIES_URL)

    assert response.status_code == 200
    series = response.json()
    assert isinstance(series, list)
    assert [item["year"] for item in series] == list(range(2019, this_year + 1))
    assert [item["procurements_active"] for item in series[:5]] == [0, 0, 0, 1, 2]
    assert series[4] == reader_client.get(URL.format(2023)).json()


def test_series_query_count_is_the_same_when_the_data_grows_tenfold(
    reader_client, django_assert_num_queries
):
    build_portfolio(1)
    with django_assert_num_queries(1 + YEAR_QUERIES):
        reader_client.get(SERIES_URL)
    build_portfolio(9)
    with django_assert_num_queries(1 + YEAR_QUERIES):
        series = reader_client.get(SERIES_URL).json()

    assert series[0]["year"] == 2022
    assert series[1] == annual_figures(2023)


def test_series_without_data_is_an_empty_list(reader_client):
    response = reader_client.get(SERIES_URL)

    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize("url", [URL.format(2023), SERIES_URL])
def test_anonymous_may_read_when_public_read_is_on(api_client, settings, url):
    settings.API_PUBLIC_READ = True

    assert api_client.get(url).status_code == 200


@pytest.mark.parametrize("url", [URL.format(2023), SERIES_URL])
def test_writing_is_refused_even_to_a_superuser(admin_api_client, url):
    # The stats endpoints have no write method: 405 with the methods they have, for every
    # caller (lup.core.api.base.ReadOnlyAPIView), not a permission refused.
    for write in (admin_api_client.post, admin_api_client.put, admin_api_client.delete):
        response = write(url, {})
        [error] = problem(response, 405)["errors"]
        assert error["code"] == "method_not_allowed", write
        assert response["Allow"] == "GET, HEAD, OPTIONS", write


def test_schema_describes_the_figures(reader_client):
    schema = reader_client.get("/api/v1/schema/", {"format": "json"}).json()

    year_op = schema["paths"]["/api/v1/stats/years/{year}/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in year_op["parameters"]}
    assert set(parameters) == {"year", "fresh", "If-None-Match"}
    assert parameters["fresh"]["in"] == "query"
    assert parameters["year"]["schema"] == {
        "type": "integer",
        "minimum": 1900,
        "maximum": 2100,
    }
    assert year_op["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/AnnualFigures"
    }
    assert "400" in year_op["responses"]
    series_op = schema["paths"]["/api/v1/stats/years/"]["get"]
    assert series_op["responses"]["200"]["content"]["application/json"]["schema"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/AnnualFigures"},
    }
    figures = schema["components"]["schemas"]["AnnualFigures"]["properties"]
    assert set(figures) == set(annual_figures(2023))
    assert figures["bodies_in_started"]["allOf"] == [
        {"$ref": "#/components/schemas/BodyTypeCounts"}
    ]
    assert figures["bodies_in_started"]["description"] == "distinct public bodies"
    assert figures["started_by_sector"]["type"] == "array"
