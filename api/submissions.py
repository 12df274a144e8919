"""Drafts, submitting (JSON or an uploaded .py/.zip/.ipynb), one's attempts, an attempt with its
result, its cheap-to-poll status, and asking a mentor to review it.

The same access helpers as the pages: `get_submission_for_user` (the owner, or whoever
`submissions.view_submission` admits) and `get_own_submission` for the learner's actions.
"""

from __future__ import annotations

import hashlib

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.problems import Rejected
from api.query import query_params
from curriculum.models import Exercise
from curriculum.selectors import get_live_exercise
from mentoring import reviews
from submissions import drafts, services
from submissions.access import get_own_submission, get_submission_for_user
from submissions.limits import MAX_UPLOAD_BYTES
from submissions.models import Status, Submission

TAG = ["submissions"]


class SubmissionSummary(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    exercise = serializers.CharField(source="exercise.slug")
    status = serializers.ChoiceField(Status.choices)
    is_terminal = serializers.BooleanField(
        help_text="False while queued or running, and while a platform error waits for a retry."
    )
    score = serializers.FloatField(allow_null=True, help_text="0 to 1, once graded.")
    message = serializers.CharField(help_text="Why it ended the way it did, for the learner.")
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField(source="get_absolute_url", help_text="The result page.")
    api_url = serializers.SerializerMethodField()
    status_url = serializers.SerializerMethodField()

    def get_api_url(self, submission) -> str:
        return reverse("api:submission", args=[submission.pk])

    def get_status_url(self, submission) -> str:
        return reverse("api:submission-status", args=[submission.pk])


class SubmissionDetail(SubmissionSummary):
    user = serializers.CharField(source="user.username")
    seed = serializers.IntegerField()
    files = serializers.DictField(child=serializers.CharField(), help_text="File name → source.")
    result = serializers.JSONField(
        allow_null=True,
        help_text="The result document (checks, metrics, curves, resources, provenance; "
        "docs/architecture.md), or null until graded. Also at `.../result/`.",
    )


class SubmissionFilters(serializers.Serializer):
    exercise = serializers.SlugField(required=False, help_text="Only attempts at this exercise.")
    status = serializers.ChoiceField(Status.choices, required=False)


@extend_schema(tags=TAG)
class SubmissionListApi(generics.ListAPIView):
    """The learner's own attempts, newest first (mentors read others' through review threads)."""

    serializer_class = SubmissionSummary
    query_serializer = SubmissionFilters

    @extend_schema(summary="List your attempts", parameters=[SubmissionFilters])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        data = query_params(SubmissionFilters, self.request)
        attempts = Submission.objects.for_user(self.request.user).select_related("exercise")
        if "exercise" in data:
            attempts = attempts.filter(exercise__slug=data["exercise"])
        if "status" in data:
            attempts = attempts.filter(status=data["status"])
        return attempts.order_by("-created_at", "-pk")


class CodeInput(serializers.Serializer):
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="The entry-point file's text (see the exercise's `entrypoint`).",
    )
    files = serializers.DictField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False),
        required=False,
        help_text="File name → text, for several files.",
    )

    def validate(self, data):
        if "files" not in data and "code" not in data:
            raise serializers.ValidationError("Send `code` (the entry-point file) or `files`.")
        return data


class UploadInput(serializers.Serializer):
    file = serializers.FileField(
        help_text=f"A .py, .zip or .ipynb, at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
    )


class SubmissionsThrottled(exceptions.Throttled):
    """Over the submission limits: 429 `throttled` with Retry-After, like the API's throttles,
    and the service's message as it is (DRF's would add its own "Expected available in")."""

    def __init__(self, detail: str, *, wait: int):
        exceptions.APIException.__init__(self, detail)
        self.wait = wait


@extend_schema(tags=TAG)
class SubmissionCreateApi(APIView):
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        summary="Submit an attempt for grading",
        description="JSON `{code}` or `{files}`, or a multipart upload `file` (.py, .zip, "
        ".ipynb, parsed as on the page). The row is written first (status `queued`) and "
        "grading starts after the commit; poll `status_url`.",
        request={"application/json": CodeInput, "multipart/form-data": UploadInput},
        responses={201: SubmissionDetail},
    )
    def post(self, request, slug: str):
        exercise = get_live_exercise(slug)
        try:
            submission = _create(request, exercise)
        except services.SubmissionThrottled as throttled:
            raise SubmissionsThrottled(str(throttled), wait=throttled.retry_after) from None
        except services.SubmissionRejected as rejected:
            raise Rejected(str(rejected)) from None
        headers = {"Location": reverse("api:submission", args=[submission.pk])}
        return Response(
            SubmissionDetail(submission).data, status=status.HTTP_201_CREATED, headers=headers
        )


def _create(request, exercise: Exercise) -> Submission:
    if request.content_type.startswith("multipart/"):
        upload_input = UploadInput(data=request.data)
        upload_input.is_valid(raise_exception=True)
        upload = upload_input.validated_data["file"]
        return services.submission_upload(
            user=request.user,
            exercise=exercise,
            filename=upload.name,
            data=upload.read(MAX_UPLOAD_BYTES + 1),  # never read more than a byte past the limit
            size=upload.size,
        )
    payload = CodeInput(data=request.data)
    payload.is_valid(raise_exception=True)
    files = payload.validated_data.get("files") or {
        exercise.entrypoint: payload.validated_data.get("code", "")
    }
    return services.submission_create(user=request.user, exercise=exercise, files=files)


