"""Autosaved editor drafts (JSON for the editor's fetch; a redirect for the no-JS button)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST

from curriculum.selectors import get_live_exercise
from submissions import drafts


@login_required
@require_POST
def draft_save(request, slug):
    exercise = get_live_exercise(slug)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        draft = drafts.draft_save(
            user=request.user, exercise=exercise, code=request.POST.get("code", "")
        )
    except drafts.DraftRejected as rejected:
        if wants_json:
            return JsonResponse({"saved": False, "message": str(rejected)}, status=422)
        if request.htmx:  # swapped into the draft line (exercise.html lets htmx swap a 422)
            return HttpResponse(str(rejected), status=422)
        messages.error(request, str(rejected))
        return redirect(exercise)
    if wants_json:
        return JsonResponse({"saved": True, "updated_at": draft.updated_at.isoformat()})
    if request.htmx:
        return HttpResponse(f"Draft saved at {localtime(draft.updated_at):%H:%M:%S}.")
    messages.success(request, "Draft saved.")
    return redirect(exercise)
