"""Analytics for admins: pass rates, failed checks, drop-off, review waits, grading health."""

from datetime import timedelta

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.decorators import admin_required
from curriculum.models import Path
from mentoring import analytics
from submissions.phases import recent_phase_stats


@admin_required
@require_GET
def dashboard(request):
    paths = list(Path.objects.filter(is_archived=False).order_by("title"))
    chosen = next((p for p in paths if p.slug == request.GET.get("path")), None)
    chosen = chosen or analytics.busiest_path(paths)
    stats = analytics.exercise_stats()
    enrolled, funnel = analytics.drop_off(chosen) if chosen else (0, [])
    context = {
        "stats": stats,
        "pass_chart": analytics.pass_rate_chart(stats),
        "paths": paths,
        "chosen": chosen,
        "enrolled": enrolled,
        "funnel_chart": analytics.drop_off_chart(chosen, enrolled, funnel) if chosen else None,
        "queue": analytics.review_queue_health(),
        "grading": analytics.grading_health(),
        "phases": [
            ("last hour", recent_phase_stats(timedelta(hours=1))),
            ("last day", recent_phase_stats(timedelta(days=1))),
        ],
    }
    return render(request, "mentoring/staff/analytics.html", context)
