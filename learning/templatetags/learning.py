"""Learner widgets any page can include without its view knowing: progress bars, the unit
checklist, "continue where you left off"."""

from django import template

from learning import progress
from learning.dashboard import continue_for
from learning.models import Enrollment

register = template.Library()


@register.inclusion_tag("learning/path_progress.html", takes_context=True)
def path_progress_bar(context, path):
    """Progress bars for a path page: both kinds, and the enroll / schedule buttons."""
    user = context["request"].user
    enrolled = user.is_authenticated and Enrollment.objects.filter(user=user, path=path).exists()
    prog = progress.path_progress(user, path) if enrolled else None
    return {
        "path": path,
        "prog": prog,
        "enrolled": enrolled,
        "user": user,
        "request": context["request"],
    }


@register.inclusion_tag("learning/unit_panel.html", takes_context=True)
def unit_progress_panel(context, unit):
    """A week page's bars and checklist (self-reported ticks, verified statuses)."""
    request = context["request"]
    up = progress.unit_progress(request.user, unit) if request.user.is_authenticated else None
    return {"up": up, "unit": unit, "request": request, "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("learning/continue.html", takes_context=True)
def continue_card(context):
    request = context["request"]
    return {"next": continue_for(request.user), "user": request.user}
