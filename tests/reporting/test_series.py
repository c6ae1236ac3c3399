"""lup.reporting.series: a run of years counted in one pass equals each year counted alone.

figures_of_years() counts three or more years with the rules' year forms (series.py and the
selectors' *_years functions); annual_figures() counts one year with the selectors. Every
counting rule is checked at its boundaries by test_figures.py on annual_figures(); here the
two ways must give the same figures, on hand-made portfolios whose records sit on the year
boundaries, on random ones (Hypothesis, fixed seed, a set number of examples) and on the
demo data.
"""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lup.core.dates import Years
from lup.reporting import figures, registry, series
from outreach.models import WEBINAR
from partners.models import BodyType
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
YEARS = range(2020, 2025)


def each_year_alone(years) -> dict:
    return {year: figures.annual_figures(year) for year in years}


def assert_series_equals_each_year(years=YEARS):
    together = figures.figures_of_years(years)
    alone = each_year_alone(years)
    for year in years:
        assert together[year] == alone[year], year


def test_a_series_is_counted_in_one_pass_from_three_years():
    assert figures.SERIES_FROM_YEARS == 3


def test_records_on_the_year_boundaries():
    state, municipal = PublicBodyFactory(), PublicBodyFactory(body_type=BodyType.MUNICIPAL)
    # Active 2020-2022 (ends 1 January 2022), then 2022 only (started 31 December).
    early = ProcurementFactory(started_on=d(2020, 12, 31), ended_on=d(2022, 1, 1))
    late = ProcurementFactory(started_on=d(2022, 12, 31))
    # The state body: in `early` from 2021 (joined 1 January) and in `late`: 2021-2024, once a
    # year although its two participations overlap in 2022.
    ParticipationFactory(procurement=early, body=state, joined_on=d(2021, 1, 1))
    ParticipationFactory(procurement=late, body=state)
    # The municipality: left `early` on 31 December 2020, so it counts in 2020 only.
    ParticipationFactory(procurement=early, body=municipal, left_on=d(2020, 12, 31))
    # Partners: in force on 31 December 2021 (ends that day), not on 31 December 2022 (ends the
    # day before); the second partnership starts the day after the first ends: not new.
    partner = PublicBodyFactory()
    PartnershipFactory(body=partner, started_on=d(2021, 1, 1), ended_on=d(2021, 12, 31))
    PartnershipFactory(body=partner, started_on=d(2022, 1, 1), ended_on=d(2022, 12, 30))
    # A municipality code in force from 1 January 2021 to 30 December 2023.
    MunicipalityFactory(valid_from=d(2021, 1, 1), valid_to=d(2023, 12, 30))
    webinar = ActivityKindFactory(code=WEBINAR)
    OutreachActivityFactory(date=d(2021, 12, 31), participants=7)
    OutreachActivityFactory(date=d(2022, 1, 1), kind=webinar, participants=3, registrants=9)
    PublicationFactory(published_on=d(2023, 12, 31))
    SolutionFactory(procurement=early, published_on=d(2024, 1, 1))

    together = figures.figures_of_years(YEARS)
    assert [together[y]["procurements_active"] for y in YEARS] == [1, 1, 2, 1, 1]
    assert [together[y]["bodies_in_active"]["state"] for y in YEARS] == [0, 1, 1, 1, 1]
    assert [together[y]["bodies_in_active"]["municipal"] for y in YEARS] == [1, 0, 0, 0, 0]
    assert [together[y]["partners_total"] for y in YEARS] == [0, 1, 0, 0, 0]
    assert [together[y]["partners_new"] for y in YEARS] == [0, 1, 0, 0, 0]
    assert [together[y]["municipal_coverage"]["total"] for y in YEARS] == [0, 1, 1, 0, 0]
    assert [together[y]["webinar_registrants"] for y in YEARS] == [0, 0, 9, 0, 0]
    assert_series_equals_each_year()


