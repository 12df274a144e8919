"""The learner's dashboard: enrolled paths, next items, recent attempts, streak, heatmap."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from learning.dashboard import dashboard_for


@login_required
@require_GET
def dashboard(request):
    return render(request, "learning/dashboard.html", {"dash": dashboard_for(request.user)})
