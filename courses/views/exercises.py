"""Exercise pages and submissions: thin views, one access helper + one service call each."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from .. import services
from ..access import get_live_exercise, get_submission_for_user
from ..forms import CodeSubmissionForm


@require_GET
def exercise_detail(request, slug):
    exercise = get_live_exercise(slug)
    attempts = []
    if request.user.is_authenticated:
        attempts = list(exercise.submissions.for_user(request.user)[:10])
    code = attempts[0].files.get(exercise.entrypoint, "") if attempts else exercise.starter_code
    form = CodeSubmissionForm(initial={"code": code})
    return render(
        request, "courses/exercise.html", {"exercise": exercise, "form": form, "attempts": attempts}
    )


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
            return render(request, "courses/submission_rejected.html", {"message": str(rejected)})
        form.add_error("code", str(rejected))
        return render(request, "courses/exercise.html", {"exercise": exercise, "form": form}, status=422)
    if request.htmx:
        return render(request, "courses/submission_status.html", {"submission": submission})
    return redirect(submission)


@login_required
@require_GET
def submission_detail(request, pk):
    submission = get_submission_for_user(request.user, pk)
    return render(request, "courses/submission.html", {"submission": submission})


@login_required
@require_GET
def submission_status(request, pk):
    """The live result fragment: polls itself while pending; HTTP 286 stops htmx polling."""
    submission = get_submission_for_user(request.user, pk)
    response = render(request, "courses/submission_status.html", {"submission": submission})
    if submission.is_terminal and request.htmx:
        response.status_code = 286
    return response


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
