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
# lup.publishing: the year's latest publication (a whole year's page shows it beside the live
# figures); the report page also lists the year's versions.
PUBLISHED = 1
VERSIONS = 1

PAGES = {
    # annual_series (first year + one batch holding 2023 and 2022), outreach by month,
    # coverage by county.
    "/dashboard/2023/": REQUEST + VERSION + FIRST_YEAR + YEAR + 1 + 1 + PUBLISHED,
    # The first year with data: the series holds it, its year before is counted apart.
    "/dashboard/2020/": REQUEST + VERSION + FIRST_YEAR + YEAR + YEAR + 1 + 1 + PUBLISHED,
    # A year before the data: the clear page, after the first year with data.
    "/dashboard/1990/": REQUEST + VERSION + FIRST_YEAR,
    # First year (the years offered), the figures of the year and of the year before (one
    # batch), outreach by month, coverage by county.
    "/dashboard/2023/report/": REQUEST + VERSION + FIRST_YEAR + YEAR + 1 + 1 + VERSIONS,
    # First year, the year and the year before (one batch), by month, by county.
    "/dashboard/2023/export.csv": REQUEST + VERSION + FIRST_YEAR + YEAR + 1 + 1,
    "/dashboard/2023/export.xlsx": REQUEST + VERSION + FIRST_YEAR + YEAR + 1 + 1,
    # Latest year with data: one UNION ALL of a MAX per dated table.
    "/dashboard/": REQUEST + 1,
    # Year selector, count, page of rows (sector and phase joined).
    "/dashboard/2023/records/procurements-started/": REQUEST + VERSION + FIRST_YEAR + 2,
    # ... and the sector's name for the active filter.
    "/dashboard/2023/records/procurements-active/?sector=1": REQUEST + VERSION + FIRST_YEAR + 2 + 1,
    "/dashboard/2023/records/bodies-active/": REQUEST + VERSION + FIRST_YEAR + 2,
    "/dashboard/2023/records/bodies-started/?type=state": REQUEST + VERSION + FIRST_YEAR + 2,
    # ... and the county's name.
    "/dashboard/2023/records/municipal-coverage/?county=99": REQUEST + VERSION + FIRST_YEAR + 2 + 1,
    # ... and the sum of participants (or registrants).
    "/dashboard/2023/records/activities/": REQUEST + VERSION + FIRST_YEAR + 2 + 1,
    "/dashboard/2023/records/activities/?month=6": REQUEST + VERSION + FIRST_YEAR + 2 + 1,
    "/dashboard/2023/records/webinars/": REQUEST + VERSION + FIRST_YEAR + 2 + 1,
    "/dashboard/2023/records/posts/": REQUEST + VERSION + FIRST_YEAR + 2,
    "/dashboard/2023/records/solutions/": REQUEST + VERSION + FIRST_YEAR + 2,
    "/dashboard/2023/records/partners/": REQUEST + VERSION + FIRST_YEAR + 2,
    "/dashboard/2023/records/new-partners/": REQUEST + VERSION + FIRST_YEAR + 2,
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
    elif url == "/dashboard/1990/":
        assert response.status_code == 404
    else:
        assert response.status_code == 200


# The record pages: permissions (the request), the record with its foreign keys joined, one
# query per list on it, and its history with its users (details.py).
RECORD_PAGES = {
    # participations, phases, activities, solutions, history
    "procurement": REQUEST + 1 + 4 + 1,
    # participations (with procurement and sector), partnerships, municipalities, counties,
    # history
    "body": REQUEST + 1 + 4 + 1,
    "partnership": REQUEST + 1 + 1,
    # related procurements, history
    "activity": REQUEST + 1 + 1 + 1,
    "solution": REQUEST + 1 + 1,
}


def record_of(kind: str):
    from outreach.models import OutreachActivity
    from partners.models import Partnership, PublicBody
    from procurements.models import Procurement, Solution

    model = {
        "procurement": Procurement,
        "body": PublicBody,
        "partnership": Partnership,
        "activity": OutreachActivity,
        "solution": Solution,
    }[kind]
    return model.objects.order_by("pk").first()


@pytest.mark.parametrize(("kind", "queries"), RECORD_PAGES.items(), ids=list(RECORD_PAGES))
def test_record_page_query_count_is_pinned(portfolio, django_assert_num_queries, kind, queries):
    record = record_of(kind)
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(manager())
    url = {"body": "bodies", "activity": "activities"}.get(kind, kind + "s")
    with django_assert_num_queries(queries):
        response = client.get(f"/dashboard/{url}/{record.pk}/?year=2023")
    assert response.status_code == 200


def test_a_history_with_a_changed_foreign_key_reads_the_names_once(
    portfolio, django_assert_num_queries
):
    from procurements.models import Procurement

    procurement = Procurement.objects.order_by("pk").first()
    for sector in ("Forsvar", "Helse", "Forsvar"):
        procurement.sector = type(procurement.sector).objects.get(name=sector)
        procurement.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(manager())
    # ... and one query for the names of the sectors in the history's changes.
    with django_assert_num_queries(RECORD_PAGES["procurement"] + 1):
        response = client.get(f"/dashboard/procurements/{procurement.pk}/")
    assert "<del>Helse</del> → <ins>Forsvar</ins>" in response.content.decode()


def test_search_query_count_is_pinned(portfolio, django_assert_num_queries):
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(manager())
    # One query per record type: procurements, bodies, activities, solutions.
    with django_assert_num_queries(REQUEST + 4):
        response = client.get("/dashboard/search/", {"q": "kommune"})
    assert response.status_code == 200


def test_the_current_year_page_query_count_is_pinned(portfolio, django_assert_num_queries):
    from django.utils import timezone

    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(manager())
    this_year = timezone.localdate().year
    # The version, first year, the whole years before it (one batch), the year so far and the
    # same days of the year before, by month, by county.
    with django_assert_num_queries(REQUEST + VERSION + FIRST_YEAR + YEAR + 2 * YEAR + 1 + 1):
        response = client.get(f"/dashboard/{this_year}/")
    assert response.status_code == 200
