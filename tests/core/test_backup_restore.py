"""`manage.py backup` then `manage.py restore` (make backup / make restore) give back every
annual figure of every year, on the database the suite runs on (pg_dump and pg_restore on
PostgreSQL, SQLite's backup API on SQLite).

The test commits for real (transaction=True): pg_dump reads from another connection, which
sees only committed rows.
"""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lup.reporting.figures import annual_series
from outreach.models import OutreachActivity
from procurements.models import Procurement
from tests.browser.conftest import restore_seeded_lookups

pytestmark = pytest.mark.django_db(transaction=True)


def every_year() -> list[dict]:
    return [dict(figures) for figures in annual_series()]


def test_a_backup_and_restore_round_trip_keeps_every_annual_figure(tmp_path):
    restore_seeded_lookups()  # after another transactional test's flush
    call_command("seed_demo", stdout=io.StringIO())
    before = every_year()
    assert len(before) >= 7 and before[4]["procurements_started"] == 26  # 2023, the report's

    backup = tmp_path / "lup.backup"
    out = io.StringIO()
    call_command("backup", str(backup), stdout=out)
    assert backup.stat().st_size > 10_000
    assert out.getvalue().startswith("Backed up the ")

    # Lose records after the backup: an activity, then every procurement of a year.
    OutreachActivity.objects.order_by("pk").first().delete()
    Procurement.objects.filter(started_on__year=2023).delete()
    assert every_year() != before

    call_command("restore", str(backup), "--noinput", stdout=io.StringIO())
    assert every_year() == before
    assert Procurement.objects.filter(started_on__year=2023).count() == 26


def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", str(tmp_path / "none"), "--noinput")
