"""Routes of the annual-figures endpoints (stats/years/...)."""

from django.urls import path

from .views import AnnualFiguresView, AnnualSeriesView

# The year is taken as text so that "abc" is answered with a 400 and a field message, not a 404.
urlpatterns = [
    path("years/", AnnualSeriesView.as_view(), name="stats-years"),
    path("years/<str:year>/", AnnualFiguresView.as_view(), name="stats-year"),
]
