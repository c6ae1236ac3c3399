"""API routes of this app, included under /api/v1/ by lup/urls.py.

bodies/ is routed by procurements/api/urls.py: its filters are the counting rules about
involvement in procurements, which this app cannot import.
"""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("counties", views.CountyViewSet, basename="county")
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("partnerships", views.PartnershipViewSet, basename="partnership")

urlpatterns = router.urls
