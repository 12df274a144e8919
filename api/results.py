"""An attempt's result in our format, and converted to Exercism v3 and Gradescope results.json.

The converters are the judge's own (`worker.judge.formats`: plain functions, no Django, as
a contract keeps them); this is the one place the API reaches into `worker`, an exception
the layers contract lists.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from api.problems import Conflict
from api.schema import errors
from submissions.access import get_submission_for_user
from submissions.models import Status, Submission
from worker.judge.formats import to_exercism, to_gradescope

TAG = ["results"]
OVERALL: dict[str, str] = {Status.PASSED: "pass", Status.FAILED: "fail"}
NOT_GRADED = errors(
    e404="No such attempt of yours, or a project attempt (a mentor reviews it; nothing is graded).",
    e409="The attempt is still queued or running: poll its status first.",
)


def result_document(submission: Submission) -> dict:
    """The stored document, completed from the row where it lacks a field (a rejected upload
    or a timeout has a message but no checks)."""
    if submission.exercise is None:
        raise NotFound(
            "A project attempt has no grading result: a mentor reviews it, and the verdict is "
            "in its review thread."
        )
    if not submission.is_terminal:
        raise Conflict("The attempt is not graded yet; poll its status until it is terminal.")
    document = dict(submission.result or {})
    document.setdefault("status", OVERALL.get(submission.status, "error"))
    document.setdefault("score", submission.score or 0.0)
    document.setdefault("checks", [])
    document.setdefault("message", submission.message)
    return document


Check = inline_serializer(
    "ResultCheck",
    {
        "id": serializers.CharField(),
        "name": serializers.CharField(),
        "kind": serializers.CharField(required=False),
        "status": serializers.ChoiceField(["pass", "fail", "error", "skipped"]),
        "score": serializers.FloatField(),
        "max_score": serializers.FloatField(),
        "message": serializers.CharField(required=False),
        "hint": serializers.CharField(required=False),
    },
)

OurResult = inline_serializer(
    "Result",
    {
        "status": serializers.ChoiceField(["pass", "fail", "error"]),
        "score": serializers.FloatField(help_text="0 to 1."),
        "message": serializers.CharField(),
        "checks": serializers.ListField(child=Check),
        "metrics": serializers.DictField(required=False),
        "curves": serializers.DictField(required=False),
        "stdout": serializers.CharField(required=False),
        "stderr": serializers.CharField(required=False),
        "resources": serializers.DictField(required=False),
        "exit_reason": serializers.CharField(required=False),
        "provenance": serializers.DictField(required=False),
    },
)

ExercismResult = inline_serializer(
    "ExercismResult",
    {
        "version": serializers.IntegerField(),
        "status": serializers.ChoiceField(["pass", "fail", "error"]),
        "message": serializers.CharField(required=False),
        "tests": serializers.ListField(
            child=inline_serializer(
                "ExercismTest",
                {
                    "name": serializers.CharField(),
                    "status": serializers.ChoiceField(["pass", "fail", "error"]),
                    "message": serializers.CharField(required=False),
                    "output": serializers.CharField(required=False),
                },
            )
        ),
    },
)

GradescopeResult = inline_serializer(
    "GradescopeResult",
    {
        "score": serializers.FloatField(),
        "max_score": serializers.FloatField(),
        "execution_time": serializers.FloatField(),
        "output": serializers.CharField(),
        "stdout_visibility": serializers.CharField(),
        "visibility": serializers.CharField(),
        "tests": serializers.ListField(
            child=inline_serializer(
                "GradescopeTest",
                {
                    "number": serializers.CharField(),
                    "name": serializers.CharField(),
                    "score": serializers.FloatField(),
                    "max_score": serializers.FloatField(),
                    "status": serializers.ChoiceField(["passed", "failed"]),
                    "output": serializers.CharField(),
                    "visibility": serializers.CharField(),
                },
            )
        ),
        "extra_data": serializers.DictField(),
    },
)


@extend_schema(tags=TAG)
class ResultApi(APIView):
    @extend_schema(
        summary="Read an attempt's result document (our format)",
        responses={200: OurResult, **NOT_GRADED},
    )
    def get(self, request, pk: int):
        return Response(result_document(get_submission_for_user(request.user, pk)))


@extend_schema(tags=TAG)
class ExercismResultApi(APIView):
    @extend_schema(
        summary="Read an attempt's result as Exercism's results.json (version 3)",
        responses={200: ExercismResult, **NOT_GRADED},
    )
    def get(self, request, pk: int):
        return Response(to_exercism(result_document(get_submission_for_user(request.user, pk))))


@extend_schema(tags=TAG)
class GradescopeResultApi(APIView):
    @extend_schema(
        summary="Read an attempt's result as Gradescope's results.json (in the exercise's points)",
        responses={200: GradescopeResult, **NOT_GRADED},
    )
    def get(self, request, pk: int):
        submission = get_submission_for_user(request.user, pk)
        document = to_gradescope(
            result_document(submission), points=submission.graded_exercise.points
        )
        return Response(document)
