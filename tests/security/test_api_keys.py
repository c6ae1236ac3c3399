"""API keys (lup.core.models.ApiKey, lup.core.api.authentication): created in admin by a
superuser and shown once, stored only as a hash, named, expiring, optionally read-only, every
use logged with time and IP."""

import datetime
import logging
import re

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from lup.core.models import ApiKey
from tests.apiutils import api_token, problem
from tests.security.roles import adviser, api_reader, staff_manager

pytestmark = pytest.mark.django_db


def create_in_admin(superuser, user, read_only=True) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(superuser)
    response = client.post(
        "/admin/core/apikey/add/",
        {
            "name": "Nettstedet",
            "user": user.pk,
            "read_only": "on" if read_only else "",
            "expiry_date_0": "2099-01-01",
            "expiry_date_1": "00:00:00",
        },
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    [key] = [m.group(1) for m in map(re.compile(r"is: (\S+\.\S+) ").search, messages) if m]
    return key


def get(key, url="/api/v1/bodies/", **extra):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR="192.0.2.7")
    return client.get(url, HTTP_AUTHORIZATION=f"Api-Key {key}", **extra)


def test_a_key_made_in_admin_is_shown_once_and_stored_only_as_a_hash(superuser):
    reader = api_reader()
    key = create_in_admin(superuser, reader)
    prefix, secret = key.split(".")
    assert len(secret) >= 32
    assert get(key).status_code == 200

    # No column of any table holds the key or its secret part.
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, str) and (key in value or secret in value):
                        found.append((table, column))
    assert found == []

    # The list shows the prefix, never the key; the change page neither.
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(superuser)
    listing = client.get("/admin/core/apikey/").content.decode()
    assert prefix in listing and secret not in listing
    api_key = ApiKey.objects.get(prefix=prefix)
    page = client.get(f"/admin/core/apikey/{api_key.pk}/change/").content.decode()
    assert secret not in page


def test_the_plain_text_tokens_are_gone():
    assert "authtoken_token" not in connection.introspection.table_names()


def test_each_use_is_logged_with_time_and_ip(caplog):
    user = api_reader()
    key = api_token(user, read_only=True)
    with caplog.at_level(logging.INFO, logger="lup.security"):
        assert get(key, "/api/v1/sectors/").status_code == 200
    [record] = [r for r in caplog.records if r.name == "lup.security"]
    assert "ip=192.0.2.7" in record.getMessage()
    assert key.split(".")[0] in record.getMessage() and "/api/v1/sectors/" in record.getMessage()
    assert key.split(".")[1] not in record.getMessage()
    api_key = ApiKey.objects.get()
    assert api_key.last_used_ip == "192.0.2.7"
    assert timezone.now() - api_key.last_used_at < datetime.timedelta(minutes=1)


def test_a_read_only_key_cannot_write_even_for_a_writer():
    user = adviser()
    key = api_token(user, read_only=True)
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert client.get("/api/v1/sectors/").status_code == 200
    response = client.post("/api/v1/sectors/", {"code": "ny", "name": "Ny"})
    assert problem(response, 403)["detail"] == "This API key is read-only."
    writer = api_token(user, read_only=False, name="skriver")
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {writer}")
    assert client.post("/api/v1/sectors/", {"code": "ny", "name": "Ny"}).status_code == 201


def test_expired_revoked_and_wrong_keys_are_401():
    user = api_reader()
    expired, expired_key = ApiKey.objects.create_key(
        user=user, name="gammel", expiry_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert problem(get(expired_key), 401)["detail"] == "This API key has expired."
    revoked, revoked_key = ApiKey.objects.create_key(user=user, name="trukket")
    revoked.revoked = True
    revoked.save()
    assert problem(get(revoked_key), 401)["detail"] == "Invalid API key."
    response = get("abcdefgh.not-the-secret")
    assert problem(response, 401)["detail"] == "Invalid API key."
    assert response["WWW-Authenticate"] == "Api-Key"


def test_a_key_expires_by_default_after_the_configured_days(settings):
    settings.LUP_API_KEY_MAX_AGE_DAYS = 30
    api_key, _key = ApiKey.objects.create_key(user=api_reader(), name="standard")
    left = api_key.expiry_date - timezone.now()
    assert datetime.timedelta(days=29) < left <= datetime.timedelta(days=30)


def test_only_superusers_see_the_keys():
    client = Client()
    client.force_login(staff_manager())
    assert client.get("/admin/core/apikey/").status_code == 403
    assert b"/admin/core/apikey/" not in client.get("/admin/").content


def test_the_key_acts_with_its_users_permissions():
    # A key of a user without any role reads nothing.
    from django.contrib.auth import get_user_model

    nobody = get_user_model().objects.create_user("ingen")
    assert problem(get(api_token(nobody)), 403)
