"""API routes of this app, included under /api/v1/ by lup/urls.py.

bodies/ is routed here although public bodies are partners' records: its filters are the
counting rules about involvement in procurements (rules 1-3), which live in this app.
"""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("bodies", views.PublicBodyViewSet, basename="body")
router.register("sectors", views.SectorViewSet, basename="sector")
router.register("procedures", views.ProcedureViewSet, basename="procedure")
router.register("phases", views.PhaseViewSet, basename="phase")
router.register("procurements", views.ProcurementViewSet, basename="procurement")
router.register("participations", views.ParticipationViewSet, basename="participation")
router.register("phase-changes", views.PhaseChangeViewSet, basename="phase-change")
router.register("solutions", views.SolutionViewSet, basename="solution")

urlpatterns = router.urls