def test_every_counted_figure_has_a_form_for_the_series(monkeypatch):
    keys = {entry.key for entry in registry.counted()}
    formed = (
        set(series.DATED)
        | set(series.DERIVED)
        | set(series.SPANNED)
        | set(series.BODIES)
        | set(series.BODIES_BY_YEAR)
    )
    assert keys <= formed
    unknown = registry.Figure("made_up", "Made up", "nothing", rule=1)
    counted = registry.counted()
    monkeypatch.setattr(registry, "counted", lambda: (*counted, unknown))
    with pytest.raises(LookupError, match="made_up has no form"):
        series.statement(Years(2020, 2024))


def test_a_series_is_one_query_whatever_its_length(django_assert_num_queries):
    ProcurementFactory(started_on=d(2021, 3, 1))
    for years in (range(2020, 2023), range(1990, 2036)):
        with django_assert_num_queries(1):
            figures.figures_of_years(years)


days = st.builds(
    lambda year, day: d(year, 1, 1) + datetime.timedelta(days=day),
    st.sampled_from(list(YEARS)),
    # Mostly the first and last days of a year, where the rules turn.
    st.one_of(st.sampled_from([0, 1, 363, 364, 365]), st.integers(0, 365)),
)


def ordered_pair(optional_end=True):
    """(start, end) with end on or after start, or None when it may be open."""
    ends = st.one_of(st.none(), days) if optional_end else days
    return st.tuples(st.one_of(st.none(), days), ends).map(
        lambda pair: (
            (pair[0], pair[1]) if pair[0] is None or pair[1] is None else (min(pair), max(pair))
        )
    )


portfolios = st.fixed_dictionaries(
    {
        "procurements": st.lists(
            st.tuples(
                ordered_pair(),
                st.lists(
                    st.tuples(st.integers(0, 3), ordered_pair()),
                    max_size=3,
                    unique_by=lambda participation: participation[0],  # one per body
                ),
            ),
            max_size=5,
        ),
        "partnerships": st.lists(st.tuples(st.integers(0, 3), ordered_pair()), max_size=4),
        "municipalities": st.lists(ordered_pair(), max_size=2),
        "activities": st.lists(st.tuples(days, st.booleans(), st.integers(0, 50)), max_size=4),
        "dated": st.lists(days, max_size=3),
    }
)


def build(portfolio):
    bodies = [
        PublicBodyFactory(body_type=body_type)
        for body_type in (BodyType.STATE, BodyType.MUNICIPAL, BodyType.COUNTY, BodyType.OTHER)
    ]
    sectors = [SectorFactory(code="helse"), SectorFactory(code="bygg")]
    for index, ((started, ended), participations) in enumerate(portfolio["procurements"]):
        procurement = ProcurementFactory(
            started_on=started, ended_on=ended if started else None, sector=sectors[index % 2]
        )
        for body, (joined, left) in participations:
            ParticipationFactory(
                procurement=procurement, body=bodies[body], joined_on=joined, left_on=left
            )
    for body, (started, ended) in portfolio["partnerships"]:
        PartnershipFactory(body=bodies[body], started_on=started or d(2019, 6, 1), ended_on=ended)
    for valid_from, valid_to in portfolio["municipalities"]:
        MunicipalityFactory(valid_from=valid_from or d(2019, 1, 1), valid_to=valid_to)
    webinar, talk = ActivityKindFactory(code=WEBINAR), ActivityKindFactory(code="foredrag")
    for day, is_webinar, participants in portfolio["activities"]:
        OutreachActivityFactory(
            date=day,
            kind=webinar if is_webinar else talk,
            participants=participants,
            registrants=participants * 2 if is_webinar else 0,
        )
    for day in portfolio["dated"]:
        PublicationFactory(published_on=day)
        SolutionFactory(published_on=day)


@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(portfolio=portfolios)
def test_random_portfolios_give_the_same_figures_both_ways(portfolio):
    with transaction.atomic():
        build(portfolio)
        assert_series_equals_each_year()
        transaction.set_rollback(True)


def test_the_demo_data_gives_the_same_figures_both_ways(demo_data):
    first = figures.first_year_with_data()
    assert first is not None
    assert_series_equals_each_year(range(first, 2026))
