"""The data version and the cache keyed by it (lup/reporting/dataversion.py, summary.py).

Each write path changes the version through the database's triggers, whatever wrote; the
figures read through the cache are then counted again.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lup.reporting import figures
from lup.reporting.dataversion import immediate_versions, installed_tables, watched_tables
from lup.reporting.summary import Summary, data_version
from outreach.models import ActivityKind, OutreachActivity, Publication
from partners.models import Municipality
from procurements.models import Participation, Procurement, Sector
from tests.outreach.factories import OutreachActivityFactory, PublicationFactory
from tests.partners.factories import MunicipalityFactory, PublicBodyFactory
from tests.procurements.factories import ParticipationFactory, ProcurementFactory

# On PostgreSQL the version changes when a writing transaction commits, and until then its own
# reads bypass the cache; a test's transaction never commits, so it asks for a version after
# each write (immediate_versions).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_versions")]

d = datetime.date


def test_every_watched_table_has_the_trigger():
    tables = set(watched_tables())
    # Records, code lists, lookups and the many-to-many table; no history table.
    assert {
        "procurements_procurement",
        "procurements_participation",
        "procurements_sector",
        "partners_publicbody",
        "partners_municipality",
        "partners_county",
        "partners_partnership",
        "outreach_outreachactivity",
        "outreach_outreachactivity_procurements",
        "outreach_activitykind",
        "outreach_publication",
        "procurements_solution",
    } <= tables
    assert not {t for t in tables if "historical" in t}
    assert installed_tables(connection) == tables


def test_the_figures_read_only_watched_tables(renumbered_map_and_outreach):
    """A new figure that reads another table fails here until its app is watched."""
    with CaptureQueriesContext(connection) as captured:
        figures.annual_figures(2023)
        figures.annual_figures(2023, until=d(2023, 6, 30))
        figures.annual_series(2022, 2023)
        figures.outreach_by_month(2023)
        figures.municipal_coverage_by_county(2023)
        figures.first_year_with_data()
        figures.latest_year_with_data()
    all_tables = set(connection.introspection.table_names())
    read = {
        name
        for query in captured.captured_queries
        for name in re.findall(r'"?([a-z_]+)"?', query["sql"])
        if name in all_tables
    }
    assert "outreach_outreachactivity" in read and "partners_municipality" in read
    assert read <= set(watched_tables())


@pytest.fixture
def renumbered_map_and_outreach():
    body = MunicipalityFactory(valid_from=d(2020, 1, 1)).body
    ParticipationFactory(procurement=ProcurementFactory(started_on=d(2023, 2, 1)), body=body)
    OutreachActivityFactory(date=d(2023, 4, 1))


def changes_version(write) -> bool:
    before = data_version()
    write()
    return data_version() != before


def test_every_kind_of_write_changes_the_version(tmp_path):
    procurement = ProcurementFactory(started_on=d(2023, 2, 1))
    activity = OutreachActivityFactory(date=d(2023, 4, 1))
    body = PublicBodyFactory()

    assert changes_version(lambda: ProcurementFactory())  # save()
    assert changes_version(
        lambda: Procurement.objects.filter(pk=procurement.pk).update(started_on=d(2022, 1, 1))
    )
    assert changes_version(
        lambda: Publication.objects.bulk_create(
            [Publication(title="A", published_on=d(2023, 1, 2))]
        )
    )
    assert changes_version(lambda: activity.procurements.add(procurement))  # m2m table
    sector = Sector.objects.order_by("pk").first()
    assert changes_version(  # a lookup
        lambda: Sector.objects.filter(pk=sector.pk).update(name="Omdøpt")
    )
    assert changes_version(
        lambda: ActivityKind.objects.filter(pk=activity.kind_id).update(code="x")
    )
    ParticipationFactory(procurement=procurement, body=body)
    # A cascade: deleting the procurement deletes its participation.
    assert changes_version(lambda: procurement.delete())
    assert not Participation.objects.filter(body=body).exists()
    assert changes_version(lambda: call_command("load_reference", verbosity=0))
    # loaddata ends with Django's SET CONSTRAINTS ALL DEFERRED: immediate again.
    immediate_versions(connection)
    assert changes_version(
        lambda: Municipality.objects.filter(number="0301").update(valid_to=d(2021, 1, 1))
    )
    with connection.cursor() as cursor:
        table = OutreachActivity._meta.db_table
        assert changes_version(lambda: cursor.execute(f"DELETE FROM {table}"))


def test_a_cached_read_takes_one_query_and_a_write_is_seen(django_assert_num_queries):
    OutreachActivityFactory(date=d(2023, 4, 1))
    assert Summary().annual_figures(2023)["outreach_activities"] == 1
    with django_assert_num_queries(1):  # the version; the figures come from the cache
        assert Summary().annual_figures(2023)["outreach_activities"] == 1

    kind = OutreachActivity.objects.get().kind_id
    OutreachActivity.objects.bulk_create(
        [OutreachActivity(date=d(2023, 5, 1), title="B", kind_id=kind)]
    )

    with django_assert_num_queries(2):  # the version, then the figures counted again
        assert Summary().annual_figures(2023)["outreach_activities"] == 2


def test_the_series_comes_from_the_cache_year_by_year(django_assert_num_queries):
    PublicationFactory(published_on=d(2021, 3, 1))
    this_year = datetime.date.today().year
    expected = figures.annual_series()
    assert Summary().annual_series() == expected
    with django_assert_num_queries(1):
        assert Summary().annual_series() == expected
    assert [row["year"] for row in expected] == list(range(2021, this_year + 1))


def test_fresh_counts_from_the_records_and_is_for_staff(superuser, user):
    PublicationFactory(published_on=d(2023, 3, 1))
    staff, reader = Client(), Client()
    staff.force_login(superuser)
    reader.force_login(user)
    url = "/api/v1/stats/years/2023/"
    staff.get(url)  # warm the cache

    with CaptureQueriesContext(connection) as fresh:
        assert staff.get(url, {"fresh": "1"}).json()["posts_published"] == 1
    with CaptureQueriesContext(connection) as cached:
        assert reader.get(url, {"fresh": "1"}).json()["posts_published"] == 1

    sql = [q["sql"] for q in fresh.captured_queries]
    assert not any("reporting_dataversion" in q for q in sql)  # no cache: no version
    assert any("outreach_publication" in q for q in sql)
    # A reader's ?fresh=1 is ignored: the version, then the cache.
    assert not any("outreach_publication" in q["sql"] for q in cached.captured_queries)


def test_a_writing_transaction_reads_its_own_changes_and_others_see_them_at_commit():
    from django.db import transaction

    PublicationFactory(published_on=d(2023, 3, 1))
    assert Summary().annual_figures(2023)["posts_published"] == 1  # now in the cache
    with transaction.atomic():
        PublicationFactory(published_on=d(2023, 4, 1))
        # Not committed yet: this transaction counts its own records, not the cache's.
        assert Summary().annual_figures(2023)["posts_published"] == 2
    assert Summary().annual_figures(2023)["posts_published"] == 2
    with transaction.atomic():
        PublicationFactory(published_on=d(2023, 5, 1))
        transaction.set_rollback(True)
    assert Summary().annual_figures(2023)["posts_published"] == 2
