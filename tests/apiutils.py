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


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def names(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


def titles(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [row["title"] for row in response.json()["results"]]


def field_errors(response) -> dict:
    """The field messages of a 400 answer, {field: [message, ...]}, whatever the API's error
    shape: API tests assert errors through this helper, so the shape is defined in one place.
    Nested errors (a procurement's participations) keep their inner structure."""
    assert response.status_code == 400, (response.status_code, response.content)
    return response.json()
