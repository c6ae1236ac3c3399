"""The database refuses negative participant and registrant counts, whatever the write path."""

import pytest
from django.db import IntegrityError, transaction

from outreach.models import OutreachActivity
from tests.outreach.factories import ActivityKindFactory, OutreachActivityFactory

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.mark.parametrize("field", ["participants", "registrants"])
def test_counts_are_not_negative(field):
    kind = ActivityKindFactory()
    refused(
        lambda: OutreachActivity.objects.create(
            date="2023-05-10", title="Webinar", kind=kind, **{field: -1}
        )
    )
    activity = OutreachActivityFactory(kind=kind)
    refused(lambda: OutreachActivity.objects.filter(pk=activity.pk).update(**{field: -5}))


def test_zero_counts_are_fine():
    activity = OutreachActivityFactory(participants=0, registrants=0)
    assert (activity.participants, activity.registrants) == (0, 0)
