"""lup.core.integrity and the API's mapping of database refusals (lup.core.api.base), on real
IntegrityErrors raised by the database under test: PostgreSQL names the constraint in the
error's diagnostics, SQLite only in the message text, and both must give the constraint's
own message under its field."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation
from rest_framework import serializers

from lup.core.api.base import database_errors_as_400, validation_error_from
from lup.core.integrity import GENERIC_MESSAGE, broken_constraint, integrity_error_message
from partners.models import County
from procurements.models import Participation, PhaseChange, Procurement, Role
from tests.partners.factories import CountyFactory, PublicBodyFactory
from tests.procurements.factories import (
    ParticipationFactory,
    PhaseChangeFactory,
    ProcurementFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def refusal(write) -> IntegrityError:
    """The IntegrityError the database raises for `write`; the savepoint keeps the test's
    transaction usable."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        write()
    return caught.value


def ended_before_started():
    Procurement.objects.create(
        title="X",
        sector=ProcurementFactory().sector,
        started_on=D(2023, 3, 1),
        ended_on=D(2023, 1, 1),
    )


def ended_without_start():
    Procurement.objects.create(
        title="X", sector=ProcurementFactory().sector, started_on=None, ended_on=D(2023, 1, 1)
    )


def same_body_twice():
    first = ParticipationFactory()
    Participation.objects.create(procurement=first.procurement, body=first.body)


def second_lead():
    lead = ParticipationFactory(role=Role.LEAD)
    Participation.objects.create(
        procurement=lead.procurement, body=PublicBodyFactory(), role=Role.LEAD
    )


def leaves_before_joining():
    ParticipationFactory(joined_on=D(2023, 5, 1), left_on=D(2023, 4, 30))


def phase_change_twice():
    change = PhaseChangeFactory()
    PhaseChange.objects.create(
        procurement=change.procurement, phase=change.phase, changed_on=change.changed_on
    )


def county_number_twice():
    CountyFactory(number="18", valid_from=D(2020, 1, 1))
    County.objects.create(number="18", name="Nordland", valid_from=D(2020, 1, 1))


# (write the database refuses, model, the constraint it breaks, the field the API files the
# message under, the message in English)
REFUSALS = [
    pytest.param(
        ended_before_started,
        Procurement,
        "procurement_ended_after_started",
        "ended_on",
        "A procurement cannot end before it starts.",
        id="check constraint",
    ),
    pytest.param(
        ended_without_start,
        Procurement,
        "procurement_ended_needs_start",
        "ended_on",
        "A procurement cannot end without a start date.",
        id="second check constraint on the same field",
    ),
    pytest.param(
        same_body_twice,
        Participation,
        "participation_one_per_body",
        "body",
        "This body already takes part in this procurement.",
        id="unique constraint on two columns",
    ),
    pytest.param(
        second_lead,
        Participation,
        "participation_one_lead",
        "role",
        "A procurement has exactly one lead.",
        id="partial unique index",
    ),
    pytest.param(
        leaves_before_joining,
        Participation,
        "participation_left_after_joined",
        "left_on",
        "A body cannot leave before it joins.",
        id="check constraint of a participation",
    ),
    pytest.param(
        phase_change_twice,
        PhaseChange,
        "phasechange_unique_per_day",
        "changed_on",
        "This phase change is already recorded.",
        id="unique constraint on three columns",
    ),
    pytest.param(
        county_number_twice,
        County,
        "county_number_valid_from_unique",
        "number",
        "Constraint “county_number_valid_from_unique” is violated.",
        id="unique constraint with Django's default message",
    ),
]


@pytest.mark.parametrize(("write", "model", "name", "field", "message"), REFUSALS)
def test_a_refusal_is_told_by_its_constraint(write, model, name, field, message):
    exc = refusal(write)

    found = broken_constraint(exc, [Procurement, Participation, PhaseChange, County])
    assert found is not None, str(exc)
    assert (found[0], found[1].name) == (model, name)
    with translation.override("en"):
        assert integrity_error_message(exc, [model]) == message
        assert validation_error_from(exc, [model]).detail == {field: [message]}


def test_a_constraint_of_a_model_not_asked_about_is_not_guessed():
    exc = refusal(second_lead)

    assert broken_constraint(exc, [Procurement]) is None
    with translation.override("en"):
        assert integrity_error_message(exc, [Procurement]) == str(GENERIC_MESSAGE)
        assert validation_error_from(exc, [Procurement]).detail == {
            "non_field_errors": [str(GENERIC_MESSAGE)]
        }


def test_a_refusal_no_model_constraint_describes_gets_the_generic_message():
    # NOT NULL is a column rule, not one of Meta.constraints: nothing to name.
    procurement = ProcurementFactory()
    exc = refusal(lambda: Procurement.objects.filter(pk=procurement.pk).update(title=None))

    assert broken_constraint(exc, [Procurement, Participation]) is None
    with translation.override("en"):
        assert validation_error_from(exc, [Procurement]).detail == {
            "non_field_errors": [
                "The database refused this change: it conflicts with an existing record or a "
                "data rule."
            ]
        }


def test_database_errors_as_400_answers_a_refused_save_and_rolls_it_back():
    first = ParticipationFactory(role=Role.LEAD)

    with (
        translation.override("en"),
        pytest.raises(serializers.ValidationError) as caught,
        database_errors_as_400(Participation),
    ):
        Participation.objects.create(
            procurement=first.procurement, body=PublicBodyFactory(), role=Role.PARTICIPANT
        )
        # The second row breaks the one-lead index; the first must go with it.
        Participation.objects.create(
            procurement=first.procurement, body=PublicBodyFactory(), role=Role.LEAD
        )

    assert caught.value.detail == {"role": ["A procurement has exactly one lead."]}
    assert caught.value.status_code == 400
    # Only the row made before: the savepoint was rolled back and the transaction still works.
    assert list(Participation.objects.values_list("pk", flat=True)) == [first.pk]
