"""Routes of the published figures (stats/published/...)."""

from django.urls import path

from .views import PublishedDiffView, PublishedListView, PublishedYearView

# The year is taken as text so that "abc" is answered with a 400 and a field message.
urlpatterns = [
    path("", PublishedListView.as_view(), name="stats-published"),
    path("<str:year>/", PublishedYearView.as_view(), name="stats-published-year"),
    path("<str:year>/diff/", PublishedDiffView.as_view(), name="stats-published-diff"),
]
