"""Root URLs: each app mounts its own, under its own namespace."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path


def healthz(request):
    """For load balancers and the benches: middleware, routing and a response, no query."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("api/v1/", include("api.urls")),
    path("healthz", healthz, name="healthz"),
    path("", include("curriculum.urls")),
    path("", include("submissions.urls")),
    path("", include("learning.urls")),
    path("", include("mentoring.urls")),
    path("", include("notifications.urls")),
]
