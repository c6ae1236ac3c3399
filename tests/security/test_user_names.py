"""User names are shown only to those who need them: advisers pick a procurement's adviser by
full name without the permission to read the users, and the API offers the staff by name."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from procurements.models import Procurement
from tests.procurements.factories import ProcurementFactory
from tests.security.roles import adviser, make_user
from tests.test_admin_forms import procurement_data

pytestmark = pytest.mark.django_db


def test_an_adviser_picks_the_adviser_by_name_among_the_staff():
    me = adviser("kari")
    colleague = make_user("ola.n", is_staff=True, last_name="Nordmann")
    outsider = make_user("ekstern.bruker")  # not staff: not an adviser
    client = Client()
    client.force_login(me)
    client.cookies["django_language"] = "en"  # ISO dates in the form
    html = client.get("/admin/procurements/procurement/add/").content.decode()
    select = html.split('name="adviser"', 1)[1].split("</select>", 1)[0]
    assert f'<option value="{colleague.pk}">Ola.n Nordmann</option>' in select
    assert f'<option value="{me.pk}">Kari</option>' in select
    assert f'value="{outsider.pk}"' not in select
    assert "ekstern.bruker" not in html and "autocomplete" not in select
    # The adviser may not read the users themselves.
    assert client.get("/admin/auth/user/").status_code == 403
    response = client.post(
        "/admin/procurements/procurement/add/", procurement_data(adviser=colleague.pk)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Procurement.objects.get().adviser == colleague


def test_the_api_names_the_adviser_and_refuses_a_non_staff_user():
    colleague = make_user("ola.n", is_staff=True, last_name="Nordmann")
    outsider = make_user("ekstern.bruker")
    procurement = ProcurementFactory(adviser=colleague)
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(adviser())
    body = client.get(f"/api/v1/procurements/{procurement.pk}/").json()
    assert body["adviser_name"] == "Ola.n Nordmann"
    assert "ola.n" not in str(body)
    response = client.patch(f"/api/v1/procurements/{procurement.pk}/", {"adviser": outsider.pk})
    assert response.status_code == 400
