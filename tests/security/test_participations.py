"""Participations through the API: a nested write through procurements/ checks the
Participation model's own add, change and delete permissions as the admin inline does, and no
endpoint leaves a procurement with participants but without exactly one lead."""

import pytest
from django.contrib.auth.models import Permission
from rest_framework.test import APIClient

from procurements.models import Participation, Role
from tests.apiutils import field_errors, problem
from tests.partners.factories import PublicBodyFactory
from tests.procurements.factories import ParticipationFactory, ProcurementFactory
from tests.security.roles import adviser

pytestmark = pytest.mark.django_db


@pytest.fixture
def procurement():
    procurement = ProcurementFactory(title="Journal")
    ParticipationFactory(procurement=procurement, role=Role.LEAD)
    ParticipationFactory(procurement=procurement, role=Role.PARTICIPANT)
    return procurement


def client_for(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def rows(procurement):
    return sorted(procurement.participations.values_list("body_id", "role", "joined_on", "left_on"))


def test_an_adviser_without_delete_permission_cannot_empty_the_list(procurement):
    before = rows(procurement)
    response = client_for(adviser()).patch(
        f"/api/v1/procurements/{procurement.pk}/", {"participations": []}
    )
    assert "delete" in problem(response, 403)["detail"]
    assert rows(procurement) == before


def test_with_delete_permission_the_list_may_be_emptied(procurement):
    user = adviser()
    user.user_permissions.add(Permission.objects.get(codename="delete_participation"))
    response = client_for(user).patch(
        f"/api/v1/procurements/{procurement.pk}/", {"participations": []}
    )
    assert response.status_code == 200, response.json()
    assert rows(procurement) == []


def test_adding_and_changing_need_their_own_permissions(procurement, django_user_model):
    lead = procurement.participations.get(role=Role.LEAD)
    other = procurement.participations.get(role=Role.PARTICIPANT)
    user = django_user_model.objects.create_user("bare")
    user.user_permissions.add(Permission.objects.get(codename="change_procurement"))
    client = client_for(user)
    url = f"/api/v1/procurements/{procurement.pk}/"
    keep = [
        {"body": lead.body_id, "role": "lead"},
        {"body": other.body_id, "role": "participant"},
    ]
    # The same list, unchanged: no participation permission needed.
    assert client.patch(url, {"participations": keep, "title": "Ny"}).status_code == 200
    new_body = PublicBodyFactory()
    added = [*keep, {"body": new_body.pk, "role": "observer"}]
    assert "add" in problem(client.patch(url, {"participations": added}), 403)["detail"]
    changed = [keep[0], {"body": other.body_id, "role": "observer"}]
    assert "change" in problem(client.patch(url, {"participations": changed}), 403)["detail"]
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_participation", "change_participation"])
    )
    client = client_for(type(user).objects.get(pk=user.pk))
    assert client.patch(url, {"participations": added}).status_code == 200
    assert client.patch(url, {"participations": [keep[0], changed[1]]}).status_code == 403


def test_creating_with_participations_needs_add_participation(django_user_model):
    from tests.procurements.factories import SectorFactory

    user = django_user_model.objects.create_user("creator")
    user.user_permissions.add(Permission.objects.get(codename="add_procurement"))
    body = PublicBodyFactory()
    payload = {
        "title": "Ny",
        "sector": SectorFactory().pk,
        "participations": [{"body": body.pk, "role": "lead"}],
    }
    response = client_for(user).post("/api/v1/procurements/", payload)
    assert problem(response, 403)
    assert not Participation.objects.exists()


# --- One lead, on the participations endpoint too --------------------------------------------


@pytest.fixture
def editor():
    user = adviser()
    user.user_permissions.add(Permission.objects.get(codename="delete_participation"))
    return client_for(user)


def test_a_second_lead_is_400(editor, procurement):
    response = editor.post(
        "/api/v1/participations/",
        {"procurement": procurement.pk, "body": PublicBodyFactory().pk, "role": "lead"},
    )
    assert "role" in field_errors(response)
    assert procurement.participations.filter(role=Role.LEAD).count() == 1


def test_demoting_the_lead_is_400(editor, procurement):
    lead = procurement.participations.get(role=Role.LEAD)
    response = editor.patch(f"/api/v1/participations/{lead.pk}/", {"role": "participant"})
    assert field_errors(response)["role"] == [
        "A procurement with participants needs exactly one lead."
    ]
    lead.refresh_from_db()
    assert lead.role == Role.LEAD


def test_a_first_participant_who_is_not_lead_is_400(editor):
    procurement = ProcurementFactory()
    response = editor.post(
        "/api/v1/participations/",
        {"procurement": procurement.pk, "body": PublicBodyFactory().pk, "role": "participant"},
    )
    assert "role" in field_errors(response)
    assert not procurement.participations.exists()


def test_moving_the_lead_to_another_procurement_is_400(editor, procurement):
    lead = procurement.participations.get(role=Role.LEAD)
    other = ProcurementFactory()
    response = editor.patch(f"/api/v1/participations/{lead.pk}/", {"procurement": other.pk})
    assert "role" in field_errors(response)
    lead.refresh_from_db()
    assert lead.procurement_id == procurement.pk


def test_deleting_the_lead_while_others_stay_is_409(editor, procurement):
    lead = procurement.participations.get(role=Role.LEAD)
    response = editor.delete(f"/api/v1/participations/{lead.pk}/")
    assert problem(response, 409)
    assert procurement.participations.filter(role=Role.LEAD).count() == 1


def test_participants_and_a_lonely_lead_may_go(editor, procurement):
    other = procurement.participations.get(role=Role.PARTICIPANT)
    assert editor.delete(f"/api/v1/participations/{other.pk}/").status_code == 204
    lead = procurement.participations.get()
    assert editor.delete(f"/api/v1/participations/{lead.pk}/").status_code == 204
    assert not procurement.participations.exists()


def test_deleting_a_procurement_needs_delete_of_what_cascades(procurement, django_user_model):
    user = django_user_model.objects.create_user("deleter")
    user.user_permissions.add(Permission.objects.get(codename="delete_procurement"))
    response = client_for(user).delete(f"/api/v1/procurements/{procurement.pk}/")
    assert problem(response, 403)
    assert procurement.participations.count() == 2
