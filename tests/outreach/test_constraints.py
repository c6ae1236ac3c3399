"""The database refuses negative participant and registrant counts, whatever the write path."""

import pytest

from outreach.models import OutreachActivity
from tests.dbutils import refused_by_column_rule
from tests.outreach.factories import ActivityKindFactory, OutreachActivityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["participants", "registrants"])
def test_counts_are_not_negative(field):
    kind = ActivityKindFactory()
    # The positive integer column's own check answers before the model's
    # outreach_*_not_negative constraint, on SQLite and PostgreSQL alike.
    refused_by_column_rule(
        lambda: OutreachActivity.objects.create(
            date="2023-05-10", title="Webinar", kind=kind, **{field: -1}
        ),
        "check",
        field,
    )
    activity = OutreachActivityFactory(kind=kind)
    refused_by_column_rule(
        lambda: OutreachActivity.objects.filter(pk=activity.pk).update(**{field: -5}),
        "check",
        field,
    )


def test_zero_counts_are_fine():
    activity = OutreachActivityFactory(participants=0, registrants=0)
    stored = OutreachActivity.objects.values_list("participants", "registrants").get(pk=activity.pk)
    assert stored == (0, 0)
