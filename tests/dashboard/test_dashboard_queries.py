"""Query counts of the dashboard pages, pinned, and the same with ten times the data."""

import pytest
from django.test import Client

from tests.dashboard.dashboard_portfolio import build_portfolio, manager

pytestmark = pytest.mark.django_db

# Every page starts with the request's own reads: the session, the user, and the user's
# permissions (the user's own and their groups': a manager holds view_dashboard via Ledere).
REQUEST = 4
# lup.reporting.figures: one query for the figures of a batch of years (counts, sectors, new
# partners; see its module docstring).
YEAR = 1
FIRST_YEAR = 1  # lup.reporting.figures.first_year_with_data
# lup.reporting.summary: the data version, read once per page (the cache's key). The counts
# below are those of a cold cache; a warm one leaves the version and the request's reads.
VERSION = 1

PAGES = {
    # annual_series (first year + one batch holding 2023 and 2022), outreach by month,
    # coverage by county.
    "/dashboard/2023/": REQUEST + VERSION + FIRST_YEAR + YEAR + 1 + 1,
    # A year before the series: the series, then the figures of 1990 and 1989 together.
    "/dashboard/1990/": REQUEST + VERSION + FIRST_YEAR + YEAR + YEAR + 1 + 1,
    # The figures of the year and of the year before (one batch), outreach by month, coverage
    # by county, first year with data (the year selector).
    "/dashboard/2023/report/": REQUEST + VERSION + YEAR + 1 + 1 + FIRST_YEAR,
    # The year and the year before, in one batch.
    "/dashboard/2023/export.csv": REQUEST + VERSION + YEAR,
    "/dashboard/2023/export.xlsx": REQUEST + VERSION + YEAR,
    # Latest year with data: one UNION ALL of a MAX per dated table.
    "/dashboard/": REQUEST + 1,
    # Year selector, count, page of rows (sector and phase joined).
    "/dashboard/2023/records/procurements-started/": REQUEST + FIRST_YEAR + 2,
    # ... and the sector's name for the active filter.
    "/dashboard/2023/records/procurements-active/?sector=1": REQUEST + FIRST_YEAR + 2 + 1,
    "/dashboard/2023/records/bodies-active/": REQUEST + FIRST_YEAR + 2,
    "/dashboard/2023/records/bodies-started/?type=state": REQUEST + FIRST_YEAR + 2,
    # ... and the county's name.
    "/dashboard/2023/records/municipal-coverage/?county=99": REQUEST + FIRST_YEAR + 2 + 1,
    # ... and the sum of participants (or registrants).
    "/dashboard/2023/records/activities/": REQUEST + FIRST_YEAR + 2 + 1,
    "/dashboard/2023/records/activities/?month=6": REQUEST + FIRST_YEAR + 2 + 1,
    "/dashboard/2023/records/webinars/": REQUEST + FIRST_YEAR + 2 + 1,
    "/dashboard/2023/records/posts/": REQUEST + FIRST_YEAR + 2,
    "/dashboard/2023/records/solutions/": REQUEST + FIRST_YEAR + 2,
    "/dashboard/2023/records/partners/": REQUEST + FIRST_YEAR + 2,
    "/dashboard/2023/records/new-partners/": REQUEST + FIRST_YEAR + 2,
}


@pytest.mark.parametrize("scale", [1, 10], ids=["small", "10x"])
@pytest.mark.parametrize(("url", "queries"), PAGES.items(), ids=list(PAGES))
def test_dashboard_page_query_count_is_pinned(django_assert_num_queries, scale, url, queries):
    build_portfolio(scale)
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(manager())
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code in (200, 302)
