"""URLs for browsing curricula (catalog, paths, units, library, glossary, skill tree)."""

from django.urls import path

from .views import browse

urlpatterns = [
    path("", browse.catalog, name="catalog"),
    path("resources/", browse.resources, name="resources"),
    path("glossary/", browse.glossary, name="glossary"),
    path("paths/<slug:slug>/", browse.path_detail, name="path"),
    path("paths/<slug:slug>/print/", browse.path_print, name="path-print"),
    path("paths/<slug:slug>/skills/", browse.skill_tree, name="skill-tree"),
    path("paths/<slug:slug>/<int:number>/", browse.unit_detail, name="unit"),
]
