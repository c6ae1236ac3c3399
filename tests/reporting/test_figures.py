"""lup.reporting.figures: each counting rule (SPEC section 4) on small portfolios, at its
boundaries.

Every portfolio is small enough to count by hand; the comments say which records count.
"""

import datetime

import pytest
from django.utils import timezone

from lup.reporting.figures import (
    annual_figures,
    annual_series,
    first_year_with_data,
    municipal_coverage_by_county,
    outreach_by_month,
)
from outreach.models import WEBINAR
from partners.models import BodyType
from procurements.models import Role, Sector
from tests.outreach.factories import (
    ActivityKindFactory,
    OutreachActivityFactory,
    PublicationFactory,
)
from tests.partners.factories import (
    CountyFactory,
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
ZERO_TYPES = {"total": 0, "state": 0, "county": 0, "municipal": 0, "other": 0}


def involve(procurement, *bodies, **participation):
    for body in bodies:
        ParticipationFactory(procurement=procurement, body=body, **participation)


# Rules 1 and 2: started and active procurements.


def test_started_and_active_at_the_year_boundaries():
    ProcurementFactory(started_on=d(2021, 5, 1), ended_on=d(2023, 1, 1))  # active, ends 1 Jan
    ProcurementFactory(started_on=d(2021, 5, 1), ended_on=d(2022, 12, 31))  # not active
    ProcurementFactory(started_on=d(2023, 12, 31))  # started and active
    ProcurementFactory(started_on=d(2024, 1, 1))  # neither
    ProcurementFactory(started_on=d(2023, 1, 1), ended_on=d(2023, 1, 1))  # started and active
    ProcurementFactory(started_on=None)  # planned: counts nowhere

    result = annual_figures(2023)

    assert result["procurements_started"] == 2
    assert result["procurements_active"] == 3


def test_a_planned_procurement_counts_in_no_year():
    body = PublicBodyFactory()
    procurement = ProcurementFactory(started_on=None)
    involve(procurement, body)
    PartnershipFactory(started_on=d(2022, 1, 1))  # gives the series a first year

    series = annual_series(2022, 2025)

    assert [f["procurements_started"] for f in series] == [0, 0, 0, 0]
    assert [f["procurements_active"] for f in series] == [0, 0, 0, 0]
    assert [f["bodies_in_active"]["total"] for f in series] == [0, 0, 0, 0]


def test_ended_procurement_is_active_in_every_year_it_spans():
    ProcurementFactory(started_on=d(2020, 6, 1), ended_on=d(2022, 2, 1))

    series = annual_series(2019, 2023)

    assert [f["procurements_active"] for f in series] == [0, 1, 1, 1, 0]
    assert [f["procurements_started"] for f in series] == [0, 1, 0, 0, 0]


# Rules 3 and 4: bodies involved, by type.


def test_participation_period_must_overlap_the_year():
    procurement = ProcurementFactory(started_on=d(2022, 1, 1))
    involve(procurement, PublicBodyFactory(), left_on=d(2022, 12, 31))  # left before: no
    involve(procurement, PublicBodyFactory(), left_on=d(2023, 1, 1))  # left on 1 Jan: yes
    involve(procurement, PublicBodyFactory(), joined_on=d(2024, 1, 1))  # joined after: no
    involve(procurement, PublicBodyFactory(), joined_on=d(2023, 12, 31))  # joined 31 Dec: yes
    involve(procurement, PublicBodyFactory())  # open period: yes

    assert annual_figures(2023)["bodies_in_active"]["total"] == 3


def test_body_in_two_procurements_counts_once():
    body = PublicBodyFactory(body_type=BodyType.STATE)
    other = PublicBodyFactory(body_type=BodyType.STATE)
    first = ProcurementFactory(started_on=d(2023, 2, 1))
    second = ProcurementFactory(started_on=d(2023, 9, 1))
    involve(first, body, other)
    involve(second, body)

    result = annual_figures(2023)

    assert result["procurements_started"] == 2
    assert result["bodies_in_started"] == {**ZERO_TYPES, "total": 2, "state": 2}
    assert result["bodies_in_active"] == {**ZERO_TYPES, "total": 2, "state": 2}


def test_every_role_counts():
    procurement = ProcurementFactory(started_on=d(2023, 3, 1))
    ParticipationFactory(procurement=procurement, role=Role.LEAD)
    ParticipationFactory(procurement=procurement, role=Role.PARTICIPANT)
    ParticipationFactory(procurement=procurement, role=Role.OBSERVER)

    assert annual_figures(2023)["bodies_in_started"]["total"] == 3


def test_body_types_always_present_and_sum_to_total():
    started = ProcurementFactory(started_on=d(2023, 4, 1))
    older = ProcurementFactory(started_on=d(2021, 4, 1))
    involve(started, *PublicBodyFactory.create_batch(2, body_type=BodyType.STATE))
    involve(started, PublicBodyFactory(body_type=BodyType.MUNICIPAL))
    involve(older, PublicBodyFactory(body_type=BodyType.OTHER))
    involve(older, PublicBodyFactory(body_type=BodyType.MUNICIPAL))
    PublicBodyFactory(body_type=BodyType.COUNTY)  # in no procurement

    result = annual_figures(2023)

    assert result["bodies_in_started"] == {
        "total": 3,
        "state": 2,
        "county": 0,
        "municipal": 1,
        "other": 0,
    }
    assert result["bodies_in_active"] == {
        "total": 5,
        "state": 2,
        "county": 0,
        "municipal": 2,
        "other": 1,
    }
    for key in ("bodies_in_started", "bodies_in_active"):
        counts = result[key]
        assert list(counts) == ["total", "state", "county", "municipal", "other"]
        assert counts["total"] == sum(v for k, v in counts.items() if k != "total")


def test_bodies_in_started_only_counts_started_procurements():
    involve(ProcurementFactory(started_on=d(2022, 4, 1)), PublicBodyFactory())
    involve(ProcurementFactory(started_on=d(2023, 4, 1)), PublicBodyFactory())

    result = annual_figures(2023)

    assert result["bodies_in_started"]["total"] == 1
    assert result["bodies_in_active"]["total"] == 2


# Rule 5: municipal coverage, with a municipality renumbered on 1 January 2024.


@pytest.fixture
def renumbered_map():
    """Viken (30) split on 1.1.2024; Halden renumbered 3001 -> 3101, one body, two codes."""
    viken = CountyFactory(number="30", name="Viken", valid_to=d(2023, 12, 31))
    ostfold = CountyFactory(number="31", name="Østfold", valid_from=d(2024, 1, 1))
    vestland = CountyFactory(number="46", name="Vestland")
    halden = PublicBodyFactory(name="Halden kommune", body_type=BodyType.MUNICIPAL)
    MunicipalityFactory(
        number="3001", name="Halden", county=viken, body=halden, valid_to=d(2023, 12, 31)
    )
    MunicipalityFactory(
        number="3101", name="Halden", county=ostfold, body=halden, valid_from=d(2024, 1, 1)
    )
    bergen = MunicipalityFactory(number="4601", name="Bergen", county=vestland).body
    MunicipalityFactory(number="4602", name="Kinn", county=vestland)
    procurement = ProcurementFactory(started_on=d(2022, 1, 1))
    state = PublicBodyFactory(body_type=BodyType.STATE)
    involve(procurement, halden, bergen, state)
    return procurement


def test_municipal_coverage_counts_bodies_over_valid_municipalities(renumbered_map):
    # 2023: Halden (3001) and Bergen of 3001, 4601, 4602; the state body is no municipality.
    assert annual_figures(2023)["municipal_coverage"] == {
        "involved": 2,
        "total": 3,
        "share": 0.6667,
    }
    # 2024: Halden under its new code 3101 is still one body.
    assert annual_figures(2024)["municipal_coverage"] == {
        "involved": 2,
        "total": 3,
        "share": 0.6667,
    }


def test_municipal_coverage_by_county_follows_the_map_of_the_year(renumbered_map):
    assert municipal_coverage_by_county(2023) == [
        {"county": "30", "name": "Viken", "involved": 1, "total": 1, "share": 1.0},
        {"county": "46", "name": "Vestland", "involved": 1, "total": 2, "share": 0.5},
    ]
    assert municipal_coverage_by_county(2024) == [
        {"county": "31", "name": "Østfold", "involved": 1, "total": 1, "share": 1.0},
        {"county": "46", "name": "Vestland", "involved": 1, "total": 2, "share": 0.5},
    ]


def test_coverage_by_county_lists_counties_with_no_municipality_involved(renumbered_map):
    renumbered_map.ended_on = d(2022, 12, 31)
    renumbered_map.save()

    assert municipal_coverage_by_county(2023) == [
        {"county": "30", "name": "Viken", "involved": 0, "total": 1, "share": 0.0},
        {"county": "46", "name": "Vestland", "involved": 0, "total": 2, "share": 0.0},
    ]


def test_municipal_coverage_without_municipalities_is_zero():
    assert annual_figures(2023)["municipal_coverage"] == {"involved": 0, "total": 0, "share": 0}


# Rule 6: outreach.


@pytest.fixture
def outreach_2023():
    talk = ActivityKindFactory(code="foredrag")
    course = ActivityKindFactory(code="kurs")
    webinar = ActivityKindFactory(code=WEBINAR)
    OutreachActivityFactory(date=d(2023, 1, 1), kind=talk, participants=10)
    OutreachActivityFactory(date=d(2023, 12, 31), kind=talk, participants=20)
    OutreachActivityFactory(date=d(2023, 5, 5), kind=course, participants=7, registrants=5)
    OutreachActivityFactory(date=d(2023, 6, 15), kind=webinar, participants=30, registrants=150)
    OutreachActivityFactory(date=d(2023, 6, 20), kind=webinar, participants=0, registrants=200)
    OutreachActivityFactory(date=d(2022, 12, 31), kind=webinar, participants=100, registrants=999)
    OutreachActivityFactory(date=d(2024, 1, 1), kind=talk, participants=100)


def test_outreach_counts_activities_participants_webinars_registrants(outreach_2023):
    result = annual_figures(2023)

    assert result["outreach_activities"] == 5
    assert result["outreach_participants"] == 10 + 20 + 7 + 30 + 0
    assert result["webinars"] == 2
    # The course's 5 registrants are not webinar registrants.
    assert result["webinar_registrants"] == 350


def test_outreach_by_month(outreach_2023):
    months = outreach_by_month(2023)

    assert [m["month"] for m in months] == list(range(1, 13))
    assert {
        m["month"]: (m["activities"], m["participants"]) for m in months if m["activities"]
    } == {
        1: (1, 10),
        5: (1, 7),
        6: (2, 30),
        12: (1, 20),
    }
    assert sum(m["activities"] for m in months) == annual_figures(2023)["outreach_activities"]


def test_outreach_by_month_of_an_empty_year():
    assert outreach_by_month(2023) == [
        {"month": month, "activities": 0, "participants": 0} for month in range(1, 13)
    ]


# Rule 7: publications.


def test_posts_and_solutions_on_the_year_boundaries():
    for day in (d(2022, 12, 31), d(2023, 1, 1), d(2023, 12, 31), d(2024, 1, 1)):
        PublicationFactory(published_on=day)
        SolutionFactory(published_on=day)
    SolutionFactory(published_on=None)  # not published yet

    result = annual_figures(2023)

    assert result["posts_published"] == 2
    assert result["solutions_published"] == 2


# Rule 8: partners.


def test_partners_at_end_of_year():
    PartnershipFactory(started_on=d(2020, 1, 1), ended_on=d(2023, 6, 30))  # ended mid-year: no
    PartnershipFactory(started_on=d(2020, 1, 1), ended_on=d(2023, 12, 31))  # ends 31 Dec: yes
    PartnershipFactory(started_on=d(2023, 12, 31))  # starts 31 Dec: yes
    PartnershipFactory(started_on=d(2024, 1, 1))  # starts after: no
    twice = PublicBodyFactory()
    PartnershipFactory(body=twice, started_on=d(2019, 1, 1))  # two open partnerships: once
    PartnershipFactory(body=twice, started_on=d(2022, 1, 1))

    assert annual_figures(2023)["partners_total"] == 3


def test_new_partners():
    def body(name):
        return PublicBodyFactory(name=name)

    contiguous = body("Contiguous")  # renewed the day after: not new
    PartnershipFactory(body=contiguous, started_on=d(2020, 1, 1), ended_on=d(2022, 12, 31))
    PartnershipFactory(body=contiguous, started_on=d(2023, 1, 1))
    overlapping = body("Overlapping")  # renewed before the old one ended: not new
    PartnershipFactory(body=overlapping, started_on=d(2020, 1, 1), ended_on=d(2023, 6, 30))
    PartnershipFactory(body=overlapping, started_on=d(2023, 3, 1))
    gap = body("Vestland fylkeskommune")  # one day without partnership: new again
    PartnershipFactory(body=gap, started_on=d(2020, 1, 1), ended_on=d(2022, 12, 30))
    PartnershipFactory(body=gap, started_on=d(2023, 1, 1))
    twice = body("Agder fylkeskommune")  # two partnerships started in 2023: new once
    PartnershipFactory(body=twice, started_on=d(2023, 2, 1), ended_on=d(2023, 3, 31))
    PartnershipFactory(body=twice, started_on=d(2023, 6, 1))
    first = body("Bodø kommune")  # first partnership: new
    PartnershipFactory(body=first, started_on=d(2023, 5, 1))
    late = body("Forsvarsmateriell (FMA)")  # starts 31 Dec: new
    PartnershipFactory(body=late, started_on=d(2023, 12, 31))
    earlier = body("Earlier")  # started 31 Dec of the year before: not new in 2023
    PartnershipFactory(body=earlier, started_on=d(2022, 12, 31))

    result = annual_figures(2023)

    assert result["partners_new"] == 4
    assert result["new_partners"] == [
        {"id": twice.id, "name": "Agder fylkeskommune"},
        {"id": first.id, "name": "Bodø kommune"},
        {"id": late.id, "name": "Forsvarsmateriell (FMA)"},
        {"id": gap.id, "name": "Vestland fylkeskommune"},
    ]
    assert result["partners_total"] == 7
    assert annual_figures(2022)["new_partners"] == [{"id": earlier.id, "name": "Earlier"}]


# Rule 9: started by sector.


def test_started_by_sector_lists_every_sector_by_count_then_name():
    care = SectorFactory(code="omsorg")
    health = SectorFactory(code="helse")
    welfare = SectorFactory(code="velferd")
    defence = SectorFactory(code="forsvar")
    ProcurementFactory.create_batch(2, sector=care, started_on=d(2023, 3, 1))
    ProcurementFactory(sector=welfare, started_on=d(2023, 12, 31))
    ProcurementFactory(sector=health, started_on=d(2023, 1, 1))
    ProcurementFactory(sector=defence, started_on=d(2022, 12, 31))  # started the year before
    ProcurementFactory(sector=defence, started_on=None)  # planned

    rows = annual_figures(2023)["started_by_sector"]

    # The six sectors of the data migration: Omsorg 2, then the ones by name.
    assert [(row["name"], row["count"]) for row in rows] == [
        ("Omsorg", 2),
        ("Helse", 1),
        ("Velferd", 1),
        ("Annet", 0),
        ("Forsvar", 0),
        ("Infrastruktur", 0),
    ]
    assert rows[0]["sector"] == care.id
    assert {row["sector"] for row in rows} == set(Sector.objects.values_list("id", flat=True))


def test_started_by_sector_includes_a_new_sector_with_zero():
    SectorFactory(code="klima", name="Klima")

    rows = annual_figures(2023)["started_by_sector"]

    assert len(rows) == 7
    assert {"sector": Sector.objects.get(code="klima").id, "name": "Klima", "count": 0} in rows


# The whole object, the first year, the series.


def test_empty_year_is_all_zeros():
    result = annual_figures(1950)

    assert {k: v for k, v in result.items() if k != "started_by_sector"} == {
        "year": 1950,
        "procurements_started": 0,
        "procurements_active": 0,
        "bodies_in_started": ZERO_TYPES,
        "bodies_in_active": ZERO_TYPES,
        "municipal_coverage": {"involved": 0, "total": 0, "share": 0},
        "outreach_activities": 0,
        "outreach_participants": 0,
        "webinars": 0,
        "webinar_registrants": 0,
        "posts_published": 0,
        "solutions_published": 0,
        "partners_total": 0,
        "partners_new": 0,
        "new_partners": [],
    }
    assert [row["count"] for row in result["started_by_sector"]] == [0] * 6


def test_first_year_with_data_is_none_without_data():
    ProcurementFactory(started_on=None)
    SolutionFactory(published_on=None, procurement=None)

    assert first_year_with_data() is None
    assert annual_series() == []


@pytest.mark.parametrize(
    "make_earliest",
    [
        lambda day: ProcurementFactory(started_on=day),
        lambda day: OutreachActivityFactory(date=day),
        lambda day: PublicationFactory(published_on=day),
        lambda day: SolutionFactory(published_on=day, procurement=None),
        lambda day: PartnershipFactory(started_on=day),
    ],
    ids=["procurement", "activity", "publication", "solution", "partnership"],
)
def test_first_year_with_data_looks_at_every_dated_record(make_earliest):
    ProcurementFactory(started_on=d(2019, 1, 1))
    OutreachActivityFactory(date=d(2019, 1, 1))
    PublicationFactory(published_on=d(2019, 1, 1))
    SolutionFactory(published_on=d(2019, 1, 1), procurement=None)
    PartnershipFactory(started_on=d(2019, 1, 1))
    ProcurementFactory(started_on=None)
    make_earliest(d(2016, 12, 31))

    assert first_year_with_data() == 2016


def test_series_runs_from_the_first_year_to_the_current_year():
    ProcurementFactory(started_on=d(2021, 8, 1), ended_on=d(2022, 3, 1))
    this_year = timezone.localdate().year

    series = annual_series()

    assert [f["year"] for f in series] == list(range(2021, this_year + 1))
    assert series[0] == annual_figures(2021)
    assert [f["procurements_active"] for f in series[:3]] == [1, 1, 0]


def test_series_equals_annual_figures_year_by_year(renumbered_map, outreach_2023):
    PartnershipFactory(started_on=d(2022, 5, 1), ended_on=d(2023, 5, 1))
    PublicationFactory(published_on=d(2024, 2, 1))

    assert annual_series(2021, 2025) == [annual_figures(y) for y in range(2021, 2026)]


def test_long_series_is_one_query(renumbered_map, django_assert_num_queries):
    # 1900..2100 is 201 years, counted in one pass (lup/reporting/series.py): one query.
    with django_assert_num_queries(1):
        series = annual_series(1900, 2100)

    assert len(series) == 201
    assert series[123] == annual_figures(2023)
    assert series[0]["procurements_active"] == 0


# Query counts: constant whatever the data size.


def build_portfolio(size: int) -> None:
    """`size` copies of a small portfolio touching every table the figures read."""
    webinar = ActivityKindFactory(code=WEBINAR)
    for _ in range(size):
        procurement = ProcurementFactory(started_on=d(2023, 2, 1))
        involve(procurement, MunicipalityFactory().body, PublicBodyFactory())
        involve(ProcurementFactory(started_on=d(2021, 2, 1)), PublicBodyFactory())
        PartnershipFactory(started_on=d(2023, 3, 1))
        OutreachActivityFactory(date=d(2023, 4, 1))
        OutreachActivityFactory(date=d(2023, 4, 2), kind=webinar, registrants=10)
        PublicationFactory(published_on=d(2023, 5, 1))
        SolutionFactory(published_on=d(2023, 6, 1), procurement=procurement)


def test_annual_figures_query_count_does_not_grow_with_the_data(django_assert_num_queries):
    # The 1 query of lup/reporting/figures.py: one UNION ALL of the counts, the sectors and
    # the new partners.
    build_portfolio(1)
    with django_assert_num_queries(1):
        small = annual_figures(2023)
    build_portfolio(9)
    with django_assert_num_queries(1):
        large = annual_figures(2023)

    assert small["procurements_active"] == 2
    assert large["procurements_active"] == 20
    assert large["bodies_in_active"] == {
        "total": 30,
        "state": 20,
        "county": 0,
        "municipal": 10,
        "other": 0,
    }
    assert large["municipal_coverage"] == {"involved": 10, "total": 10, "share": 1.0}
    assert large["webinar_registrants"] == 100
    assert large["partners_new"] == 10


def test_series_query_count_does_not_grow_with_the_data(django_assert_num_queries):
    # first_year_with_data (1 query) + one batch (1 query: counts, sectors, new partners).
    build_portfolio(1)
    with django_assert_num_queries(2):
        annual_series()
    build_portfolio(9)
    with django_assert_num_queries(2):
        series = annual_series()

    assert series[0]["year"] == 2021


def test_other_figures_take_one_query(renumbered_map, outreach_2023, django_assert_num_queries):
    with django_assert_num_queries(1):
        outreach_by_month(2023)
    with django_assert_num_queries(1):
        municipal_coverage_by_county(2023)
    with django_assert_num_queries(1):
        first_year_with_data()
