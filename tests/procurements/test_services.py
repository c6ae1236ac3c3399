"""procurements.services when the database refuses a write the service's own checks let
through: nothing half-written stays behind, and the caller gets InvalidProcurement.

These tests commit for real (transaction=True): Django creates foreign keys DEFERRABLE
INITIALLY DEFERRED, so a participation whose body no longer exists is refused only when the
service's transaction commits, which a test wrapped in a transaction never does.
"""

import threading
import time

import pytest
from django.db import connection, transaction
from django.utils import translation

from procurements.models import Participation, PhaseChange, Procurement, Role
from procurements.services import InvalidProcurement, procurement_create, procurement_update
from tests.partners.factories import PublicBodyFactory
from tests.procurements.factories import (
    ParticipationFactory,
    PhaseFactory,
    ProcurementFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

REFUSED = "The database refused this change: it conflicts with an existing record or a data rule."


def body_deleted_meanwhile() -> int:
    """The id of a body that existed when the request was checked and that another user has
    deleted since: the service does not look it up again, the database does at commit."""
    body = PublicBodyFactory()
    body_id = body.pk
    body.delete()
    return body_id


def test_create_refused_at_commit_saves_nothing():
    lead = PublicBodyFactory()
    gone = body_deleted_meanwhile()

    with translation.override("en"), pytest.raises(InvalidProcurement) as caught:
        procurement_create(
            title="Elektronisk pasientjournal",
            sector=SectorFactory(),
            phase=PhaseFactory(),
            participations=[{"body": lead.pk, "role": Role.LEAD}, {"body": gone}],
        )

    assert caught.value.errors == {"__all__": [REFUSED]}
    # The procurement, its lead's row, its first phase change and their history rows were
    # all written before the commit failed; none is left.
    assert Procurement.objects.count() == 0
    assert Participation.objects.count() == 0
    assert PhaseChange.objects.count() == 0
    assert Procurement.history.count() == 0
    assert Participation.history.count() == 0


def test_update_refused_at_commit_changes_nothing():
    procurement = ProcurementFactory(title="Uendret")
    lead = ParticipationFactory(procurement=procurement, role=Role.LEAD)
    other = ParticipationFactory(procurement=procurement)
    gone = body_deleted_meanwhile()

    with translation.override("en"), pytest.raises(InvalidProcurement) as caught:
        procurement_update(
            procurement,
            title="Endret",
            participations=[{"body": lead.body_id, "role": Role.LEAD}, {"body": gone}],
        )

    assert caught.value.errors == {"__all__": [REFUSED]}
    # The instance is changed only when the write succeeds.
    assert procurement.title == "Uendret"
    assert Procurement.objects.get().title == "Uendret"
    # The other body's row was deleted before the refused insert: it is back, the same row.
    assert set(Participation.objects.values_list("pk", "body_id", "role")) == {
        (lead.pk, lead.body_id, Role.LEAD),
        (other.pk, other.body_id, Role.PARTICIPANT),
    }
    assert Procurement.history.filter(id=procurement.pk).count() == 1


def _wait_until_a_backend_waits_for_a_lock(timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one writer at a time into the database file, so two writers cannot race",
)
def test_a_lead_written_meanwhile_by_another_request_is_refused():
    """Another request makes a body the lead of a procurement that had none, while this
    update sets a different lead. The service's checks each saw one lead; the one-lead index
    refuses the second, and the update is rolled back whole."""
    procurement = ProcurementFactory(title="Uendret")
    rival, ours = PublicBodyFactory(), PublicBodyFactory()
    rival_inserted = threading.Event()

    def other_request():
        try:
            with transaction.atomic():
                Participation.objects.create(
                    procurement_id=procurement.pk, body_id=rival.pk, role=Role.LEAD
                )
                rival_inserted.set()
                # Commit only once our insert waits on the rival's uncommitted index entry.
                _wait_until_a_backend_waits_for_a_lock()
        finally:
            connection.close()

    thread = threading.Thread(target=other_request)
    thread.start()
    try:
        assert rival_inserted.wait(10)
        with translation.override("en"), pytest.raises(InvalidProcurement) as caught:
            procurement_update(
                procurement,
                title="Endret",
                participations=[{"body": ours.pk, "role": Role.LEAD}],
            )
    finally:
        thread.join(10)

    assert caught.value.errors == {"participations": ["A procurement has exactly one lead."]}
    assert Procurement.objects.get().title == "Uendret"
    assert list(Participation.objects.values_list("body_id", "role")) == [(rival.pk, Role.LEAD)]
