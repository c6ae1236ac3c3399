from django.conf import settings
from rest_framework import permissions


class ModelPermissionsOrPublicRead(permissions.DjangoModelPermissions):
    """Writes need the user's Django model permissions (add/change/delete).

    Reads need an authenticated user or token, or nothing when DJANGO_API_PUBLIC_READ is set.
    Unlike DjangoModelPermissions, reads do not need the model's view permission: any
    authenticated user of this internal system may read.
    """

    def has_permission(self, request, view):
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

    def has_permission(self, request, view):
        if request.method not in permissions.SAFE_METHODS:
            return False
        return bool(settings.API_PUBLIC_READ or (request.user and request.user.is_authenticated))
