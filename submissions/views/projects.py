"""A project's page: its brief and rubric, the learner's attempts and their reviews, the form.

Submitting records the attempt (submissions.projects); mentoring opens or continues the
review thread by itself, so this view imports nothing above submissions.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from curriculum.models import UnitExercise
from submissions import projects
from submissions.forms import ProjectSubmissionForm
from submissions.limits import MAX_UPLOAD_BYTES
from submissions.services import SubmissionRejected


def _item(pk: int) -> UnitExercise:
    try:
        return projects.project_item(pk)
    except UnitExercise.DoesNotExist:
        raise Http404("No such project") from None


def _page(request, item: UnitExercise, form: ProjectSubmissionForm, status: int = 200):
    context = {
        "item": item,
        "unit": item.unit,
        "path": item.unit.path,
        "rubric": item.rubric_criteria(),
        "attempts": projects.project_attempts(request.user, item),
        "form": form,
    }
    return render(request, "submissions/project.html", context, status=status)


@require_GET
def project_detail(request, pk):
    return _page(request, _item(pk), ProjectSubmissionForm())


@login_required
@require_POST
def project_submit(request, pk):
    item = _item(pk)
    form = ProjectSubmissionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, item, form, status=422)
    data = form.cleaned_data
    try:
        files = {}
        if data["text"].strip():
            files[data["file_name"].strip() or "README.md"] = data["text"]
        uploaded = [(f.name, f.read(MAX_UPLOAD_BYTES + 1), f.size) for f in data["uploads"]]
        for name, text in projects.project_files_from_uploads(uploaded).items():
            if name in files:
                raise SubmissionRejected(f"Two of the files are named {name}.")
            files[name] = text
        submission = projects.project_submission_create(
            user=request.user,
            unit_item=item,
            files=files,
            repository_url=data["repository_url"],
            commit=data["commit"],
            note=data["note"],
        )
    except SubmissionRejected as rejected:
        form.add_error(None, str(rejected))
        return _page(request, item, form, status=422)
    messages.success(
        request, f"Attempt #{submission.pk} sent: a mentor will review it in its thread below."
    )
    return redirect(item.get_project_url())
