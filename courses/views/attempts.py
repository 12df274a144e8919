"""Attempt history (score over time), diffs between attempts, and asking a mentor for a review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from .. import reviews
from ..access import get_live_exercise, get_own_submission, get_submission_for_user
from ..attempts import attempt_diff
from ..forms import ReviewRequestForm
from ..learner import attempt_history


@login_required
@require_GET
def history(request, slug):
    exercise = get_live_exercise(slug)
    return render(
        request,
        "courses/learner/attempts.html",
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
        "choices": new.exercise.submissions.for_user(new.user)[:50],
    }
    return render(request, "courses/learner/diff.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review_request(request, pk):
    submission = get_own_submission(request.user, pk)
    form = ReviewRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reviews.review_request_create(
            learner=request.user, submission=submission, question=form.cleaned_data["question"]
        )
        messages.success(
            request, "Review requested. A mentor will reply here and you will get a notification."
        )
        return redirect(submission)
    existing = reviews.open_request(submission)
    return render(
        request,
        "courses/learner/review_request.html",
        {"submission": submission, "form": form, "existing": existing},
    )
