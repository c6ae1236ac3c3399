"""Who may use the API (lup.core.api.permissions and the authentication settings): nobody
without credentials (401 with a challenge), nobody with a login but no view permission or
role (403), except for reads when DJANGO_API_PUBLIC_READ is on."""

import pytest
from rest_framework.test import APIClient

from tests.apiutils import RECORD_ENDPOINTS, problem

pytestmark = pytest.mark.django_db

EVERY_LIST = [f"/api/v1/{prefix}/" for prefix in RECORD_ENDPOINTS] + [
    "/api/v1/stats/years/",
    "/api/v1/stats/years/2023/",
    "/api/v1/ocds/releases/?year=2023",
]


@pytest.mark.parametrize("url", EVERY_LIST)
def test_anonymous_is_refused_with_401_and_a_challenge(api_client, url):
    response = api_client.get(url)
    [error] = problem(response, 401)["errors"]
    assert error["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Api-Key"


@pytest.mark.parametrize("url", EVERY_LIST)
def test_a_login_without_a_role_or_view_permission_is_refused_with_403(no_role_user, url):
    client = APIClient()
    client.force_authenticate(no_role_user)
    response = client.get(url)
    [error] = problem(response, 403)["errors"]
    assert error["code"] == "permission_denied"


@pytest.mark.parametrize("url", EVERY_LIST)
def test_an_api_reader_reads_every_endpoint(reader_client, url):
    assert reader_client.get(url).status_code == 200


def test_a_view_permission_opens_its_own_endpoint_only(no_role_user):
    from django.contrib.auth.models import Permission

    no_role_user.user_permissions.add(Permission.objects.get(codename="view_sector"))
    client = APIClient()
    client.force_authenticate(no_role_user)
    assert client.get("/api/v1/sectors/").status_code == 200
    assert client.get("/api/v1/procurements/").status_code == 403
    assert client.get("/api/v1/stats/years/2023/").status_code == 403


def test_the_dashboard_permission_opens_the_figures(no_role_user):
    from django.contrib.auth.models import Permission

    no_role_user.user_permissions.add(Permission.objects.get(codename="view_dashboard"))
    client = APIClient()
    client.force_authenticate(no_role_user)
    assert client.get("/api/v1/stats/years/2023/").status_code == 200
    assert client.get("/api/v1/stats/years/").status_code == 200
    assert client.get("/api/v1/bodies/").status_code == 403
