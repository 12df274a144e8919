"""The site's own error pages (400, 403, 404, 500, CSRF failure), also while DEBUG is on.

With DEBUG=False Django calls the handlers in config/urls.py. With DEBUG=True it shows its
technical pages for a 404 and a 500 (tracebacks, settings, the URL list) to whoever asked,
which in `make demo` is a learner. `FriendlyErrorsMiddleware` answers those with our pages
when DEBUG is on and the user is not staff; staff still get Django's technical pages, which
is what a developer debugging the site wants. Tracebacks always go to the log. A 403 needs no
help: Django renders handler403 even with DEBUG on.
"""

import logging

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.core.signals import got_request_exception
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.http.multipartparser import MultiPartParserError
from django.template import loader
from django.utils.log import log_response

request_logger = logging.getLogger("django.request")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponseBadRequest(loader.render_to_string("400.html", request=request))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponseForbidden(loader.render_to_string("403.html", request=request))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    context = {"request_path": request.path}
    return HttpResponseNotFound(loader.render_to_string("404.html", context, request=request))


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request: the database or a context processor may be what failed."""
    return HttpResponseServerError(loader.render_to_string("500.html"))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: usually an expired session or a form left open in another tab."""
    context = {"reason": reason if settings.DEBUG else ""}
    return HttpResponseForbidden(loader.render_to_string("403_csrf.html", context, request=request))


def _is_staff(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)


class FriendlyErrorsMiddleware:
    """With DEBUG on, non-staff users get our 400, 404 and 500 pages instead of Django's technical ones."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            # No view ran: the URL matched no pattern, and Django answered with its URL list.
            and getattr(request, "resolver_match", None) is None
            and not _is_staff(request)
        ):
            return page_not_found(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not settings.DEBUG or _is_staff(request):
            return None
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, PermissionDenied | MultiPartParserError):
            return None  # Django renders handler403 / handler400 even with DEBUG on
        if isinstance(exception, BadRequest | SuspiciousOperation):
            if hasattr(request, "_mark_post_parse_error"):
                request._mark_post_parse_error()  # the body must not be parsed again
            response = bad_request(request, exception)
            log_response(
                "%s: %s",
                str(exception),
                request.path,
                response=response,
                request=request,
                logger=logging.getLogger(f"django.security.{exception.__class__.__name__}"),
                level="error",
                exception=exception,
            )
            return response
        got_request_exception.send(sender=None, request=request)
        response = server_error(request)
        log_response(
            "Internal Server Error: %s",
            request.path,
            response=response,
            request=request,
            exception=exception,
        )
        return response
