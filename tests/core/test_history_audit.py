"""The history is complete: the links between outreach activities and procurements are in it,
and a change keeps the name of whoever made it after the account is deleted."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from lup.core.history import username_of
from lup.dashboard import details
from outreach.models import OutreachActivity
from tests.apiutils import client_with_perms
from tests.outreach.factories import OutreachActivityFactory
from tests.partners.factories import PublicBodyFactory
from tests.procurements.factories import ProcurementFactory

pytestmark = pytest.mark.django_db


def linked(historical_row) -> set[int]:
    return {link.procurement_id for link in historical_row.procurements.all()}


def test_linking_procurements_to_an_activity_is_in_its_history():
    activity = OutreachActivityFactory()
    first, second = ProcurementFactory(), ProcurementFactory()
    rows_before = activity.history.count()

    activity.procurements.add(first)
    activity.procurements.add(second)
    activity.procurements.remove(first)

    rows = list(activity.history.order_by("history_id"))
    assert len(rows) == rows_before + 3
    assert [linked(row) for row in rows[-3:]] == [
        {first.pk},
        {first.pk, second.pk},
        {second.pk},
    ]


def test_an_api_write_of_the_links_is_in_the_history_with_its_user():
    activity = OutreachActivityFactory()
    procurement = ProcurementFactory()
    client = client_with_perms("outreach.change_outreachactivity", username="adviser")
    response = client.patch(
        f"/api/v1/outreach-activities/{activity.pk}/",
        {"procurements": [procurement.pk]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    newest = OutreachActivity.history.filter(id=activity.pk).latest("history_id")
    assert linked(newest) == {procurement.pk}
    assert newest.history_username == "adviser"


def test_a_deleted_users_name_stays_in_the_history(superuser):
    body = PublicBodyFactory(name="Old name")
    editor = get_user_model().objects.create_superuser("kari", "kari@example.org", "pw-kari-123")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(editor)
    response = client.patch(
        f"/api/v1/bodies/{body.pk}/",
        json.dumps({"name": "New name"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    change = body.history.latest("history_id")
    assert (change.history_user, change.history_username) == (editor, "kari")

    editor.delete()
    change.refresh_from_db()
    assert change.history_user is None
    assert change.history_username == "kari"
    assert username_of(change) == "kari"
    # The dashboard's record page and the admin's history page show the name.
    assert details.history(body)[0].who == "kari"
    admin = Client(HTTP_ACCEPT_LANGUAGE="en")
    admin.force_login(superuser)
    page = admin.get(f"/admin/partners/publicbody/{body.pk}/history/").content.decode()
    assert "kari" in page


def test_a_change_without_a_user_keeps_no_name():
    body = PublicBodyFactory()
    row = body.history.latest("history_id")
    assert (row.history_user, row.history_username) == (None, "")
    with translation.override("en"):
        assert details.history(body)[0].who == "unknown (import or script)"


def test_api_writes_appear_in_the_superusers_audit_page(superuser):
    from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry

    client = client_with_perms(
        "partners.add_publicbody",
        "partners.change_publicbody",
        "partners.delete_publicbody",
        username="adviser",
    )
    created = client.post(
        "/api/v1/bodies/", {"name": "Ny etat", "body_type": "state"}, format="json"
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert (
        client.patch(f"/api/v1/bodies/{pk}/", {"name": "Nytt navn"}, format="json").status_code
        == 200
    )
    assert client.delete(f"/api/v1/bodies/{pk}/").status_code == 204
    # A refused write leaves no entry.
    assert client.post("/api/v1/bodies/", {"name": ""}, format="json").status_code == 400

    entries = list(LogEntry.objects.order_by("action_time", "pk"))
    assert [(e.user.username, e.action_flag, e.object_id) for e in entries] == [
        ("adviser", ADDITION, str(pk)),
        ("adviser", CHANGE, str(pk)),
        ("adviser", DELETION, str(pk)),
    ]
    with translation.override("en"):
        assert entries[1].get_change_message() == "Changed name."

    admin = Client(HTTP_ACCEPT_LANGUAGE="en")
    admin.force_login(superuser)
    page = admin.get("/admin/admin/logentry/")
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == entries[::-1]
    # Staff who are not superusers do not see it.
    staff = get_user_model().objects.create_user("staff", password="pw-staff-123", is_staff=True)
    admin.force_login(staff)
    assert admin.get("/admin/admin/logentry/").status_code == 403
