"""API keys as DRF authentication: `Authorization: Api-Key <key>` (lup.core.models.ApiKey).

A valid key authenticates as its user; every use is logged on the `lup.security` logger with
the key's prefix, the user, the client's IP, the method and the path (the log line carries the
time), and the key keeps its last use (time and IP) for the admin's list.
"""

import logging
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request
from rest_framework_api_key.permissions import KeyParser

from lup.core.models import ApiKey

from .throttling import throttle_failed_authentication

logger = logging.getLogger("lup.security")

KEYWORD = "Api-Key"


def client_ip(request: Any) -> str | None:
    """The client's address as the server saw it (REMOTE_ADDR; behind the front proxy, the
    proxy sets it from X-Forwarded-For, see docs/security.md)."""
    return request.META.get("REMOTE_ADDR") or None


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """Authenticates `Authorization: Api-Key <key>`; anything else is left to the next class.

    As the first authentication class, its keyword is the WWW-Authenticate challenge of a 401.
    """

    key_parser = KeyParser()

    def authenticate(self, request: Request) -> tuple[Any, ApiKey] | None:
        key = self.key_parser.get_from_authorization(request)
        if key is None:
            return None
        try:
            api_key: ApiKey = ApiKey.objects.get_from_key(key.strip())  # type: ignore[assignment]
        except ApiKey.DoesNotExist:
            logger.warning("API key refused: unknown or revoked, ip=%s", client_ip(request))
            throttle_failed_authentication(request)
            raise exceptions.AuthenticationFailed(_("Invalid API key.")) from None
        if api_key.has_expired:
            logger.warning(
                "API key refused: expired, prefix=%s ip=%s", api_key.prefix, client_ip(request)
            )
            throttle_failed_authentication(request)
            raise exceptions.AuthenticationFailed(_("This API key has expired."))
        if not api_key.user.is_active:
            raise exceptions.AuthenticationFailed(_("The user of this API key is inactive."))
        now, ip = timezone.now(), client_ip(request)
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now, last_used_ip=ip)
        logger.info(
            "API key used: prefix=%s user=%s ip=%s %s %s",
            api_key.prefix,
            api_key.user.get_username(),
            ip,
            request.method,
            request.get_full_path(),
        )
        return api_key.user, api_key

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD
