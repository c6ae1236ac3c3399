"""Reads the dashboard needs besides the figures themselves (which all come from lup.figures)."""

import datetime

from django.db.models import Max
from django.utils import timezone

from outreach.models import OutreachActivity, Publication
from partners.models import Partnership
from procurements.models import Procurement, Solution

# Every dated event a year's figures can start from: (model, date field); the same tables
# lup.figures.first_year_with_data looks at.
DATED_EVENTS = (
    (Procurement, "started_on"),
    (OutreachActivity, "date"),
    (Publication, "published_on"),
    (Solution, "published_on"),
    (Partnership, "started_on"),
)


def latest_year_with_data(today: datetime.date | None = None) -> int | None:
    """The year of the most recent dated record up to today (future dates are plans), or None.

    One query: a UNION ALL of one MAX() per table.
    """
    today = today or timezone.localdate()
    parts = [
        model.objects.filter(**{f"{field}__lte": today})
        .order_by()
        .values(latest=Max(field))
        .values_list("latest", flat=True)
        for model, field in DATED_EVENTS
    ]
    latest = [day for day in parts[0].union(*parts[1:], all=True) if day is not None]
    return max(latest).year if latest else None
