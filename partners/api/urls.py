"""API routes of this app. lup/api/urls.py copies this router's registry into the one shared
router of /api/v1/; `urlpatterns` lets the module also serve as a URLconf on its own.

bodies/ is registered by procurements/api/urls.py: its filters need the procurement rules.
"""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("counties", views.CountyViewSet, basename="county")
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("partnerships", views.PartnershipViewSet, basename="partnership")

urlpatterns = router.urls
