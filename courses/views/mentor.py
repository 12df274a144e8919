"""The mentor's desk: the review queue and the per-exercise comment bank."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from .. import mentor_reviews
from ..access import get_live_exercise, visible_cohorts
from ..forms_mentor import BankEntryForm, QueueFilterForm


def mentor_required(view):
    """Logged in (else the log-in page) and a mentor or admin (else 403)."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.is_mentor:
            raise PermissionDenied("Mentors only.")
        return view(request, *args, **kwargs)

    return wrapped


@mentor_required
@require_GET
def queue(request):
    """Oldest first, filtered by path, exercise and cohort; the mentor's own threads above."""
    form = QueueFilterForm(request.GET or None, cohorts=visible_cohorts(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    context = {
        "form": form,
        "requests": mentor_reviews.review_queue(
            request.user, **{k: v for k, v in filters.items() if v}
        ),
        "threads": mentor_reviews.my_threads(request.user),
        "claim_minutes": mentor_reviews.claim_minutes(),
    }
    return render(request, "courses/mentor/queue.html", context)


@mentor_required
@require_http_methods(["GET", "POST"])
def comment_bank(request, slug):
    exercise = get_live_exercise(slug)
    form = BankEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        mentor_reviews.bank_entry_add(
            mentor=request.user,
            exercise=exercise,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body_markdown"],
        )
        messages.success(request, "Saved to the comment bank.")
        return redirect("courses:comment-bank", slug=exercise.slug)
    return render(
        request,
        "courses/mentor/comment_bank.html",
        {"exercise": exercise, "form": form, "entries": exercise.comment_bank.all()},
    )
