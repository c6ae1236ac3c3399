"""API routes of this app; registered on the shared router in lup/api/urls.py."""

urlpatterns: list = []
