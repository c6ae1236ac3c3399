from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from rest_framework import permissions

if TYPE_CHECKING:
    # Only for annotations: DRF loads this module (DEFAULT_PERMISSION_CLASSES) while
    # rest_framework.views itself is being imported, so importing it here would be a cycle.
    from rest_framework.request import Request
    from rest_framework.views import APIView


class ModelPermissionsOrPublicRead(permissions.DjangoModelPermissions):
    """Writes need the user's Django model permissions (add/change/delete).

    Reads need an authenticated user or token, or nothing when DJANGO_API_PUBLIC_READ is set.
    Unlike DjangoModelPermissions, reads do not need the model's view permission: any
    authenticated user of this internal system may read.
    """

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return bool(
                settings.API_PUBLIC_READ or (request.user and request.user.is_authenticated)
            )
        if getattr(view, "queryset", None) is None and not hasattr(view, "get_queryset"):
            # Views without a model (stats) are read-only.
            return False
        return super().has_permission(request, view)


class ReadOnlyAuthenticatedOrPublic(permissions.BasePermission):
    """For model-less read-only views such as the annual figures."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method not in permissions.SAFE_METHODS:
            return False
        return bool(settings.API_PUBLIC_READ or (request.user and request.user.is_authenticated))
