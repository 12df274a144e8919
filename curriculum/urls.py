"""Browsing curricula (catalog, paths, units, library, glossary, skill tree) and content operations."""

from django.urls import path

from curriculum.views import browse, content_ops

app_name = "curriculum"

urlpatterns = [
    path("", browse.catalog, name="catalog"),
    path("resources/", browse.resources, name="resources"),
    path("glossary/", browse.glossary, name="glossary"),
    path("paths/<slug:slug>/", browse.path_detail, name="path"),
    path("paths/<slug:slug>/print/", browse.path_print, name="path-print"),
    path("paths/<slug:slug>/skills/", browse.skill_tree, name="skill-tree"),
    path("paths/<slug:slug>/<int:number>/", browse.unit_detail, name="unit"),
    path("staff/content/", content_ops.content_ops, name="content-ops"),
    path(
        "staff/content/exercises/<slug:slug>/check/",
        content_ops.exercise_check,
        name="exercise-check-run",
    ),
    path(
        "staff/content/checks/<int:pk>/", content_ops.exercise_check_detail, name="exercise-check"
    ),
]
