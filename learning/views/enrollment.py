"""Enrolling in a path (start date, pace, a suggested schedule) and leaving it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from curriculum.selectors import get_live_path
from learning import enrollment as service
from learning.dashboard import enrolled_path
from learning.forms import EnrollmentForm
from learning.models import Enrollment


@login_required
@require_http_methods(["GET", "POST"])
def enroll(request, slug):
    """Preview the schedule for a date and pace (GET with a query string, or POST with
    `preview`, which saves nothing); any other POST enrolls (or re-paces)."""
    path = get_live_path(slug)
    current = Enrollment.objects.filter(user=request.user, path=path).first()
    path_hours = service.path_pace(path)
    form = EnrollmentForm.for_user(
        request.user,
        current,
        data=request.POST if request.method == "POST" else request.GET or None,
        path_hours=path_hours,
    )
    previewing = "preview" in request.POST
    if request.method == "POST" and not previewing and form.is_valid():
        service.enrollment_create(user=request.user, path=path, **form.cleaned_data)
        messages.success(request, f"You are enrolled in {path.title}. Your schedule is below.")
        return redirect("learning:schedule", slug=path.slug)
    preview = enrolled_path(request.user, form.preview_enrollment(path), with_paces=True)
    return render(
        request,
        "learning/enroll.html",
        {
            "path": path,
            "form": form,
            "preview": preview,
            "current": current,
            "path_hours": path_hours,
        },
    )


@login_required
@require_http_methods(["GET"])
def schedule(request, slug):
    path = get_live_path(slug)
    enrollment = (
        Enrollment.objects.filter(user=request.user, path=path).select_related("path").first()
    )
    if enrollment is None:
        return redirect("learning:enroll", slug=slug)
    return render(
        request,
        "learning/schedule.html",
        {
            "path": path,
            "item": enrolled_path(request.user, enrollment, with_paces=True),
            "path_hours": service.path_pace(path),
        },
    )


@login_required
@require_POST
def leave(request, slug):
    path = get_live_path(slug)
    if service.enrollment_leave(user=request.user, path=path):
        messages.success(request, f"You left {path.title}. Your progress is kept if you come back.")
    return redirect("learning:dashboard")
