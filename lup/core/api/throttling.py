"""API rate limits (settings.LUP_API_THROTTLE_RATES): per API key or user, and per IP address
for anonymous clients. Over the limit DRF answers 429 with Retry-After."""

from typing import Any

from django.conf import settings
from rest_framework import throttling


class _SettingsRate:
    """Reads the rate from settings on each request, so tests and deployments can change it."""

    scope: str

    def get_rate(self) -> str | None:
        return settings.LUP_API_THROTTLE_RATES.get(self.scope)


class AnonRateThrottle(_SettingsRate, throttling.AnonRateThrottle):
    """Anonymous clients, by IP address."""


class UserRateThrottle(_SettingsRate, throttling.UserRateThrottle):
    """Authenticated clients: each API key on its own, a logged-in user by user."""

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if not request.user or not request.user.is_authenticated:
            return None  # AnonRateThrottle's
        prefix = getattr(request.auth, "prefix", None)
        ident = f"key-{prefix}" if prefix else f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
