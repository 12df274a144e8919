"""Analytics for admins: pass rates, failed checks, drop-off, review waits, grading health."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.decorators import admin_required
from curriculum.models import Path
from mentoring import analytics


@admin_required
@require_GET
def dashboard(request):
    paths = list(Path.objects.filter(is_archived=False).order_by("title"))
    chosen = next(
        (p for p in paths if p.slug == request.GET.get("path")), paths[0] if paths else None
    )
    stats = analytics.exercise_stats()
    pass_chart = analytics.bar_chart(
        [
            (s.exercise.title, s.pass_rate, f"{s.pass_rate:.0%} of {s.learners}")
            for s in stats
            if s.learners
        ],
        maximum=1,
    )
    enrolled, funnel = analytics.drop_off(chosen) if chosen else (0, [])
    funnel_chart = (
        analytics.bar_chart(
            [
                (f"{chosen.unit_label} {u.number}: {u.title}", u.reached, str(u.reached))
                for u in funnel
            ],
            maximum=max(enrolled, 1),
        )
        if chosen
        else None
    )
    context = {
        "stats": stats,
        "pass_chart": pass_chart,
        "paths": paths,
        "chosen": chosen,
        "enrolled": enrolled,
        "funnel_chart": funnel_chart,
        "queue": analytics.review_queue_health(),
        "grading": analytics.grading_health(),
    }
    return render(request, "mentoring/staff/analytics.html", context)
