from django.contrib import admin
from django.urls import path

from . import admin as views

app_name = "transfer"

urlpatterns = [
    path("import/", admin.site.admin_view(views.import_view), name="import"),
    path("import/errors.csv", admin.site.admin_view(views.error_report_view), name="errors"),
    path("export.xlsx", admin.site.admin_view(views.export_all_view), name="export"),
]
