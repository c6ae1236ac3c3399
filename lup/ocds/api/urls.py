"""Routes of the OCDS export, mounted under /api/v1/ocds/ by lup/urls.py."""

from django.urls import path

from .views import ReleasePackageView

urlpatterns = [path("releases/", ReleasePackageView.as_view(), name="ocds-releases")]
