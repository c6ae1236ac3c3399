"""`manage.py check_data` lists the stored values outside what writes accept today."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lup.core.dates import latest_plausible_date
from outreach.models import OutreachActivity, Publication
from procurements.models import Procurement
from tests.outreach.factories import OutreachActivityFactory, PublicationFactory
from tests.procurements.factories import ProcurementFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("check_data", *args, stdout=out)
    return out.getvalue()


def test_a_clean_database_passes():
    ProcurementFactory(started_on=datetime.date(2023, 1, 1))
    assert run() == "check_data: every stored date, count and amount is in range.\n"


def test_dates_stored_outside_the_range_are_listed_with_their_ids():
    # QuerySet.update() skips the validators: as records saved before the rule, or by SQL.
    early = PublicationFactory()
    Publication.objects.filter(pk=early.pk).update(published_on=datetime.date(1, 1, 1))
    late = ProcurementFactory()
    too_late = latest_plausible_date() + datetime.timedelta(days=1)
    Procurement.objects.filter(pk=late.pk).update(ended_on=too_late)
    ProcurementFactory(started_on=datetime.date(1990, 1, 1))  # the first day accepted
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("check_data", stdout=out)
    assert raised.value.returncode == 1
    assert str(raised.value) == "2 value(s) in 2 field(s) outside their accepted range."
    lines = sorted(out.getvalue().splitlines())
    latest = latest_plausible_date().isoformat()
    assert lines == [
        f"outreach.Publication.published_on: 1 outside 1990-01-01..{latest} (ids {early.pk})",
        f"procurements.Procurement.ended_on: 1 outside 1990-01-01..{latest} (ids {late.pk})",
    ]
    # One app: only its findings.
    with pytest.raises(CommandError, match="1 value"):
        call_command("check_data", "outreach", stdout=io.StringIO())


def test_counts_past_their_maximum_are_listed(monkeypatch):
    """The database's own check constraints keep counts within today's maximum, so the test
    lowers the maximum the validator states, as a stricter rule would."""
    activity = OutreachActivityFactory(participants=12)
    OutreachActivityFactory(participants=3)
    [validator] = OutreachActivity._meta.get_field("participants").validators[:1]
    monkeypatch.setattr(validator, "limit_value", 10)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_data", "outreach.OutreachActivity", stdout=out)
    assert out.getvalue() == (
        f"outreach.OutreachActivity.participants: 1 outside <= 10 (ids {activity.pk})\n"
    )


def test_an_unknown_label_is_an_error():
    with pytest.raises(CommandError, match="nosuchapp"):
        run("nosuchapp")
