"""The public figures (public.py), mounted at /public/ by lup/urls.py."""

from django.urls import path

from . import public

app_name = "public"

# The year as text, so that a year that is not a number is a 404 like an unpublished one.
urlpatterns = [
    path("figures/", public.figures_index, name="figures"),
    path("figures/<str:year>/", public.figures_year, name="figures-year"),
    path("figures/<str:year>/embed/", public.figures_embed, name="figures-embed"),
]
