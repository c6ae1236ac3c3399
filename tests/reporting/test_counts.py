"""The lists' counts from the cache keyed by the data version (lup/reporting/counts.py): a
page after the first does not count again, a write is seen at once, and a list that reads a
table without the version's triggers, or a staff request with ?fresh=1, always counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lup.reporting.counts import count_key
from outreach.models import OutreachActivity
from procurements.models import Procurement
from tests.outreach.factories import OutreachActivityFactory
from tests.procurements.factories import ProcurementFactory

# As in test_data_version.py: a test's transaction never commits, so it asks PostgreSQL for a
# version after each write.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_versions")]

d = datetime.date
URL = "/api/v1/outreach-activities/?year=2023"


def counts(captured: CaptureQueriesContext) -> int:
    return sum(q["sql"].startswith("SELECT COUNT(*)") for q in captured.captured_queries)


def test_the_next_request_takes_the_count_from_the_cache_and_a_write_is_seen(reader_client):
    OutreachActivityFactory.create_batch(3, date=d(2023, 5, 1))
    OutreachActivityFactory(date=d(2022, 12, 31))  # not in 2023
    with CaptureQueriesContext(connection) as first:
        assert reader_client.get(URL).json()["count"] == 3
    with CaptureQueriesContext(connection) as second:
        assert reader_client.get(URL + "&page=1").json()["count"] == 3
    assert (counts(first), counts(second)) == (1, 0)
    assert len(second.captured_queries) == len(first.captured_queries) - 1

    # Any write, even one no signal hears of, gives a new version and a new count.
    OutreachActivity.objects.filter(date=d(2022, 12, 31)).update(date=d(2023, 1, 1))
    with CaptureQueriesContext(connection) as after:
        assert reader_client.get(URL).json()["count"] == 4
    assert counts(after) == 1


def test_each_filter_has_its_own_count(reader_client):
    OutreachActivityFactory(date=d(2023, 5, 1))
    OutreachActivityFactory(date=d(2024, 5, 1))
    assert reader_client.get(URL).json()["count"] == 1
    assert reader_client.get("/api/v1/outreach-activities/?year=2024").json()["count"] == 1
    assert reader_client.get("/api/v1/outreach-activities/").json()["count"] == 2


def test_staff_with_fresh_count_each_time(admin_api_client):
    OutreachActivityFactory(date=d(2023, 5, 1))
    admin_api_client.get(URL)
    with CaptureQueriesContext(connection) as fresh:
        assert admin_api_client.get(URL + "&fresh=1").json()["count"] == 1
    assert counts(fresh) == 1


def test_a_count_that_reads_a_table_without_the_versions_trigger_is_not_cached():
    ProcurementFactory()
    assert count_key(Procurement.objects.all()) is not None
    # The procurements' adviser is a user: auth_user has no data-version trigger.
    assert count_key(Procurement.objects.filter(adviser__username="ola")) is None
    # What is fetched alongside the rows is not what is counted: still cached.
    assert count_key(Procurement.objects.select_related("adviser")) is not None
    assert count_key(Procurement.objects.filter(pk__in=[])) is None  # no query to run
