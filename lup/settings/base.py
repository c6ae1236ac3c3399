"""Settings shared by every environment. Values come from DJANGO_-prefixed environment variables."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    # API keys stored as hashes (lup.core.models.ApiKey builds on its abstract model; the
    # library's own APIKey model and admin are unused, see docs/security.md).
    "rest_framework_api_key",
    # Login lockout after repeated failures, per username and per IP (AXES_* below).
    "axes",
    "django_filters",
    "drf_spectacular",
    # Swagger UI and Redoc assets for /api/v1/docs/, served locally (no CDN).
    "drf_spectacular_sidecar",
    "simple_history",
    "csp",
    # CORS headers for the public figures only (CORS_URLS_REGEX below).
    "corsheaders",
    # The project's rooms and apps, in the order their imports allow (docs/architecture.md).
    "lup.core",
    "partners",
    "procurements",
    "outreach",
    "lup.reporting",
    "lup.ocds",
    "lup.publishing",
    "lup.transfer",
    "lup.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header of every answer (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware, so its redirects carry the CORS headers too.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # NUL in a path or query parameter: 400 (lup.core.inputs), in the request's language.
    "lup.core.middleware.RejectHostileInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lup.urls"
WSGI_APPLICATION = "lup.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# DATABASE_URL picks the database; SQLite in the project folder when unset.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
    )
}
# No JIT compilation on PostgreSQL: the figures' statements are many small aggregates, whose
# cost estimate at 100 times LUP's size crosses jit_above_cost, and compiling them took longer
# than running them (the series: 7.5 s with JIT, 3.1 s without; docs/benchmark.md).
# PG_JIT=on gives the server's own setting back.
if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and os.environ.get("PG_JIT", "off").strip().lower() != "on"
):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The figures' cache (lup/reporting/summary.py), keyed by the data version that database
# triggers bump on every write. REDIS_URL (e.g. redis://127.0.0.1:6379/0) shares it between
# processes; without it each process keeps its own in local memory, and no Redis is needed.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "lup"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "lup-figures",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# How long an entry of the figures' cache lives: entries of an old data version are never
# read again, so this only bounds the memory they take.
LUP_FIGURES_CACHE_TIMEOUT = int(os.environ.get("DJANGO_FIGURES_CACHE_TIMEOUT", str(24 * 3600)))
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Norwegian bokmål by default, English selectable (LocaleMiddleware, /i18n/setlang/).
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
# Translations live in each app's locale/ folder, and the project's own strings (settings,
# URLs, the admin's templates) in locale/; `make messages` compiles them.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
# Numbers grouped in the active language's format: 11 540 (no-break space) in nb.
USE_THOUSAND_SEPARATOR = True
# Dates as dd.mm.yyyy in nb, shown and typed (lup/core/formats/nb/formats.py).
FORMAT_MODULE_PATH = ["lup.core.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # Serves vendor JavaScript shipped inside installed Python packages (plotly.js).
    "lup.core.staticfinders.PackageFileFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# django-axes first: it refuses a locked-out username or IP before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login lockout (docs/security.md): after AXES_FAILURE_LIMIT failed logins for one username,
# or from one IP address, further attempts are refused, right password or not, for
# AXES_COOLOFF_TIME hours; a successful login before that resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = float(os.environ.get("DJANGO_LOGIN_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "dashboard/lockout.html"
# Not in admin (its pages are English): a superuser unlocks with `manage.py axes_reset_username
# NAME` or `axes_reset_ip IP` (docs/security.md).
AXES_ENABLE_ADMIN = False
# Behind the front proxy the client's address is the last one it adds to X-Forwarded-For
# (DJANGO_TRUSTED_PROXY_COUNT proxies); without a proxy, REMOTE_ADDR.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# API keys (lup.core.models.ApiKey): a new key expires after this many days unless its
# creator sets another date.
LUP_API_KEY_MAX_AGE_DAYS = int(os.environ.get("DJANGO_API_KEY_MAX_AGE_DAYS", "365"))

# API rate limits (lup.core.api.throttling): requests per API key or user, and per IP address
# for anonymous clients; "N/second", "N/minute", "N/hour" or "N/day". Over the limit: 429 with
# Retry-After.
LUP_API_THROTTLE_RATES = {
    "user": os.environ.get("DJANGO_API_RATE_USER", "600/minute"),
    "anon": os.environ.get("DJANGO_API_RATE_ANON", "60/minute"),
}

# The dashboard's own login page works for managers who are not staff (admin's login does not).
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/dashboard/"

REST_FRAMEWORK = {
    # API keys first: their keyword is the WWW-Authenticate challenge of a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "lup.core.api.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Reads need a view permission or the API readers' role unless DJANGO_API_PUBLIC_READ
    # opens them; writes need the user's Django model permissions (lup.core.api.permissions).
    "DEFAULT_PERMISSION_CLASSES": ["lup.core.api.permissions.ModelPermissionsOrPublicRead"],
    "DEFAULT_THROTTLE_CLASSES": [
        "lup.core.api.throttling.AnonRateThrottle",
        "lup.core.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        # DRF's search and ordering, with their fields in the schema (lup.core.api.filters).
        "lup.core.api.filters.SearchFilter",
        "lup.core.api.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "lup.reporting.counts.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Bodies are JSON; the form parsers serve only the browsable API's HTML forms
    # (lup.core.api.negotiation) and are left out of the schema (PARSER_WHITELIST below).
    "DEFAULT_PARSER_CLASSES": [
        "lup.core.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "lup.core.api.negotiation.JSONBodiesNegotiation",
    # Every error is an RFC 9457 problem document (lup.core.api.errors).
    "EXCEPTION_HANDLER": "drf_standardized_errors.handler.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "lup.core.api.schema.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# The public figures (lup/publishing/public.py) may be read by any site's scripts, without
# credentials; nothing else of the project sends CORS headers.
CORS_URLS_REGEX = r"^/public/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag",)

API_PUBLIC_READ = env_bool("DJANGO_API_PUBLIC_READ", False)
# The OpenAPI schema and the API docs pages without a login (production.py: off by default).
LUP_API_DOCS_PUBLIC = env_bool("DJANGO_API_DOCS_PUBLIC", True)

DRF_STANDARDIZED_ERRORS = {
    "EXCEPTION_HANDLER_CLASS": "lup.core.api.errors.ProblemDetailsHandler",
    "EXCEPTION_FORMATTER_CLASS": "lup.core.api.errors.ProblemDetailsFormatter",
    # The statuses documented on each operation where they can happen (lup.core.api.schema);
    # 400 has a shape per operation, the others share the problem shape.
    "ALLOWED_ERROR_STATUS_CODES": ["400", "401", "403", "404", "405", "406", "415", "429", "500"],
    "ERROR_SCHEMAS": dict.fromkeys(
        ["401", "403", "404", "405", "406", "415", "429", "500"],
        "lup.core.api.errors.ProblemSerializer",
    ),
}

# OCDS export (lup/ocds/, docs/ocds.md): the ocid prefix registered with the Open Contracting
# Partnership ("ocds-" and 6 characters), and the publisher named in every release package.
OCDS_OCID_PREFIX = os.environ.get("DJANGO_OCDS_OCID_PREFIX", "ocds-lup0no")
OCDS_PUBLISHER_NAME = os.environ.get(
    "DJANGO_OCDS_PUBLISHER_NAME", "Leverandørutviklingsprogrammet (LUP)"
)

SPECTACULAR_SETTINGS = {
    "TITLE": "LUP portfolio API",
    "DESCRIPTION": """Records of LUP's innovative public procurement portfolio, and the annual
