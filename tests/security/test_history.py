"""simple-history's history pages: reading needs view permission, saving (a revert) change
permission (lup.core.admin.HistoryAdmin). Reported: a manager with staff status renamed a
body through the history form, which saved a POST from anyone who could view it."""

import pytest
from django.contrib import admin
from django.test import Client
from simple_history.admin import SimpleHistoryAdmin

from lup.core.admin import HistoryAdmin
from partners.models import PublicBody
from tests.partners.factories import PublicBodyFactory
from tests.security.roles import adviser, staff_manager

pytestmark = pytest.mark.django_db


@pytest.fixture
def body_with_history():
    body = PublicBodyFactory(name="Bodø kommune", org_number="972418013")
    body.name = "Bodø kommune (endret)"
    body.save()
    first = body.history.order_by("history_id").first()
    return body, first


def history_url(body, version):
    return f"/admin/partners/publicbody/{body.pk}/history/{version.history_id}/"


def form_data(body):
    return {"name": "Hacket", "org_number": "", "body_type": body.body_type}


def test_a_managers_post_to_a_history_form_is_403_and_changes_nothing(body_with_history):
    body, version = body_with_history
    client = Client()
    client.force_login(staff_manager())
    response = client.post(history_url(body, version), form_data(body))
    assert response.status_code == 403
    body.refresh_from_db()
    assert (body.name, body.org_number) == ("Bodø kommune (endret)", "972418013")
    assert body.history.count() == 2


def test_a_manager_sees_the_history_read_only(body_with_history):
    body, version = body_with_history
    client = Client()
    client.force_login(staff_manager())
    assert client.get(f"/admin/partners/publicbody/{body.pk}/history/").status_code == 200
    response = client.get(history_url(body, version))
    assert response.status_code == 200
    html = response.content.decode()
    # The old version, without the revert button.
    assert 'value="Bodø kommune"' in html
    assert 'type="submit" value="Tilbakestill"' not in html and 'name="_save"' not in html


def test_an_adviser_with_change_permission_may_revert(body_with_history):
    body, version = body_with_history
    client = Client()
    client.force_login(adviser())
    response = client.get(history_url(body, version))
    assert 'name="_save"' in response.content.decode()
    response = client.post(
        history_url(body, version),
        {"name": "Bodø kommune", "org_number": "972418013", "body_type": body.body_type},
    )
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.name == "Bodø kommune"


def test_every_admin_with_a_history_guards_its_history_form():
    with_history = [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ]
    assert len(with_history) >= 10
    assert all(isinstance(model_admin, HistoryAdmin) for model_admin in with_history), [
        type(model_admin).__name__
        for model_admin in with_history
        if not isinstance(model_admin, HistoryAdmin)
    ]
    assert PublicBody in admin.site._registry
