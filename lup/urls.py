from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(url="/dashboard/", permanent=False)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("lup.api.urls")),
    path("dashboard/", include("lup.dashboard.urls")),
    path("accounts/", include("lup.dashboard.account_urls")),
]
