"""Production: every secret from the environment, no defaults; HTTPS hardening on."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
try:
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
except KeyError as exc:
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY: production refuses to start without it."
    ) from exc
if not SECRET_KEY.strip():
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is empty: production refuses to start without it."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# The app serves plain HTTP behind a TLS-terminating proxy, which MUST set X-Forwarded-Proto
# to "https" on requests it received over HTTPS and MUST remove that header from what clients
# send (docs/operations.md). Django then knows the request was secure: no redirect loop from
# SECURE_SSL_REDIRECT, secure cookies, https:// in absolute URLs.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# The schema and the API docs need a login unless DJANGO_API_DOCS_PUBLIC opens them.
LUP_API_DOCS_PUBLIC = env_bool("DJANGO_API_DOCS_PUBLIC", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS: browsers use HTTPS only, for a year, on this host and its subdomains, and the host may
# be submitted to the browsers' preload list. Each part is configurable (e.g. a subdomain that
# still serves plain HTTP: DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS=false).
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
