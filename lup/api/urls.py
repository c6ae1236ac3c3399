"""/api/v1/: the record endpoints of each app, the annual figures, and the OpenAPI schema.

The apps' routers are copied into one DefaultRouter, so /api/v1/ has a single browsable root
listing every record endpoint.
"""

from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)
from rest_framework.routers import DefaultRouter

from outreach.api.urls import router as outreach_router
from partners.api.urls import router as partners_router
from procurements.api.urls import router as procurements_router

router = DefaultRouter()
for app_router in (partners_router, procurements_router, outreach_router):
    router.registry.extend(app_router.registry)

urlpatterns = [
    path("", include(router.urls)),
    path("stats/", include("lup.api.stats_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
