"""API routes of this app. lup/api/urls.py copies this router's registry into the one shared
router of /api/v1/; `urlpatterns` lets the module also serve as a URLconf on its own."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("activity-kinds", views.ActivityKindViewSet, basename="activity-kind")
router.register("outreach-activities", views.OutreachActivityViewSet, basename="outreach-activity")
router.register("publications", views.PublicationViewSet, basename="publication")

urlpatterns = router.urls
