"""Browsing the curricula: catalog, path and unit pages."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ..models import Path, Topic, Unit


@require_GET
def catalog(request):
    paths = Path.objects.live().filter(is_published=True).prefetch_related("tags")
    return render(request, "courses/catalog.html", {"paths": paths})


@require_GET
def path_detail(request, slug):
    path = get_object_or_404(Path.objects.live(), slug=slug)
    units = Unit.objects.live().filter(path=path).select_related("phase")
    return render(request, "courses/path.html", {"path": path, "units": units})


@require_GET
def unit_detail(request, slug, number):
    unit = get_object_or_404(
        Unit.objects.live().select_related("path", "phase").prefetch_related(
            Prefetch("topics", queryset=Topic.objects.live()), "exercises__exercise"
        ),
        path__slug=slug,
        number=number,
    )
    return render(request, "courses/unit.html", {"unit": unit, "path": unit.path})
