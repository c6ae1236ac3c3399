"""/api/v1/: the record endpoints of each app, the annual figures, and the OpenAPI schema."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("", include("partners.api.urls")),
    path("", include("procurements.api.urls")),
    path("", include("outreach.api.urls")),
    path("stats/", include("lup.api.stats_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
