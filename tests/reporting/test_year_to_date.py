"""annual_figures(year, until=day): the same rules on 1 January to that day (a year in progress,
"hittil i år"), and lup.core.dates.Period."""

import datetime

import pytest

from lup.core.dates import Period
from lup.reporting.figures import annual_figures
from outreach.models import WEBINAR
from partners.models import BodyType
from tests.outreach.factories import ActivityKindFactory, OutreachActivityFactory
from tests.partners.factories import PartnershipFactory, PublicBodyFactory
from tests.procurements.factories import ParticipationFactory, ProcurementFactory

d = datetime.date
JUNE_30 = d(2023, 6, 30)


def test_a_period_runs_from_new_year_to_the_day():
    assert Period.to_date(2023, d(2026, 6, 30)) == Period(2023, JUNE_30)
    assert Period.to_date(2023, d(2024, 2, 29)).last == d(2023, 2, 28)
    assert Period.to_date(2024, d(2024, 2, 29)).last == d(2024, 2, 29)
    assert Period.to_date(2023, JUNE_30).first == d(2023, 1, 1)
    assert not Period.to_date(2023, JUNE_30).is_whole_year
    assert Period.to_date(2023, d(2030, 12, 31)) == Period.whole(2023)
    assert Period.whole(2023).is_whole_year


@pytest.mark.django_db
def test_the_rules_count_up_to_the_day():
    body = PublicBodyFactory(body_type=BodyType.STATE)
    late_body = PublicBodyFactory(body_type=BodyType.MUNICIPAL)
    in_time = ProcurementFactory(started_on=JUNE_30)  # the last day: counts
    too_late = ProcurementFactory(started_on=d(2023, 7, 1))  # the day after: does not
    ProcurementFactory(started_on=d(2022, 5, 1), ended_on=d(2023, 1, 1))  # active on 1.1.
    ParticipationFactory(procurement=in_time, body=body)
    ParticipationFactory(procurement=too_late, body=late_body)
    webinar = ActivityKindFactory(code=WEBINAR)
    OutreachActivityFactory(date=JUNE_30, kind=webinar, participants=10, registrants=20)
    OutreachActivityFactory(date=d(2023, 7, 1), participants=1000)
    PartnershipFactory(body=body, started_on=d(2023, 3, 1), ended_on=d(2023, 9, 30))
    PartnershipFactory(body=late_body, started_on=d(2023, 7, 1))

    so_far = annual_figures(2023, until=d(2026, 6, 30))
    whole = annual_figures(2023)

    assert so_far["year"] == whole["year"] == 2023
    assert (so_far["procurements_started"], whole["procurements_started"]) == (1, 2)
    assert (so_far["procurements_active"], whole["procurements_active"]) == (2, 3)
    assert so_far["bodies_in_started"] == {
        "total": 1,
        "state": 1,
        "county": 0,
        "municipal": 0,
        "other": 0,
    }
    assert whole["bodies_in_started"]["total"] == 2
    assert (so_far["outreach_activities"], whole["outreach_activities"]) == (1, 2)
    assert (so_far["outreach_participants"], whole["outreach_participants"]) == (10, 1010)
    assert (so_far["webinars"], so_far["webinar_registrants"]) == (1, 20)
    # Partners on the day: the body whose agreement ended in September was one on 30 June,
    # though not at the end of the year; the one who joined in July was not yet.
    assert (so_far["partners_total"], whole["partners_total"]) == (1, 1)
    assert [p["id"] for p in so_far["new_partners"]] == [body.id]
    assert [p["id"] for p in whole["new_partners"]] == [body.id, late_body.id]
    assert (so_far["partners_new"], whole["partners_new"]) == (1, 2)
