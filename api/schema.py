"""The OpenAPI schema's shared parts: every operation documents its error responses.

`ApiSchema` (DRF's DEFAULT_SCHEMA_CLASS) adds the errors any operation can answer, as
`application/problem+json`, to what each view declares with `extend_schema`: 401 (a missing,
wrong or revoked token), 403, 404, 429 for all; 400, 413, 415 and 422 where a body is sent.
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import AllowAny

from api.problems import PROBLEM, Problem

COMMON_ERRORS = {
    401: "Not authenticated: no token, or a wrong or revoked one (`WWW-Authenticate: Token`).",
    404: "No such object, or one you may not see (strangers never learn it exists), "
    "or a page past the last.",
    429: "Too many requests: wait the `Retry-After` seconds.",
}
FORBIDDEN = "Your role may not do this (or, with a session, the CSRF token is missing)."
BODY_ERRORS = {
    400: "The body is not valid JSON or form data.",
    413: "The body is larger than the API accepts.",
    415: "The body's Content-Type is not one this operation reads.",
    422: "The input is invalid (`errors` lists each field) or was refused; nothing was stored.",
}
QUERY_ERRORS = {422: "A query parameter is invalid (`errors` lists each one)."}


def problem(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=Problem, description=description)


def errors(**by_code: str) -> dict:
    """`extend_schema(responses={..., **errors(e409="...")})`: problem responses by status."""
    return {(int(code.lstrip("e")), PROBLEM): problem(text) for code, text in by_code.items()}


class ApiSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        # Not get_response_serializers: @extend_schema(responses=...) replaces that method.
        responses = super()._get_response_bodies(direction)
        for code, text in self._error_codes().items():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    problem(text), str(code), [PROBLEM], direction
                )
        return responses

    def _error_codes(self) -> dict[int, str]:
        codes = dict(COMMON_ERRORS)
        public = all(isinstance(p, AllowAny) for p in self.view.get_permissions())
        if not public or self.method not in ("GET", "HEAD", "OPTIONS"):
            codes[403] = FORBIDDEN
        if self.method in ("POST", "PUT", "PATCH"):
            codes.update(BODY_ERRORS)
        elif getattr(self.view, "query_serializer", None) or self._is_list_view():
            codes.update(QUERY_ERRORS)
        return dict(sorted(codes.items()))
