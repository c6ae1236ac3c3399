"""Helpers for the API tests (tests/*/test_api*.py)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from rest_framework.test import APIClient

# Every record endpoint under /api/v1/, as the API root lists them.
RECORD_ENDPOINTS = [
    "bodies",
    "counties",
    "municipalities",
    "partnerships",
    "sectors",
    "procedures",
    "phases",
    "procurements",
    "participations",
    "phase-changes",
    "solutions",
    "activity-kinds",
    "outreach-activities",
    "publications",
]


# The queries a request of a user who is not a superuser makes to check a permission: the
# user's own permissions and its groups' (django.contrib.auth's ModelBackend).
PERMISSION_QUERIES = 2


def client_with_perms(*codenames: str, username: str = "editor") -> APIClient:
    """An API client, answering in English, logged in as a user with exactly these model
    permissions (e.g. "procurements.add_procurement")."""
    user = get_user_model().objects.create_user(username, password="pw-editor-123")
    for name in codenames:
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


# The Authorization scheme of API keys (lup.core.api.authentication).
TOKEN_SCHEME = "Api-Key"


def api_token(user, *, read_only: bool = False, name: str = "test") -> str:
    """A new API key for `user`, as a superuser creates one in admin: the key itself (the
    database keeps only its hash)."""
    from lup.core.models import ApiKey

    _api_key, key = ApiKey.objects.create_key(user=user, name=name, read_only=read_only)
    return key


def token_header(user) -> dict[str, str]:
    """The Authorization header a client outside the browser sends for `user`."""
    return {"Authorization": f"{TOKEN_SCHEME} {api_token(user)}"}


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def names(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


def titles(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [row["title"] for row in response.json()["results"]]


def problem(response, status: int) -> dict:
    """The problem document (RFC 9457, lup.core.api.errors) of an error answer, checked for the
    shape every error of the API has."""
    assert response.status_code == status, (response.status_code, response.content)
    assert response["Content-Type"] == "application/problem+json", response["Content-Type"]
    body = response.json()
    assert set(body) == {"type", "title", "status", "detail", "errors"}, body
    assert (body["type"], body["status"]) == ("about:blank", status), body
    assert body["errors"] and all(set(e) == {"attr", "code", "detail"} for e in body["errors"])
    return body


def field_errors(response) -> dict:
    """The field messages of a 400 answer, {field: [message, ...]}, read from the problem
    document's `errors`: API tests assert errors through this helper, so the shape is defined
    in one place.

    Nested input keeps its structure: an error with attr "participations.1.body" is
    {"participations": {"1": {"body": [message]}}} (list items by 0-based index, as text).
    """
    result: dict = {}
    for error in problem(response, 400)["errors"]:
        assert error["attr"], error
        *parents, name = error["attr"].split(".")
        node = result
        for part in parents:
            node = node.setdefault(part, {})
            assert isinstance(node, dict), (error["attr"], result)
        messages = node.setdefault(name, [])
        assert isinstance(messages, list), (error["attr"], result)
        messages.append(error["detail"])
    return result
