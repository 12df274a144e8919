"""The learner's side of mentoring: asking a mentor to review an attempt."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mentoring import reviews
from mentoring.forms import ReviewRequestForm
from submissions.access import get_own_submission


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
        "mentoring/review_request.html",
        {"submission": submission, "form": form, "existing": existing},
    )
