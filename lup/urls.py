from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

admin.site.site_header = _("LUP portfolio")
admin.site.site_title = _("LUP portfolio")
admin.site.index_title = _("Registers")
admin.site.site_url = "/dashboard/"

urlpatterns = [
    path("", RedirectView.as_view(url="/dashboard/", permanent=False)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("lup.api.urls")),
    path("dashboard/", include("lup.dashboard.urls")),
    path("accounts/", include("lup.dashboard.account_urls")),
]
