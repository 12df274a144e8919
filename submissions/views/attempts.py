"""Attempt history (score over time) and diffs between attempts."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from curriculum.selectors import get_live_exercise
from submissions.access import get_submission_for_user
from submissions.attempts import attempt_diff
from submissions.selectors import attempt_history


@login_required
@require_GET
def history(request, slug):
    exercise = get_live_exercise(slug)
    return render(
        request,
        "submissions/attempts.html",
        {"exercise": exercise, "history": attempt_history(request.user, exercise)},
    )


@login_required
@require_GET
def diff(request, pk):
    """`/submissions/<new>/diff/?against=<old>`: both must be the viewer's (or an admin's view)."""
    new = get_submission_for_user(request.user, pk)
    against = request.GET.get("against", "")
    old = get_submission_for_user(request.user, int(against)) if against.isdigit() else None
    lines = attempt_diff(old.files, new.files) if old else []
    context = {
        "new": new,
        "old": old,
        "lines": lines,
        "choices": new.graded_exercise.submissions.for_user(new.user)[:50],
    }
    return render(request, "submissions/diff.html", context)
