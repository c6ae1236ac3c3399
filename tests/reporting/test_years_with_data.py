"""first_year_with_data / latest_year_with_data read one MIN or MAX per table, not a row per
record (a values_list(Min(...)) without grouping groups by every column)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lup.reporting.figures import first_year_with_data, latest_year_with_data
from tests.procurements.factories import ProcurementFactory

pytestmark = pytest.mark.django_db


def test_one_aggregate_row_per_table():
    for year in (2019, 2021, 2023):
        ProcurementFactory(started_on=datetime.date(year, 5, 1))
    with CaptureQueriesContext(connection) as queries:
        assert first_year_with_data() == 2019
        assert latest_year_with_data(datetime.date(2024, 1, 1)) == 2023
    assert len(queries) == 2
    for query in queries.captured_queries:
        assert "GROUP BY" not in query["sql"].upper()
        with connection.cursor() as cursor:
            cursor.execute(query["sql"])
            assert len(cursor.fetchall()) == 5  # one row per dated table
