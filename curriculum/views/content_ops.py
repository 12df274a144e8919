"""Admin content operations: check one exercise in the sandbox, regrade, publish versions."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import admin_required
from curriculum import exercise_checks
from curriculum.models import Exercise, ExerciseCheck, Path
from curriculum.selectors import get_live_exercise


@admin_required
@require_GET
def content_ops(request):
    context = {
        "exercises": Exercise.objects.filter(is_archived=False).order_by("slug"),
        "checks": ExerciseCheck.objects.select_related("exercise", "requested_by")[:20],
        "paths": Path.objects.filter(is_archived=False).order_by("slug"),
    }
    return render(request, "curriculum/staff/content.html", context)


@admin_required
@require_POST
def exercise_check(request, slug):
    check = exercise_checks.exercise_check_request(
        exercise=get_live_exercise(slug), user=request.user
    )
    return redirect("curriculum:exercise-check", pk=check.pk)


@admin_required
@require_GET
def exercise_check_detail(request, pk):
    """Polls itself (htmx) until the check finished; HTTP 286 stops the polling."""
    check = get_object_or_404(ExerciseCheck.objects.select_related("exercise"), pk=pk)
    if request.htmx:
        response = render(request, "curriculum/staff/check_status.html", {"check": check})
        if check.state in (ExerciseCheck.State.OK, ExerciseCheck.State.FAILED):
            response.status_code = 286
        return response
    return render(request, "curriculum/staff/check.html", {"check": check})