@extend_schema(tags=TAG)
class SubmissionDetailApi(APIView):
    @extend_schema(summary="Read an attempt with its files and result", responses=SubmissionDetail)
    def get(self, request, pk: int):
        return Response(SubmissionDetail(get_submission_for_user(request.user, pk)).data)


class SubmissionStatus(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    status = serializers.ChoiceField(Status.choices)
    is_terminal = serializers.BooleanField()
    score = serializers.FloatField(allow_null=True)
    message = serializers.CharField()
    finished_at = serializers.DateTimeField(allow_null=True)


def status_etag(submission: Submission) -> str:
    """Changes whenever what the status shows changes (and when a retry is scheduled)."""
    parts = [
        submission.pk,
        submission.status,
        submission.score,
        submission.message,
        submission.finished_at and submission.finished_at.isoformat(),
        submission.retry_at and submission.retry_at.isoformat(),
        submission.attempts,
    ]
    return '"' + hashlib.sha256(repr(parts).encode()).hexdigest()[:32] + '"'


def _matches(header: str, etag: str) -> bool:
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or etag in tags


@extend_schema(tags=TAG)
class SubmissionStatusApi(APIView):
    """What a client polls while grading runs: small, and 304 while nothing changed."""

    @extend_schema(
        summary="Poll an attempt's status (send If-None-Match for a 304)",
        parameters=[
            OpenApiParameter(
                "If-None-Match",
                str,
                OpenApiParameter.HEADER,
                required=False,
                description="The ETag of the last answer: 304 while it still holds.",
            )
        ],
        responses={
            200: OpenApiResponse(SubmissionStatus, description="The status, with an `ETag`."),
            304: OpenApiResponse(description="Not modified since the ETag you sent."),
        },
    )
    def get(self, request, pk: int):
        submission = get_submission_for_user(request.user, pk)
        etag = status_etag(submission)
        headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
        if _matches(request.headers.get("If-None-Match", ""), etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        return Response(SubmissionStatus(submission).data, headers=headers)


class DraftOut(serializers.Serializer):
    code = serializers.CharField(help_text="What the editor opens with.")
    source = serializers.ChoiceField(  # type: ignore[assignment]  # a field, not Field.source
        ["draft", "attempt", "starter"],
        help_text="The saved draft, else the latest attempt's code, else the starter.",
    )
    updated_at = serializers.DateTimeField(allow_null=True, help_text="When the draft was saved.")


class DraftIn(serializers.Serializer):
    code = serializers.CharField(allow_blank=True, trim_whitespace=False)


@extend_schema(tags=TAG)
class DraftApi(APIView):
    """The editor's draft, shared with the page: saved here, it opens in the browser."""

    @extend_schema(summary="Read the code the editor would open with", responses=DraftOut)
    def get(self, request, slug: str):
        exercise = get_live_exercise(slug)
        latest = exercise.submissions.for_user(request.user).first()
        code, source = drafts.editor_code(request.user, exercise, latest)
        draft = exercise.drafts.filter(user=request.user).first() if source == "draft" else None
        return Response(
            DraftOut(
                {"code": code, "source": source, "updated_at": draft and draft.updated_at}
            ).data
        )

    @extend_schema(summary="Save the draft", request=DraftIn, responses=DraftOut)
    def put(self, request, slug: str):
        exercise = get_live_exercise(slug)
        payload = DraftIn(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            draft = drafts.draft_save(
                user=request.user, exercise=exercise, code=payload.validated_data["code"]
            )
        except drafts.DraftRejected as rejected:
            raise Rejected(str(rejected)) from None
        return Response(
            DraftOut({"code": draft.code, "source": "draft", "updated_at": draft.updated_at}).data
        )


class ReviewRequestIn(serializers.Serializer):
    question = serializers.CharField(max_length=2000, help_text="What the mentor should look at.")


class ReviewRequestOut(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    submission = serializers.IntegerField(source="submission_id")
    question = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    api_url = serializers.SerializerMethodField()

    def get_api_url(self, request) -> str:
        return reverse("api:review", args=[request.pk])


@extend_schema(tags=["reviews"])
class ReviewRequestCreateApi(APIView):
    @extend_schema(
        summary="Ask a mentor to review your attempt",
        description="One pending request per attempt: asking again while one is open "
        "updates its question (200).",
        request=ReviewRequestIn,
        responses={201: ReviewRequestOut, 200: ReviewRequestOut},
    )
    def post(self, request, pk: int):
        submission = get_own_submission(request.user, pk)
        payload = ReviewRequestIn(data=request.data)
        payload.is_valid(raise_exception=True)
        is_new = reviews.open_request(submission) is None
        try:
            made = reviews.review_request_create(
                learner=request.user,
                submission=submission,
                question=payload.validated_data["question"],
            )
        except reviews.ReviewRefused as refused:
            raise Rejected(str(refused)) from None
        return Response(
            ReviewRequestOut(made).data,
            status=status.HTTP_201_CREATED if is_new else status.HTTP_200_OK,
            headers={"Location": reverse("api:review", args=[made.pk])},
        )
