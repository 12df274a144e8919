"""Exercise pages and submissions: thin views, one access helper + one service call each."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from curriculum.page_cache import cached_page
from curriculum.selectors import exercise_sandbox, get_live_exercise
from submissions import services
from submissions.access import get_submission_for_user
from submissions.forms import CodeSubmissionForm, UploadForm
from submissions.live import cadence_only, status_version
from submissions.selectors import exercise_workspace

# Sent with every new or changed status so the exercise page's attempts list reloads itself.
ATTEMPTS_CHANGED = "attempts-changed"


@require_GET
@cached_page
def exercise_detail(request, slug):
    """The editor opens with the learner's draft, else their latest attempt, else the starter.

    htmx asking for `#attempts` (after a submission or a status change) gets that list only.
    """
    exercise = get_live_exercise(slug)
    workspace = exercise_workspace(request.user, exercise)
    context = {
        "exercise": exercise,
        "form": CodeSubmissionForm(initial={"code": workspace.code}),
        "upload_form": UploadForm(),
        "workspace": workspace,
        "attempts": workspace.attempts,
        "sandbox": exercise_sandbox(exercise),
    }
    if request.htmx and request.htmx.target == "attempts":
        return render(request, "submissions/exercise.html#attempts", context)
    return render(request, "submissions/exercise.html", context)


@login_required
@require_POST
def submission_create(request, slug):
    exercise = get_live_exercise(slug)
    form = CodeSubmissionForm(request.POST)
    form.is_valid()
    code = form.cleaned_data.get("code", "")
    try:
        submission = services.submission_create(
            user=request.user, exercise=exercise, files={exercise.entrypoint: code}
        )
    except services.SubmissionRejected as rejected:
        if request.htmx:  # the editor keeps the code; only the result area changes
            response = render(
                request,
                "submissions/submission_rejected.html",
                {"message": str(rejected), "oob": True},
                status=422,
            )
            return refusal_status(response, rejected)
        form.add_error("code", str(rejected))
        context = {"exercise": exercise, "form": form, "upload_form": UploadForm()}
        response = render(request, "submissions/exercise.html", context, status=422)
        return refusal_status(response, rejected)
    if request.htmx:
        return status_fragment(request, submission)
    return redirect(submission)


def refusal_status(response: HttpResponse, rejected: services.SubmissionRejected) -> HttpResponse:
    """422 for input we will not grade; 429 with Retry-After for a learner over the limits."""
    if isinstance(rejected, services.SubmissionThrottled):
        response.status_code = 429
        response["Retry-After"] = str(rejected.retry_after)
    return response


def status_fragment(request, submission, *, status: int = 200, news: bool = True) -> HttpResponse:
    """The live result for htmx: the report, and with `news` the one-line live summary and the
    attempts nudge (not when only the poll's cadence changed: nothing new to read out)."""
    context = {"submission": submission, "oob": news}
    response = render(request, "submissions/submission_status.html", context, status=status)
    if news:
        response["HX-Trigger"] = ATTEMPTS_CHANGED
    return response


@login_required
@require_GET
def submission_detail(request, pk):
    submission = get_submission_for_user(request.user, pk)
    if submission.is_project:  # never graded: its page is the project's, with its review
        return redirect(submission.task_url)
    return render(request, "submissions/submission.html", {"submission": submission})


@login_required
@require_GET
def submission_status(request, pk):
    """The live result fragment: polls itself while pending; HTTP 286 stops htmx polling.

    The poll sends the version it shows (`seen`): while it is current the answer is 204,
    which htmx does not swap, so the live region is not re-read at every poll.
    """
    submission = get_submission_for_user(request.user, pk)
    if not request.htmx:
        return render(request, "submissions/submission_status.html", {"submission": submission})
    seen, version = request.GET.get("seen", ""), status_version(submission)
    if not submission.is_terminal and seen == version:
        return HttpResponse(status=204)
    return status_fragment(
        request,
        submission,
        status=286 if submission.is_terminal else 200,
        news=not cadence_only(seen, version),
    )
