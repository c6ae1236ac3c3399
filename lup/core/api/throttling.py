"""API rate limits (settings.LUP_API_THROTTLE_RATES): per API key or user, and per IP address
for anonymous clients. Over the limit DRF answers 429 with Retry-After."""

from typing import Any

from django.conf import settings
from rest_framework import exceptions, throttling


class _SettingsRate:
    """Reads the rate from settings on each request, so tests and deployments can change it."""

    scope: str | None

    def get_rate(self) -> str | None:
        rates: dict[str, str] = settings.LUP_API_THROTTLE_RATES
        return rates.get(self.scope or "")


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


class ThrottleFirstMixin:
    """For API views: the rate limits apply before the permissions, so a client without
    credentials is limited too (DRF checks permissions first, and a refusal ends the request
    before any throttle counts it)."""

    def _throttle_once(self, request: Any) -> None:
        if not getattr(request, "_lup_throttles_checked", False):
            request._lup_throttles_checked = True
            super().check_throttles(request)  # type: ignore[misc]

    def check_permissions(self, request: Any) -> None:
        self._throttle_once(request)
        super().check_permissions(request)  # type: ignore[misc]

    def check_throttles(self, request: Any) -> None:
        self._throttle_once(request)


class FailedAuthenticationThrottle(AnonRateThrottle):
    """The anonymous allowance, by IP, without asking who the user is (they are being
    authenticated)."""

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def throttle_failed_authentication(request: Any) -> None:
    """Count a refused credential against the client's IP address (the anonymous rate), and
    answer 429 once it is spent: guessing API keys is limited like anonymous requests."""
    throttle = FailedAuthenticationThrottle()
    if not throttle.allow_request(request, None):  # type: ignore[arg-type]
        raise exceptions.Throttled(throttle.wait())
