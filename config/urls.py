"""Root URLs: each app mounts its own, under its own namespace."""

from django.contrib import admin
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path


def healthz(request):
    """For load balancers and the benches: middleware, routing and a response, no query."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    """Browsers ask for /favicon.ico whatever a page's <link rel=icon> says; whitenoise serves the SVG."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("api/v1/", include("api.urls")),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("curriculum.urls")),
    path("", include("submissions.urls")),
    path("", include("learning.urls")),
    path("", include("mentoring.urls")),
    path("", include("notifications.urls")),
]

# The site's own error pages; config/errors.py also shows them to learners while DEBUG is on.
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
