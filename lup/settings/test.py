"""Test settings: fast hashing, in-memory email. DATABASE_URL still selects PostgreSQL or SQLite."""

from .base import *  # noqa: F403

DEBUG = False
# The demo portfolio and its commands (seed_demo, generate_demo_fixture, ensure_demo_user)
# exist for local and test use only; production settings do not install them.
INSTALLED_APPS = [*INSTALLED_APPS, "lup.demo"]  # noqa: F405
SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Entries a test run leaves in a shared Redis (REDIS_URL) expire soon.
LUP_FIGURES_CACHE_TIMEOUT = 600
# The suite's own heavy API tests (schemathesis, the generated client) send thousands of
# requests: far above any limit they could reach. The rate-limit tests set their own rates.
LUP_API_THROTTLE_RATES = {"user": "1000000/minute", "anon": "1000000/minute"}
