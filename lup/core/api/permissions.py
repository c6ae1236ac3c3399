"""Who may do what through the API (docs/security.md).

- Reading a record endpoint needs the model's view permission, or `core.read_api` (the API
  readers' role); reading a model-less endpoint (figures, OCDS) needs one of the view's
  `read_permissions`, or `core.read_api`. A login alone is not enough. DJANGO_API_PUBLIC_READ
  opens reads to everyone.
- Writing needs the model's add, change or delete permission, and a key that is not read-only.
- Without credentials the answer is 401 (with a WWW-Authenticate challenge), with credentials
  that do not allow the request 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

if TYPE_CHECKING:
    # Only for annotations: DRF loads this module (DEFAULT_PERMISSION_CLASSES) while
    # rest_framework.views itself is being imported, so importing it here would be a cycle.
    from rest_framework.request import Request
    from rest_framework.views import APIView

# The API readers' permission (lup.core.models.ApiKey's Meta): read everything in the API.
READ_API = "core.read_api"


def read_only_key(request: Request) -> bool:
    """The request is authenticated by an API key that may only read."""
    return bool(getattr(request.auth, "read_only", False))


class ModelPermissionsOrPublicRead(permissions.DjangoModelPermissions):
    """Reads need the model's view permission or `core.read_api`; writes the model's add,
    change or delete permission and a key that may write."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in permissions.SAFE_METHODS:
            if settings.API_PUBLIC_READ:
                return True
            user = request.user
            if user and user.is_authenticated and user.has_perm(READ_API):
                return True
        elif read_only_key(request):
            self.message = _("This API key is read-only.")
            return False
        if getattr(view, "queryset", None) is None and not hasattr(view, "get_queryset"):
            # Views without a model (stats) are read-only.
            return False
        return super().has_permission(request, view)


class ReadOnlyAuthenticatedOrPublic(permissions.BasePermission):
    """For model-less read-only views such as the annual figures: one of the view's
    `read_permissions`, or `core.read_api`."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method not in permissions.SAFE_METHODS:
            return False
        if settings.API_PUBLIC_READ:
            return True
        user: Any = request.user
        if not (user and user.is_authenticated):
            return False
        wanted = (READ_API, *getattr(view, "read_permissions", ()))
        return any(user.has_perm(name) for name in wanted)


class DocsReaders(permissions.BasePermission):
    """The schema and the API docs: open where settings.LUP_API_DOCS_PUBLIC is set (local and
    test settings), for logged-in users or API keys otherwise (production)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if settings.LUP_API_DOCS_PUBLIC:
            return True
        return bool(request.user and request.user.is_authenticated)
