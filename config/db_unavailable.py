"""A styled 503 instead of a 500 while the database is away (a restart, a failover).

A lost connection raises OperationalError or InterfaceError wherever a query runs: in a view,
in a template, or after the view, when the session middleware saves the session. Django turns
each into a 500 at the layer where it happened, so no single `try` sees them all. Instead, the
`got_request_exception` signal (sent for every uncaught exception, with the exception still
being handled) marks the request, and this middleware, outermost, answers a marked request's
500 with `503.html` and a Retry-After. The page needs no database and no request context.
"""

from __future__ import annotations

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template import loader

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5
_MARK = "_backprop_database_unavailable"


@receiver(got_request_exception)
def _mark_database_errors(sender, request: HttpRequest | None = None, **kwargs) -> None:
    exception = sys.exc_info()[1]
    if request is not None and isinstance(exception, OperationalError | InterfaceError):
        setattr(request, _MARK, True)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """First in MIDDLEWARE: sees the final response of every layer below it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _MARK, False):
            log.warning("database unavailable: 503 for %s", request.path)
            return database_unavailable(request)
        return response
