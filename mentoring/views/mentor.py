"""The mentor's desk: the review queue and the per-exercise comment bank."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import mentor_required
from curriculum.selectors import get_live_exercise
from mentoring import reviews as mentor_reviews
from mentoring.access import visible_cohorts
from mentoring.forms import BankEntryForm, QueueFilterForm


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
    return render(request, "mentoring/queue.html", context)


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
        return redirect("mentoring:comment-bank", slug=exercise.slug)
    return render(
        request,
        "mentoring/comment_bank.html",
        {"exercise": exercise, "form": form, "entries": exercise.comment_bank.all()},
    )
