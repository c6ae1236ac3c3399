"""API routes of this app. lup/api/urls.py copies this router's registry into the one shared
router of /api/v1/; `urlpatterns` lets the module also serve as a URLconf on its own."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
# bodies/ lives here because its filters use the procurement counting rules.
router.register("bodies", views.PublicBodyViewSet, basename="body")
router.register("sectors", views.SectorViewSet, basename="sector")
router.register("procedures", views.ProcedureViewSet, basename="procedure")
router.register("phases", views.PhaseViewSet, basename="phase")
router.register("procurements", views.ProcurementViewSet, basename="procurement")
router.register("participations", views.ParticipationViewSet, basename="participation")
router.register("phase-changes", views.PhaseChangeViewSet, basename="phase-change")
router.register("solutions", views.SolutionViewSet, basename="solution")

urlpatterns = router.urls
