"""One error shape for the whole API: RFC 9457 problem details (`application/problem+json`).

DRF's exception handler runs first (it sets `WWW-Authenticate` on 401 and `Retry-After` on
429); its body is then rewritten as a problem. Validation errors answer 422 with every field's
messages under `errors`, flattened to dotted names (`files.solution.py`). A service's refusal
(`SubmissionRejected`, `ReviewRefused`...) is raised as `Rejected` (422) or `Conflict` (409)
with the service's message, which is written for the learner, as `detail`.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM = "application/problem+json"
log = logging.getLogger("django.request")


class Rejected(exceptions.APIException):
    """Input a service refused with a message for the learner; nothing was stored."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "The request cannot be carried out."
    default_code = "rejected"


class Conflict(exceptions.APIException):
    """The action does not fit the object's current state (a claimed review, a pending grade)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


class Problem(serializers.Serializer):
    """The body of every error response."""

    type = serializers.CharField(help_text="`about:blank`: the status code says it all.")
    title = serializers.CharField(help_text="The HTTP status phrase, e.g. `Not Found`.")
    status = serializers.IntegerField(help_text="The HTTP status code, repeated.")
    detail = serializers.CharField(help_text="What went wrong, in a sentence a person can act on.")
    code = serializers.CharField(
        required=False,
        help_text="A stable machine-readable reason: `not_authenticated`, `not_found`, "
        "`invalid` (validation), `rejected`, `conflict`, `throttled`, `parse_error`...",
    )
    instance = serializers.CharField(required=False, help_text="The path of the request.")
    # A field named like Serializer.errors: the metaclass takes it off the class, so it is safe.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Validation only: field name (dotted for nested fields) → messages.",
    )


def _flatten(errors: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as `{"field.sub": ["message", ...]}`."""
    flat: dict[str, list[str]] = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for field, messages in _flatten(value, name).items():
                flat.setdefault(field, []).extend(messages)
    elif isinstance(errors, list):
        for index, value in enumerate(errors):
            nested = isinstance(value, dict | list)
            name = f"{prefix}.{index}" if nested and prefix else prefix
            for field, messages in _flatten(value, name).items():
                flat.setdefault(field, []).extend(messages)
    else:
        flat.setdefault(prefix or "non_field_errors", []).append(str(errors))
    return flat


def _first_code(detail: Any) -> str:
    if isinstance(detail, dict):
        return next((_first_code(v) for v in detail.values()), "invalid")
    if isinstance(detail, list):
        return next((_first_code(v) for v in detail), "invalid")
    return getattr(detail, "code", None) or "invalid"


def problem_response(
    status_code: int, detail: str, *, code: str, instance: str = "", **extra
) -> Response:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
        "code": code,
        "instance": instance,
        **extra,
    }
    return Response(body, status=status_code, content_type=PROBLEM)


def problem_exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every error, ours or DRF's, as a problem document."""
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:  # a bug of ours: log it like Django would, answer in the same shape
        log.error("Internal Server Error: %s", instance, exc_info=exc)
        return problem_response(
            500, "Something went wrong on our side; it has been logged.", code="server_error"
        )
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        first_field, first_messages = next(iter(errors.items()))
        detail = (
            first_messages[0]
            if first_field == "non_field_errors"
            else (f"{first_field}: {first_messages[0]}")
        )
        problem = problem_response(
            422, detail, code=_first_code(exc.detail), instance=instance, errors=errors
        )
    else:
        detail = getattr(exc, "detail", "")
        problem = problem_response(
            response.status_code,
            str(detail) if not isinstance(detail, dict | list) else str(_flatten(detail)),
            code=_first_code(detail) if detail else "error",
            instance=instance,
        )
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem
