"""Ticking self-reported items (topics, readings, exercises without an autograder)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from curriculum.models import Unit
from learning import progress
from learning.forms import ProgressTickForm


@login_required
@require_POST
def tick(request):
    form = ProgressTickForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Unknown item.")
    try:
        progress.progress_tick(user=request.user, **form.cleaned_data)
    except ObjectDoesNotExist:
        raise Http404("No such item") from None
    except progress.ProgressRejected as rejected:
        messages.error(request, str(rejected))
    unit = _unit_of(request.POST.get("unit"))
    if request.htmx and unit:
        return render(
            request,
            "learning/unit_panel.html",
            {"up": progress.unit_progress(request.user, unit)},
        )
    return redirect(_next(request, unit))


def _unit_of(pk):
    return (
        Unit.objects.select_related("path").filter(pk=pk).first()
        if str(pk or "").isdigit()
        else None
    )


def _next(request, unit):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return unit.get_absolute_url() if unit else "learning:dashboard"
