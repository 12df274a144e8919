"""A learner downloads their own progress and attempts (CSV per kind, or one JSON)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from learning import export as service


def _download(body: str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def export_csv(request, kind: str):
    if kind not in service.KINDS:
        raise Http404("Export progress or attempts.")
    stamp = timezone.localdate().isoformat()
    return _download(
        service.export_csv(request.user, kind),
        "text/csv; charset=utf-8",
        f"backprop-{kind}-{stamp}.csv",
    )


@login_required
@require_GET
def export_json(request):
    stamp = timezone.localdate().isoformat()
    return _download(
        service.export_json(request.user),
        "application/json",
        f"backprop-progress-{stamp}.json",
    )
