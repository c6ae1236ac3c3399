"""Routes of the annual-figures endpoints (stats/years/...)."""

urlpatterns: list = []
