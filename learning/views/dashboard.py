"""The learner's dashboard: enrolled paths, next items, recent attempts, streak, heatmap."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from curriculum.page_cache import cached_page
from learning.dashboard import dashboard_for


@login_required
@require_GET
@cached_page
def dashboard(request):
    return render(request, "learning/dashboard.html", {"dash": dashboard_for(request.user)})
