"""Refuse a request body over its route's limit before anything reads it.

Django reads a body the first time something touches `request.POST` (the CSRF check does,
for every POST) and raises `RequestDataTooBig` past DATA_UPLOAD_MAX_MEMORY_SIZE: a bare
400 that htmx does not swap and the API answers as HTML. This middleware looks only at
Content-Length, so a 5 MB paste is refused as fast as a 5-byte one, nothing is stored, and
the answer is in the client's own terms: problem+json for the API (and for the editor's
autosave, which asks for JSON), a fragment htmx swaps into the result area (exercise.html
lets htmx swap 413 and 422), a page for a plain form post.

Each route's limit is the limit on what the learner sends (code, a file), from
submissions.limits. Code travels larger than it is: a browser sends each line break as CRLF in
a multipart body (the exercise page's forms, the editor's autosave), a urlencoded or JSON body
escapes characters (%XX). So a body may be a few times the limit before it is refused, the
refusal says the size "as sent", and the view still measures the code and says so precisely.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse

from submissions.limits import (
    MAX_DRAFT_BYTES,
    MAX_FILE_BYTES,
    MAX_TOTAL_BYTES,
    MAX_UPLOAD_BYTES,
    over_limit,
    size_text,
)

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
SLACK_BYTES = 64 * 1024  # the other form fields, multipart boundaries and headers
ENCODING_FACTOR = 3  # a form's %XX triples a byte at worst; JSON's \uXXXX about the same
CRLF_FACTOR = 2  # multipart: a text of only line breaks doubles, nothing grows more


@dataclass(frozen=True)
class RouteLimit:
    """What one route accepts: the figure a learner is told, and the body that may carry it."""

    limit: int  # bytes of code, files or upload, as the message states them
    message: str  # with {size} (the body's, as measured) and {limit}
    fragment: str = "submissions/submission_rejected.html"  # for htmx
    back: str = ""  # the page a plain form post links back to (same URL kwargs)
    as_sent: str = " as sent"  # after {size} for code, whose body is larger than the code
    text: bool = True  # code in a field; False: a file, sent as is in a multipart body

    def body_limit(self, content_type: str) -> int:
        if not self.text:
            factor = 1
        elif content_type == "multipart/form-data":
            factor = CRLF_FACTOR
        else:
            factor = ENCODING_FACTOR
        return factor * self.limit + SLACK_BYTES


ROUTES: dict[str, RouteLimit] = {
    "submissions:submit": RouteLimit(
        MAX_FILE_BYTES,
        "Your code is {size}; a source file may be at most {limit}.",
        back="submissions:exercise",
    ),
    "submissions:draft-save": RouteLimit(
        MAX_DRAFT_BYTES,
        "The draft is {size}; a draft may be at most {limit}, so it was not saved.",
        fragment="submissions/draft_rejected.html",
        back="submissions:exercise",
    ),
    "submissions:upload": RouteLimit(
        MAX_UPLOAD_BYTES,
        "The upload is {size}; an upload may be at most {limit}.",
        text=False,
        back="submissions:exercise",
    ),
    "api:submit": RouteLimit(
        MAX_TOTAL_BYTES,
        "The request body is {size}; a submission's files may add up to at most {limit}"
        f" ({size_text(MAX_FILE_BYTES)} a file).",
        as_sent="",
    ),
}


def default_limit() -> RouteLimit | None:
    """Any other route: Django's own limit on a body it reads into memory (None: no limit)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None:
        return None
    message = "The request body is {size}; this address accepts at most {limit}."
    return RouteLimit(limit, message, as_sent="", text=False)  # the body itself is the figure


class RequestLimitMiddleware:
    """Placed before anything that reads the body (CsrfViewMiddleware reads it in process_view)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.smallest = min(route.body_limit("multipart/form-data") for route in ROUTES.values())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in BODY_METHODS:
            refused = self.refusal(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    def refusal(self, request: HttpRequest) -> HttpResponse | None:
        raw = request.META.get("CONTENT_LENGTH") or ""
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if not raw:
            if chunked:  # WSGI gives Django no length: it would read the body as empty
                return respond(
                    request,
                    411,
                    "Length required",
                    "Send the body with a Content-Length; a chunked body is not accepted.",
                    None,
                )
            return None
        if not raw.isdigit():
            return respond(
                request,
                400,
                "Bad Content-Length",
                f"Content-Length {raw[:40]!r} is not a number.",
                None,
            )
        size = int(raw)
        if size <= self.smallest:
            return None  # the common case answers without resolving the URL
        name, kwargs = route_of(request)
        route = ROUTES.get(name) or self.other_route(request)
        if route is None:
            return None
        if size <= route.body_limit(request.content_type or ""):
            return None
        shown, allowed = over_limit(size, route.limit)
        detail = route.message.format(
            size=shown + (route.as_sent if route.text else ""), limit=allowed
        )
        return respond(request, 413, "Too large", detail, route, kwargs)

    @staticmethod
    def other_route(request: HttpRequest) -> RouteLimit | None:
        # Django streams multipart files to disk and limits only their other fields.
        if request.content_type == "multipart/form-data":
            return None
        return default_limit()


def route_of(request: HttpRequest) -> tuple[str, dict]:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return "", {}
    return match.view_name, match.kwargs


def respond(
    request: HttpRequest,
    status: int,
    title: str,
    detail: str,
    route: RouteLimit | None,
    kwargs: dict | None = None,
) -> HttpResponse:
    """The refusal in the terms of the client that sent it; the body is never read."""
    if request.path_info.startswith("/api/") or "json" in request.headers.get("Accept", ""):
        problem = {"type": "about:blank", "title": title, "status": status, "detail": detail}
        response: HttpResponse = JsonResponse(
            problem, status=status, content_type="application/problem+json"
        )
    elif request.headers.get("HX-Request") == "true":
        fragment = route.fragment if route else "submissions/submission_rejected.html"
        response = render(request, fragment, {"message": detail, "oob": True}, status=status)
    else:
        back = reverse(route.back, kwargs=kwargs) if route and route.back else ""
        context = {"title": title, "message": detail, "back": back}
        response = render(request, "request_refused.html", context, status=status)
    return response
