"""Rate limits: the login lockout (django-axes, per username and per IP) and the API's
throttling (lup.core.api.throttling, 429 with Retry-After); /healthz; the docs in production."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.apiutils import api_token, problem
from tests.security.roles import PASSWORD, api_reader, manager

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_after_ten_wrong_passwords_the_right_one_is_refused(settings):
    assert settings.AXES_FAILURE_LIMIT == 10
    user = manager()
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    for _attempt in range(9):
        assert login(client, user.username, "feil-passord").status_code == 200  # the form again
    assert login(client, user.username, "feil-passord").status_code == 429
    response = login(client, user.username, PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "For mange mislykkede innlogginger" in html and "10" in html
    assert "_auth_user_id" not in client.session
    # Locked on the admin's login page too.
    response = Client().post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429


def test_the_lockout_counts_per_ip_address_too(settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = manager()
    client = Client(REMOTE_ADDR="198.51.100.9")
    for attempt in range(3):
        login(client, f"gjetning{attempt}", "feil")
    assert login(client, user.username, PASSWORD).status_code == 429
    # The same user from another address is not locked.
    other = Client(REMOTE_ADDR="198.51.100.10")
    assert login(other, user.username, PASSWORD).status_code == 302


def test_a_right_password_before_the_limit_resets_the_count(settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = manager()
    client = Client()
    login(client, user.username, "feil")
    login(client, user.username, "feil")
    assert login(client, user.username, PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    login(client, user.username, "feil")
    login(client, user.username, "feil")
    assert login(client, user.username, PASSWORD).status_code == 302


def test_the_api_is_throttled_per_key_with_retry_after(settings):
    settings.LUP_API_THROTTLE_RATES = {"user": "3/minute", "anon": "2/minute"}
    user = api_reader()
    first, second = api_token(user, name="en"), api_token(user, name="to")
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {first}")
    for _request in range(3):
        assert client.get("/api/v1/sectors/").status_code == 200
    response = client.get("/api/v1/sectors/")
    problem(response, 429)
    assert 0 < int(response["Retry-After"]) <= 60
    # Another key of the same user has its own allowance.
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {second}")
    assert client.get("/api/v1/sectors/").status_code == 200


def test_a_logged_in_user_is_throttled_by_user(settings):
    settings.LUP_API_THROTTLE_RATES = {"user": "2/minute", "anon": "100/minute"}
    client = APIClient()
    client.force_authenticate(api_reader())
    assert [client.get("/api/v1/sectors/").status_code for _ in range(3)] == [200, 200, 429]


def test_anonymous_clients_are_throttled_by_ip(settings):
    settings.LUP_API_THROTTLE_RATES = {"user": "100/minute", "anon": "2/minute"}
    client = APIClient(REMOTE_ADDR="203.0.113.5")
    assert [client.get("/api/v1/sectors/").status_code for _ in range(3)] == [401, 401, 429]
    assert "Retry-After" in client.get("/api/v1/sectors/")
    assert APIClient(REMOTE_ADDR="203.0.113.6").get("/api/v1/sectors/").status_code == 401


def test_guessing_api_keys_is_limited_by_ip(settings):
    settings.LUP_API_THROTTLE_RATES = {"user": "100/minute", "anon": "2/minute"}
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    client.credentials(HTTP_AUTHORIZATION="Api-Key abcdefgh.guess")
    statuses = [client.get("/api/v1/sectors/").status_code for _ in range(3)]
    assert statuses == [401, 401, 429]


def test_healthz_answers_anonymous_callers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    from lup.core import health

    monkeypatch.setattr(health, "check_database", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error"


@pytest.mark.parametrize("url", ["/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/"])
def test_the_schema_and_docs_need_a_login_where_not_public(settings, url):
    settings.LUP_API_DOCS_PUBLIC = False
    assert APIClient().get(url).status_code == 401
    client = APIClient()
    client.force_authenticate(api_reader())
    assert client.get(url).status_code == 200


def test_production_settings_close_the_docs(monkeypatch):
    import importlib

    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    monkeypatch.delenv("DJANGO_API_DOCS_PUBLIC", raising=False)
    production = importlib.import_module("lup.settings.production")
    production = importlib.reload(production)
    assert production.LUP_API_DOCS_PUBLIC is False
    assert production.AXES_FAILURE_LIMIT == 10
