"""API routes of this app, included under /api/v1/ by lup/urls.py."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("activity-kinds", views.ActivityKindViewSet, basename="activity-kind")
router.register("outreach-activities", views.OutreachActivityViewSet, basename="outreach-activity")
router.register("publications", views.PublicationViewSet, basename="publication")

urlpatterns = router.urls
