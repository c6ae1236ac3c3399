"""The database refuses procurements and participations that break the data rules, on paths
that skip validation (objects.create, bulk_create, queryset.update)."""

import datetime

import pytest

from procurements.models import Participation, PhaseChange, Procurement, Role
from tests.dbutils import refused, refused_by_column_rule
from tests.partners.factories import PublicBodyFactory
from tests.procurements.factories import (
    ParticipationFactory,
    PhaseChangeFactory,
    ProcurementFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


def procurement(**fields):
    return Procurement.objects.create(
        title="Elektronisk pasientjournal", sector=SectorFactory(), **fields
    )


def test_procurement_cannot_end_before_it_starts():
    refused(
        lambda: procurement(
            started_on=datetime.date(2023, 3, 1), ended_on=datetime.date(2023, 2, 28)
        ),
        "procurement_ended_after_started",
    )
    same_day = procurement(started_on=datetime.date(2023, 3, 1), ended_on=datetime.date(2023, 3, 1))
    refused(
        lambda: Procurement.objects.filter(pk=same_day.pk).update(
            ended_on=datetime.date(2022, 1, 1)
        ),
        "procurement_ended_after_started",
    )


def test_procurement_cannot_end_without_a_start_date():
    refused(
        lambda: procurement(started_on=None, ended_on=datetime.date(2023, 2, 28)),
        "procurement_ended_needs_start",
    )


def test_planned_procurement_without_dates_is_fine():
    planned = procurement(started_on=None, ended_on=None)
    stored = Procurement.objects.values_list("started_on", "ended_on").get(pk=planned.pk)
    assert stored == (None, None)


def test_outcome_is_one_of_the_choices():
    refused(lambda: procurement(outcome="won"), "procurement_outcome_valid")


def test_estimated_value_is_not_negative():
    refused_by_column_rule(
        lambda: procurement(estimated_value_nok=-1), "check", "estimated_value_nok"
    )


def test_body_cannot_leave_before_it_joins():
    refused(
        lambda: Participation.objects.create(
            procurement=ProcurementFactory(),
            body=PublicBodyFactory(),
            joined_on=datetime.date(2023, 5, 1),
            left_on=datetime.date(2023, 4, 30),
        ),
        "participation_left_after_joined",
    )


def test_role_is_one_of_the_choices():
    refused(
        lambda: Participation.objects.create(
            procurement=ProcurementFactory(), body=PublicBodyFactory(), role="sponsor"
        ),
        "participation_role_valid",
    )


def test_a_body_takes_part_once_per_procurement():
    first = ParticipationFactory()
    refused(
        lambda: Participation.objects.create(
            procurement=first.procurement, body=first.body, role=Role.OBSERVER
        ),
        "participation_one_per_body",
    )
    refused(
        lambda: Participation.objects.bulk_create(
            [Participation(procurement=first.procurement, body=first.body)]
        ),
        "participation_one_per_body",
    )


def test_second_lead_is_refused():
    lead = ParticipationFactory(role=Role.LEAD)
    refused(
        lambda: Participation.objects.create(
            procurement=lead.procurement, body=PublicBodyFactory(), role=Role.LEAD
        ),
        "participation_one_lead",
    )
    participant = ParticipationFactory(procurement=lead.procurement)
    refused(
        lambda: Participation.objects.filter(pk=participant.pk).update(role=Role.LEAD),
        "participation_one_lead",
    )


def test_many_participants_and_leads_of_other_procurements_are_fine():
    lead = ParticipationFactory(role=Role.LEAD)
    ParticipationFactory(procurement=lead.procurement, role=Role.PARTICIPANT)
    ParticipationFactory(procurement=lead.procurement, role=Role.PARTICIPANT)
    ParticipationFactory(procurement=lead.procurement, role=Role.OBSERVER)
    # The same body may lead another procurement, and another body lead a third.
    ParticipationFactory(body=lead.body, role=Role.LEAD)
    ParticipationFactory(role=Role.LEAD)
    assert Participation.objects.filter(role=Role.LEAD).count() == 3
    assert lead.procurement.participations.count() == 4


def test_phase_change_is_recorded_once_per_day():
    change = PhaseChangeFactory()
    refused(
        lambda: PhaseChange.objects.create(
            procurement=change.procurement, phase=change.phase, changed_on=change.changed_on
        ),
        "phasechange_unique_per_day",
    )
