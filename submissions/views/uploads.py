"""Submitting an uploaded .py, .zip or .ipynb: parsed in submissions.uploads, graded like typed code."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from curriculum.selectors import get_live_exercise
from submissions import services
from submissions.forms import UploadForm
from submissions.uploads import MAX_UPLOAD_BYTES
from submissions.views.exercises import refusal_status, status_fragment


@login_required
@require_POST
def upload(request, slug):
    exercise = get_live_exercise(slug)
    form = UploadForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise services.SubmissionRejected("Choose a file to upload first.")
        upload = form.cleaned_data["upload"]
        data = upload.read(MAX_UPLOAD_BYTES + 1)  # never read more than one byte past the limit
        submission = services.submission_upload(
            user=request.user, exercise=exercise, filename=upload.name, data=data, size=upload.size
        )
    except services.SubmissionRejected as rejected:
        template = "submissions/submission_rejected.html"
        context = {
            "message": str(rejected),
            "upload": True,
            "exercise": exercise,
            "oob": bool(request.htmx),
        }
        response = render(
            request,
            template if request.htmx else "submissions/upload_rejected.html",
            context,
            status=422,
        )
        return refusal_status(response, rejected)
    if request.htmx:
        return status_fragment(request, submission)
    return redirect(submission)
