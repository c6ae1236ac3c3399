"""Who may use the API (lup.core.api.permissions and the authentication settings): nobody
without a login or token, except for reads when DJANGO_API_PUBLIC_READ is on."""

import pytest

from tests.apiutils import RECORD_ENDPOINTS

pytestmark = pytest.mark.django_db

EVERY_LIST = [f"/api/v1/{prefix}/" for prefix in RECORD_ENDPOINTS] + [
    "/api/v1/stats/years/",
    "/api/v1/stats/years/2023/",
]


@pytest.mark.parametrize("url", EVERY_LIST)
def test_anonymous_is_refused_on_every_endpoint(api_client, url):
    # SessionAuthentication is the first authentication class, so DRF answers a request
    # without credentials with 403 (no WWW-Authenticate challenge), not 401. The code tells
    # "not logged in" apart from a logged-in user's missing permission.
    response = api_client.get(url)
    assert response.status_code == 403
    assert response.data["detail"].code == "not_authenticated"
