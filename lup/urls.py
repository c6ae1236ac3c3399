"""The project's URLs: admin, the API under /api/v1/, the dashboard and its login pages.

Each app routes its own API endpoints (its api/urls.py router); /api/v1/ mounts them under one
browsable root that lists every record endpoint.
"""

from django.contrib import admin
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework import permissions, routers
from rest_framework.routers import DefaultRouter

from lup.core.api.permissions import DocsReaders
from lup.core.health import healthz
from outreach.api.urls import router as outreach_router
from partners.api.urls import router as partners_router
from procurements.api.urls import router as procurements_router

admin.site.site_header = _("LUP portfolio")
admin.site.site_title = _("LUP portfolio")
admin.site.index_title = _("Registers")
admin.site.site_url = "/dashboard/"
# No navigation sidebar: it repeated the index page and took 300 px from every list, so the
# procurement list cut off its columns at 1440 px. The breadcrumbs and the index remain.
admin.site.enable_nav_sidebar = False


class ApiRootView(routers.APIRootView):
    """The links to every record endpoint: for any logged-in user or key (it holds no
    records; each endpoint checks its own permission)."""

    permission_classes = [permissions.IsAuthenticated]


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    # The static URL is looked up per request, not at import: with the manifest storage of
    # production it exists only after collectstatic, and `manage.py check` imports this file.
    return HttpResponsePermanentRedirect(static("dashboard/favicon.ico"))


api_router = DefaultRouter()
api_router.APIRootView = ApiRootView
for app_router in (partners_router, procurements_router, outreach_router):
    api_router.registry.extend(app_router.registry)

api_urlpatterns = [
    path("", include(api_router.urls)),
    path("stats/published/", include("lup.publishing.api.urls")),
    path("stats/", include("lup.reporting.api.urls")),
    path("ocds/", include("lup.ocds.api.urls")),
    # Open, or for logged-in users only (production: settings.LUP_API_DOCS_PUBLIC).
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[DocsReaders]),
        name="api-schema",
    ),
    # The split view serves Swagger UI's start-up script as a file (?script), not inline: the
    # Content-Security-Policy allows no inline script.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", permission_classes=[DocsReaders]
        ),
        name="api-docs",
    ),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api-schema", permission_classes=[DocsReaders]),
        name="api-redoc",
    ),
]

urlpatterns = [
    path("", RedirectView.as_view(url="/dashboard/", permanent=False)),
    # For monitors and load balancers, anonymous: the database and the cache answer.
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico on every page, whatever the page links to.
    path("favicon.ico", favicon, name="favicon"),
    # The spreadsheet import and export pages (lup/transfer), inside the admin.
    path("admin/transfer/", include("lup.transfer.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(api_urlpatterns)),
    path("dashboard/", include("lup.dashboard.urls")),
    path("accounts/", include("lup.dashboard.account_urls")),
    # The published figures for LUP's website, for anonymous visitors (lup/publishing/public.py).
    path("public/", include("lup.publishing.urls")),
]

# API paths that match no endpoint, requests refused before a view (too large, NUL in a
# parameter) and server errors under /api/ answer with a problem document like every other
# API error (lup.core.api.errors); other paths get Django's pages.
handler400 = "lup.core.api.errors.bad_request"
handler404 = "lup.core.api.errors.not_found"
handler500 = "lup.core.api.errors.server_error"
