"""Exercise pages and submissions: thin views, one access helper + one service call each."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from curriculum.selectors import get_live_exercise
from submissions import services
from submissions.access import get_submission_for_user
from submissions.forms import CodeSubmissionForm, UploadForm
from submissions.selectors import exercise_workspace


@require_GET
def exercise_detail(request, slug):
    """The editor opens with the learner's draft, else their latest attempt, else the starter."""
    exercise = get_live_exercise(slug)
    workspace = exercise_workspace(request.user, exercise)
    context = {
        "exercise": exercise,
        "form": CodeSubmissionForm(initial={"code": workspace.code}),
        "upload_form": UploadForm(),
        "workspace": workspace,
        "attempts": workspace.attempts,
    }
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
            return render(
                request, "submissions/submission_rejected.html", {"message": str(rejected)}
            )
        form.add_error("code", str(rejected))
        context = {"exercise": exercise, "form": form, "upload_form": UploadForm()}
        return render(request, "submissions/exercise.html", context, status=422)
    if request.htmx:
        return render(request, "submissions/submission_status.html", {"submission": submission})
    return redirect(submission)


@login_required
@require_GET
def submission_detail(request, pk):
    submission = get_submission_for_user(request.user, pk)
    return render(request, "submissions/submission.html", {"submission": submission})


@login_required
@require_GET
def submission_status(request, pk):
    """The live result fragment: polls itself while pending; HTTP 286 stops htmx polling."""
    submission = get_submission_for_user(request.user, pk)
    response = render(request, "submissions/submission_status.html", {"submission": submission})
    if submission.is_terminal and request.htmx:
        response.status_code = 286
    return response
