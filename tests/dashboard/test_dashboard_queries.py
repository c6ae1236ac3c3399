"""Query counts of the dashboard pages, pinned, and the same with ten times the data."""

import pytest
from django.db import transaction
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


@pytest.fixture(scope="module", params=[1, 10], ids=["small", "10x"])
def portfolio(request, django_db_setup, django_db_blocker):
    """The portfolio at each scale, built once for all pages in a transaction rolled back
    afterwards (pytest runs the pages of one scale together); the pages only read it, and
    each test's own savepoint rolls back its login."""
    with django_db_blocker.unblock(), transaction.atomic():
        build_portfolio(request.param)
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize(("url", "queries"), PAGES.items(), ids=list(PAGES))
def test_dashboard_page_query_count_is_pinned(portfolio, django_assert_num_queries, url, queries):
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(manager())
    with django_assert_num_queries(queries):
        response = client.get(url)
    if url == "/dashboard/":
        # The root redirects to the latest year with data: the portfolio's is 2023.
        assert response.status_code == 302
        assert response["Location"] == "/dashboard/2023/"
    else:
        assert response.status_code == 200
