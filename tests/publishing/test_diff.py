"""Live against published: the records that explain each difference, with what changed, who
changed it and when, from the records' history."""

import datetime

import pytest

from lup.publishing import selectors
from lup.publishing.services import publish
from tests.outreach.factories import OutreachActivityFactory
from tests.partners.factories import PublicBodyFactory
from tests.procurements.factories import ParticipationFactory, ProcurementFactory

pytestmark = pytest.mark.django_db


def _save_as(obj, user):
    obj._history_user = user
    obj.save()


def test_no_change_since_publication(small_2023, manager):
    publication = publish(2023, manager)
    diff = selectors.diff(publication)
    assert diff.unchanged
    assert diff.by_key()["procurements_started"].published == 2
    assert diff.by_key()["procurements_started"].live == 2


def test_a_late_procurement_is_added_with_its_creator(small_2023, manager, adviser):
    publication = publish(2023, manager)
    late = ProcurementFactory.build(
        title="Sen anskaffelse",
        started_on=datetime.date(2023, 12, 1),
        sector=small_2023["first"].sector,
        procedure=small_2023["first"].procedure,
        phase=small_2023["first"].phase,
    )
    _save_as(late, adviser)

    diff = selectors.diff(publication)
    started = diff.by_key()["procurements_started"]
    assert (started.published, started.live) == (2, 3)
    assert [(r.id, r.name) for r in started.added] == [(late.pk, "Sen anskaffelse")]
    assert started.removed == []
    (change,) = started.added[0].changes
    assert (change.kind, change.by) == ("created", "ola")
    assert not diff.unchanged


def test_an_edited_record_appears_with_the_field_and_the_user(small_2023, manager, adviser):
    publication = publish(2023, manager)
    moved = small_2023["second"]
    moved.started_on = datetime.date(2024, 1, 15)
    _save_as(moved, adviser)

    started = selectors.diff(publication).by_key()["procurements_started"]
    assert (started.published, started.live) == (2, 1)
    (record,) = started.removed
    assert (record.id, record.name, record.exists) == (moved.pk, "Digitale nattevakter", True)
    (change,) = record.changes
    assert (change.kind, change.by) == ("changed", "ola")
    assert [(f.name, f.old, f.new) for f in change.fields] == [
        ("started_on", "2023-09-01", "2024-01-15")
    ]


def test_a_deleted_record_appears_as_deleted(small_2023, manager, adviser):
    publication = publish(2023, manager)
    gone = small_2023["talk"]
    gone_id = gone.pk
    gone._history_user = adviser
    gone.delete()

    activities = selectors.diff(publication).by_key()["outreach_activities"]
    assert (activities.published, activities.live) == (2, 1)
    (record,) = activities.removed
    assert (record.id, record.exists) == (gone_id, False)
    assert record.name == gone.title
    assert [(c.kind, c.by) for c in record.changes] == [("deleted", "ola")]


def test_a_changed_sum_names_the_record_whose_field_changed(small_2023, manager, adviser):
    publication = publish(2023, manager)
    course = small_2023["course"]
    course.participants = 65
    _save_as(course, adviser)

    participants = selectors.diff(publication).by_key()["outreach_participants"]
    assert (participants.published, participants.live) == (100, 105)
    assert participants.added == participants.removed == []
    (record,) = participants.changed
    assert record.id == course.pk
    assert [(f.name, f.old, f.new) for f in record.changes[0].fields] == [("participants", 60, 65)]


def test_a_body_added_through_a_participation_names_that_change(small_2023, manager, adviser):
    body = PublicBodyFactory(name="Sen kommune")
    publication = publish(2023, manager)
    participation = ParticipationFactory.build(procurement=small_2023["second"], body=body)
    _save_as(participation, adviser)

    bodies = selectors.diff(publication).by_key()["bodies_in_started"]
    assert (bodies.published, bodies.live) == (3, 4)
    (record,) = bodies.added
    assert (record.id, record.name) == (body.pk, "Sen kommune")
    assert [(c.kind, c.via, c.via_id, c.by) for c in record.changes] == [
        ("created", "participation", participation.pk, "ola"),
    ]


def test_a_new_activity_changes_count_and_sum(small_2023, manager):
    publication = publish(2023, manager)
    OutreachActivityFactory(date=datetime.date(2023, 6, 1), participants=7)
    diff = selectors.diff(publication).by_key()
    assert (diff["outreach_activities"].published, diff["outreach_activities"].live) == (2, 3)
    assert len(diff["outreach_participants"].added) == 1
