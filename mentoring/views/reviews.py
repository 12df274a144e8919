"""A review thread: the code with line comments, claims, replies and the verdict.

Learners and mentors share the thread page; only the mentor holding the claim comments
on lines and gives the verdict; both sides reply in a line's thread.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import mentor_required
from mentoring import reviews as mr
from mentoring.access import get_request_for_mentor, get_request_for_user, visible_requests
from mentoring.forms import LineCommentForm, ReplyForm, VerdictForm
from mentoring.models import LineComment


def _thread_url(request_obj, attempt=None, line=None):
    url = mr.request_url(request_obj)
    if attempt:
        url += f"?attempt={attempt}"
    if attempt and line:
        url += f"#L{attempt}-{line}"
    return url


@login_required
@require_GET
def thread(request, pk):
    """The thread; polled by its own page with `?v=<version>`, answered 204 while unchanged."""
    review_request = get_request_for_user(request.user, pk)
    version = mr.thread_version(review_request)
    if request.htmx and request.GET.get("v") == version:
        return HttpResponse(status=204)  # the poll: nothing new, nothing swapped
    attempts = list(mr.thread_attempts(review_request))
    counts = mr.comment_counts(review_request)
    for attempt in attempts:
        attempt.comment_count = counts.get(attempt.pk, 0)
    chosen = request.GET.get("attempt", "")
    current = next((a for a in attempts if str(a.pk) == chosen), attempts[-1])
    review = getattr(review_request, "review", None)
    holds = (
        review is not None
        and review.mentor_id == request.user.pk
        and review_request.status != "closed"
    )
    first_file = next(iter(current.files or {"": ""}))
    line = request.GET.get("line", "")
    context = {
        "rr": review_request,
        "review": review,
        "attempts": attempts,
        "current": current,
        "earlier": mr.earlier_attempts(review_request),
        "files": mr.annotated_files(review_request, current),
        "is_learner": review_request.learner_id == request.user.pk,
        "holds_claim": holds,
        "can_claim": request.user.is_mentor
        and mr.claimable_requests(request.user).filter(pk=pk).exists(),
        "comment_form": LineCommentForm(
            initial={
                "submission": current.pk,
                "file": first_file,
                "line": line if line.isdigit() else "",
            },
            exercise=current.exercise,
            bank=not current.is_project,
        )
        if holds
        else None,
        "verdict_form": VerdictForm(
            initial={"submission": current.pk},
            rubric=mr.submission_rubric(current),
            milestones=mr.project_items(current.exercise),
            descriptions=mr.rubric_descriptions(current),
        )
        if holds
        else None,
        "reply_form": ReplyForm(),
        "version": version,
        "pinned": chosen if chosen == str(current.pk) else "",
        "poll_seconds": mr.poll_seconds(),
    }
    return render(request, "mentoring/thread.html", context)


@mentor_required
@require_POST
def claim(request, pk):
    review_request = get_request_for_mentor(request.user, pk)
    try:
        mr.review_claim(mentor=request.user, request=review_request)
        messages.success(
            request,
            f"Claimed for {mr.claim_minutes()} minutes. Comment on lines, then give a verdict.",
        )
    except mr.ReviewRefused as refused:
        messages.error(request, str(refused))
        return redirect("mentoring:mentor-queue")
    return redirect(_thread_url(review_request))


@mentor_required
@require_POST
def release(request, pk):
    review_request = get_request_for_mentor(request.user, pk)
    try:
        mr.review_release(mentor=request.user, request=review_request)
        messages.success(request, "Released: the review is back in the queue.")
    except mr.ReviewRefused as refused:
        messages.error(request, str(refused))
    return redirect("mentoring:mentor-queue")


@mentor_required
@require_POST
def comment(request, pk):
    review_request = get_request_for_mentor(request.user, pk)
    submission = get_object_or_404(
        mr.thread_attempts(review_request), pk=request.POST.get("submission") or 0
    )
    form = LineCommentForm(
        request.POST, exercise=submission.exercise, bank=not submission.is_project
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            made = mr.line_comment_add(
                author=request.user,
                request=review_request,
                submission=submission,
                file=data["file"],
                line=data["line"],
                body=data["body"],
                bank_entry=data.get("bank_entry"),
            )
            if data.get("save_to_bank") and submission.exercise_id:
                mr.bank_entry_add(
                    mentor=request.user,
                    exercise=submission.exercise,
                    title=data["save_to_bank"],
                    body=made.body_markdown,
                )
            return redirect(_thread_url(review_request, submission.pk, made.line))
        except mr.ReviewRefused as refused:
            messages.error(request, str(refused))
    else:
        messages.error(request, "The comment needs a file and a line number.")
    return redirect(_thread_url(review_request, submission.pk))


@login_required
@require_POST
def reply(request, pk):
    """Either side answers in a line's thread (the thread must be visible to them)."""
    parent = get_object_or_404(
        LineComment.objects.select_related("request", "submission"),
        pk=pk,
        request__in=visible_requests(request.user),
    )
    form = ReplyForm(request.POST)
    if form.is_valid():
        mr.comment_reply(author=request.user, parent=parent, body=form.cleaned_data["body"])
    else:
        messages.error(request, "Write a reply first.")
    return redirect(_thread_url(parent.request, parent.submission_id, parent.line))


@mentor_required
@require_POST
def verdict(request, pk):
    review_request = get_request_for_mentor(request.user, pk)
    submission = get_object_or_404(
        mr.thread_attempts(review_request), pk=request.POST.get("submission") or 0
    )
    milestones = mr.project_items(submission.exercise)
    form = VerdictForm(request.POST, rubric=mr.submission_rubric(submission), milestones=milestones)
    if not form.is_valid():
        messages.error(request, "Choose a verdict and write a summary.")
        return redirect(_thread_url(review_request, submission.pk))
    unit_item = next((m for m in milestones if m.pk == form.cleaned_data.get("unit_item")), None)
    try:
        mr.review_submit(
            mentor=request.user,
            request=review_request,
            submission=submission,
            verdict=form.cleaned_data["verdict"],
            summary=form.cleaned_data["summary"],
            rubric_scores=form.rubric_scores(),
            unit_item=unit_item,
        )
    except mr.ReviewRefused as refused:
        messages.error(request, str(refused))
        return redirect(_thread_url(review_request, submission.pk))
    except PermissionError as refused:
        raise Http404 from refused
    messages.success(request, "Verdict sent; the learner has been notified.")
    return redirect(_thread_url(review_request, submission.pk))