figures computed from them. Year Y is 1 January to 31 December of Y; the counting rules
that the year filters and the figures apply:

1. **Started in Y**: started_on falls in Y (no started_on: planned, counted nowhere).
2. **Active in Y**: started on or before 31 December and not ended before 1 January of Y.
3. **Bodies involved**: distinct public bodies with a participation in those procurements
   whose own period (joined_on to left_on) overlaps Y.
4. **By type**: the body's type; state, county, municipal and other always appear.
5. **Municipal coverage**: municipal bodies involved in procurements active in Y, divided by
   the municipalities in the code list on 31 December of Y.
6. **Outreach**: activities dated in Y, participants summed; webinars and their registrants.
7. **Publications**: web posts published in Y; solutions published in Y.
8. **Partners**: bodies with a partnership covering 31 December of Y; new partners: bodies whose
   partnership started in Y and who were not partners the day before.
9. **Started by sector**: procurements started in Y per sector, every sector listed.

Errors are RFC 9457 problem documents (application/problem+json); `errors` lists each message
with the input it is about (`attr`). Reads send an ETag and answer 304 to If-None-Match.""",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # English whatever the request's language (lup.core.api.schema.SchemaGenerator).
    "DEFAULT_GENERATOR_CLASS": "lup.core.api.schema.SchemaGenerator",
    # Request bodies are JSON only: one body type per write in a generated client.
    "PARSER_WHITELIST": ["lup.core.api.parsers.JSONParser"],
    # The answers the schema describes: JSON. The lists' ?format=csv and ?format=xlsx
    # (lup.core.api.renderers) are described in docs/api.md.
    "RENDERER_WHITELIST": ["rest_framework.renderers.JSONRenderer"],
    # The docs pages load their JavaScript and CSS from drf_spectacular_sidecar's static files:
    # nothing loads from the internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Content-Security-Policy (django-csp) on every answer: scripts only from this site's own files,
# no inline scripts and no eval (the dashboard's, the admin's and the API docs' scripts are
# all static files; the Swagger UI's start-up script is its own URL, SpectacularSwaggerSplitView).
# Inline styles stay allowed: plotly and Redoc set style attributes and <style> elements as
# they draw. Nothing loads from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        # data: for the icons of the admin's and Swagger UI's stylesheets; blob: for plotly's
        # "download as PNG".
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        # Redoc parses the schema in a worker it starts from a blob: URL.
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"timed": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "timed"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Every API key use and refusal (lup.core.api.authentication), with time and IP.
        "lup.security": {"level": "INFO"},
        # WeasyPrint (the report's PDF) and its font subsetting log every step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
