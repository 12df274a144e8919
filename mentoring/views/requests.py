"""The learner's side of mentoring: asking a mentor to review an attempt.

Once an attempt belongs to a review thread, its request page is that thread: the mentor's
comments and verdict appear there as they come.
"""

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
    threads = reviews.threads_of(submission)
    form = ReviewRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = reviews.review_request_create(
                learner=request.user, submission=submission, question=form.cleaned_data["question"]
            )
        except reviews.ReviewRefused as refused:
            messages.info(request, str(refused))
            return redirect(threads[-1])
        if not threads:
            text = "Review requested. The mentor’s comments and verdict appear on this page as they come, and you will get a notification."
        elif thread.submission_id == submission.pk:
            text = "Your question is updated."
        else:
            text = (
                f"Attempt #{submission.pk} is already part of this review: the mentor sees it here."
            )
        messages.success(request, text)
        return redirect(thread)
    if threads and request.method == "GET":
        return redirect(threads[-1])
    return render(
        request, "mentoring/review_request.html", {"submission": submission, "form": form}
    )
