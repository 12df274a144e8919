"""Gradebook (learner × exercise) for a cohort or a path, its CSV, and a per-learner report."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from accounts.decorators import admin_required, mentor_required
from curriculum.models import Path
from learning.models import Enrollment
from mentoring import gradebook
from mentoring.access import get_cohort_for_user, get_learner_for_user, visible_cohorts


def _render(request, book, title, filename):
    if request.GET.get("format") == "csv":
        response = HttpResponse(
            gradebook.gradebook_csv(book), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    return render(request, "mentoring/staff/gradebook.html", {"book": book, "title": title})


@mentor_required
@require_GET
def cohort_gradebook(request, pk):
    cohort = get_cohort_for_user(request.user, pk)
    book = gradebook.gradebook(cohort.path, cohort.learners.order_by("username"))
    return _render(
        request, book, f"{cohort.name} · {cohort.path.title}", f"gradebook-{slugify(cohort.name)}"
    )


@admin_required
@require_GET
def path_gradebook(request, slug):
    """Every learner enrolled in the path."""
    path = get_object_or_404(Path, slug=slug)
    learners = [
        e.user
        for e in Enrollment.objects.filter(path=path)
        .select_related("user")
        .order_by("user__username")
    ]
    book = gradebook.gradebook(path, learners)
    return _render(request, book, f"{path.title} (all enrolled learners)", f"gradebook-{path.slug}")


@mentor_required
@require_GET
def learner_report(request, pk):
    learner = get_learner_for_user(request.user, pk)
    cohorts = visible_cohorts(request.user).filter(learners=learner).select_related("path")
    context = {
        "learner": learner,
        "cohorts": cohorts,
        "exercises": gradebook.learner_report(learner),
    }
    return render(request, "mentoring/staff/learner_report.html", context)
