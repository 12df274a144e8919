"""URLs for browsing curricula (catalog, paths, units, library, glossary, skill tree)."""

from django.urls import path

from .views import browse

urlpatterns = [
    path("", browse.catalog, name="catalog"),
    path("paths/<slug:slug>/", browse.path_detail, name="path"),
    path("paths/<slug:slug>/<int:number>/", browse.unit_detail, name="unit"),
]
