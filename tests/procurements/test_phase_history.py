"""The phase history follows the current phase, wherever the phase is set."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from procurements.models import PhaseChange
from procurements.services import procurement_create, procurement_update, record_phase_change
from tests.procurements.factories import PhaseFactory, ProcurementFactory, SectorFactory
from tests.test_admin_forms import formset, procurement_data

pytestmark = pytest.mark.django_db


def history(procurement) -> list[tuple[str, datetime.date]]:
    return list(
        procurement.phase_changes.order_by("changed_on", "id").values_list(
            "phase__code", "changed_on"
        )
    )


def test_creating_a_procurement_in_a_phase_starts_its_history_today():
    phase = PhaseFactory(code="markedsdialog")
    procurement = procurement_create(title="Sensorer på bruer", sector=SectorFactory(), phase=phase)
    assert history(procurement) == [("markedsdialog", timezone.localdate())]


def test_creating_a_procurement_without_a_phase_records_nothing():
    procurement = procurement_create(title="Planlagt", sector=SectorFactory())
    assert history(procurement) == []


def test_changing_the_phase_adds_an_entry_and_other_changes_do_not():
    procurement = ProcurementFactory(phase=PhaseFactory(code="behovsavklaring"))
    record_phase_change(procurement, on=datetime.date(2023, 3, 1))
    procurement_update(procurement, title="Nytt navn")
    assert history(procurement) == [("behovsavklaring", datetime.date(2023, 3, 1))]

    procurement_update(procurement, phase=PhaseFactory(code="konkurranse"))
    assert history(procurement) == [
        ("behovsavklaring", datetime.date(2023, 3, 1)),
        ("konkurranse", timezone.localdate()),
    ]


def test_the_latest_entry_is_not_repeated():
    procurement = ProcurementFactory(phase=PhaseFactory(code="konkurranse"))
    first = record_phase_change(procurement, on=datetime.date(2023, 5, 1))
    assert first is not None
    assert record_phase_change(procurement) is None
    assert PhaseChange.objects.filter(procurement=procurement).count() == 1


def test_changing_the_phase_through_the_api_adds_an_entry(admin_api_client):
    procurement = ProcurementFactory(phase=PhaseFactory(code="behovsavklaring"))
    new_phase = PhaseFactory(code="implementering")
    response = admin_api_client.patch(
        f"/api/v1/procurements/{procurement.pk}/", {"phase": new_phase.pk}, format="json"
    )
    assert response.status_code == 200, response.content
    assert history(procurement) == [("implementering", timezone.localdate())]


def test_changing_the_phase_in_admin_adds_an_entry(client, superuser):
    client.force_login(superuser)
    procurement = ProcurementFactory(phase=PhaseFactory(code="behovsavklaring"))
    new_phase = PhaseFactory(code="konkurranse")
    data = procurement_data(
        title=procurement.title, sector=procurement.sector_id, phase=new_phase.pk
    )
    response = client.post(
        reverse("admin:procurements_procurement_change", args=[procurement.pk]), data
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:procurements_procurement_changelist")
    # A procurement registered after its start, with no phase history yet: the new phase is
    # dated its start date unless the adviser gives another date (the form's default).
    assert procurement.started_on < timezone.localdate()
    assert history(procurement) == [("konkurranse", procurement.started_on)]


def test_a_later_phase_change_in_admin_is_dated_today_by_default(client, superuser):
    client.force_login(superuser)
    procurement = ProcurementFactory(phase=PhaseFactory(code="behovsavklaring"))
    PhaseChange.objects.create(
        procurement=procurement, phase=procurement.phase, changed_on=procurement.started_on
    )
    new_phase = PhaseFactory(code="konkurranse")
    data = procurement_data(
        title=procurement.title, sector=procurement.sector_id, phase=new_phase.pk
    )
    data.update(
        formset(
            "phase_changes",
            [
                {
                    "id": procurement.phase_changes.get().pk,
                    "phase": procurement.phase_id,
                    "changed_on": procurement.started_on.isoformat(),
                    "note": "",
                }
            ],
            initial=1,
        )
    )
    response = client.post(
        reverse("admin:procurements_procurement_change", args=[procurement.pk]), data
    )
    assert response.status_code == 302
    assert history(procurement)[-1] == ("konkurranse", timezone.localdate())


def test_a_phase_dated_by_staff_in_admin_is_not_repeated(client, superuser):
    client.force_login(superuser)
    procurement = ProcurementFactory(phase=PhaseFactory(code="behovsavklaring"))
    new_phase = PhaseFactory(code="konkurranse")
    data = procurement_data(
        title=procurement.title, sector=procurement.sector_id, phase=new_phase.pk
    )
    data.update(
        formset(
            "phase_changes",
            [{"phase": new_phase.pk, "changed_on": "2023-09-15", "note": ""}],
        )
    )
    response = client.post(
        reverse("admin:procurements_procurement_change", args=[procurement.pk]), data
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:procurements_procurement_changelist")
    assert history(procurement) == [("konkurranse", datetime.date(2023, 9, 15))]
