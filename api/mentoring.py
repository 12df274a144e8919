"""Review threads, the mentor's queue and actions (claim, release, line comments, verdicts),
replies, cohorts and gradebooks. Access as on the pages: `mentoring.access` for every object,
mentors only (403) for the queue and the actions, a 404 for a thread one may not see."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import slugify
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role
from api.learning import PathProgressOut
from api.permissions import IsMentor, IsPlatformAdmin
from api.problems import Conflict, Rejected
from api.query import query_params
from api.renderers import CsvRenderer
from api.schema import errors
from curriculum.models import Exercise, Path
from learning.models import Enrollment
from mentoring import cohorts, gradebook
from mentoring import reviews as mr
from mentoring.access import (
    get_cohort_for_user,
    get_request_for_mentor,
    get_request_for_user,
    visible_cohorts,
    visible_requests,
)
from mentoring.models import Cohort, CommentBankEntry, LineComment, Review, ReviewRequest

TAG = ["reviews"]


class RequestSummary(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    learner = serializers.CharField(source="learner.username")
    exercise = serializers.CharField(source="submission.exercise.slug")
    submission = serializers.IntegerField(source="submission_id")
    question = serializers.CharField()
    status = serializers.ChoiceField(ReviewRequest.Status.choices)
    created_at = serializers.DateTimeField()
    api_url = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="The thread's page.")

    def get_api_url(self, request) -> str:
        return reverse("api:review", args=[request.pk])

    def get_url(self, request) -> str:
        return mr.request_url(request)


class QueueRow(RequestSummary):
    waiting_seconds = serializers.SerializerMethodField()

    def get_waiting_seconds(self, request) -> float:
        return round(request.waiting.total_seconds(), 1)


class ThreadRow(RequestSummary):
    has_new_attempt = serializers.BooleanField(
        help_text="The learner resubmitted after you requested changes."
    )


class QueueFilters(serializers.Serializer):
    path = serializers.SlugField(required=False)
    exercise = serializers.SlugField(required=False)
    cohort = serializers.IntegerField(required=False, min_value=1)


class RequestFilters(serializers.Serializer):
    status = serializers.ChoiceField(ReviewRequest.Status.choices, required=False)


@extend_schema(tags=TAG)
class ReviewListApi(generics.ListAPIView):
    """The threads you may open: your own requests; for mentors also their cohorts' and the
    open queue's."""

    serializer_class = RequestSummary
    query_serializer = RequestFilters

    @extend_schema(summary="List the review threads you may open", parameters=[RequestFilters])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        data = query_params(RequestFilters, self.request)
        rows = visible_requests(self.request.user).select_related("learner", "submission__exercise")
        if "status" in data:
            rows = rows.filter(status=data["status"])
        return rows.order_by("-created_at", "-pk")


@extend_schema(tags=TAG)
class MentorQueueApi(generics.ListAPIView):
    permission_classes = [IsMentor]
    serializer_class = QueueRow
    query_serializer = QueueFilters

    @extend_schema(
        summary="List the review queue (oldest first), filtered like the queue page",
        parameters=[QueueFilters],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        data = query_params(QueueFilters, self.request)
        filters = {}
        if "path" in data:
            filters["path"] = get_object_or_404(Path.objects.live(), slug=data["path"])
        if "exercise" in data:
            filters["exercise"] = get_object_or_404(
                Exercise, slug=data["exercise"], is_archived=False
            )
        if "cohort" in data:
            filters["cohort"] = get_cohort_for_user(self.request.user, data["cohort"])
        return mr.review_queue(self.request.user, **filters)


@extend_schema(tags=TAG)
class MentorThreadsApi(generics.ListAPIView):
    permission_classes = [IsMentor]
    serializer_class = ThreadRow

    @extend_schema(summary="List the threads you claimed and have not finished")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return mr.my_threads(self.request.user)


class CommentOut(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    author = serializers.CharField(source="author.username")
    submission = serializers.IntegerField(source="submission_id")
    file = serializers.CharField()
    line = serializers.IntegerField()
    body_markdown = serializers.CharField()
    parent = serializers.IntegerField(  # type: ignore[assignment]  # a field, not Field.parent
        source="parent_id", allow_null=True
    )
    created_at = serializers.DateTimeField()


class ReviewOut(serializers.Serializer):
    mentor = serializers.CharField(source="mentor.username")
    claimed_at = serializers.DateTimeField()
    claim_expires_at = serializers.DateTimeField(allow_null=True)
    verdict = serializers.ChoiceField(Review.Verdict.choices, allow_blank=True)
    summary = serializers.CharField()
    rubric_scores = serializers.DictField(child=serializers.IntegerField())
    reviewed_submission = serializers.IntegerField(source="reviewed_submission_id", allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)


class Criterion(serializers.Serializer):
    criterion = serializers.CharField()
    max = serializers.IntegerField()


class Milestone(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class ThreadOut(RequestSummary):
    attempts = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="The reviewed attempt and the learner's later ones at the exercise, in order.",
    )
    review = ReviewOut(allow_null=True, help_text="Null until a mentor claims the request.")
    comments = CommentOut(many=True, help_text="Line comments and replies, oldest first.")
    can_claim = serializers.BooleanField()
    holds_claim = serializers.BooleanField(help_text="You may comment and give the verdict.")
    rubric = Criterion(many=True, help_text="Criteria to score, for projects.")
    milestones = Milestone(many=True, help_text="Project milestones an approval can sign off.")


def thread_data(user, request: ReviewRequest) -> dict:
    review = Review.objects.filter(request=request).select_related("mentor").first()
    return {
        **RequestSummary(request).data,
        "attempts": list(mr.thread_attempts(request).values_list("pk", flat=True)),
        "review": ReviewOut(review).data if review else None,
        "comments": CommentOut(
            LineComment.objects.filter(request=request).select_related("author"), many=True
        ).data,
        "can_claim": user.is_mentor and mr.claimable_requests(user).filter(pk=request.pk).exists(),
        "holds_claim": bool(
            review and review.mentor_id == user.pk and request.status != ReviewRequest.Status.CLOSED
        ),
        "rubric": [
            {"criterion": c, "max": top} for c, top in mr.submission_rubric(request.submission)
        ],
        "milestones": [
            {"id": m.pk, "title": m.title} for m in mr.submission_milestones(request.submission)
        ],
    }


@extend_schema(tags=TAG)
class ReviewThreadApi(APIView):
    @extend_schema(summary="Read a review thread", responses=ThreadOut)
    def get(self, request, pk: int):
        return Response(thread_data(request.user, get_request_for_user(request.user, pk)))


@extend_schema(tags=TAG)
class ReviewClaimApi(APIView):
    permission_classes = [IsMentor]

    @extend_schema(
        summary="Claim a review (for REVIEW_CLAIM_MINUTES, until your verdict)",
        request=None,
        responses={
            200: ThreadOut,
            **errors(e409="Another mentor holds the claim, or the thread is closed."),
        },
    )
    def post(self, request, pk: int):
        review_request = get_request_for_mentor(request.user, pk)
        try:
            mr.review_claim(mentor=request.user, request=review_request)
        except mr.ReviewRefused as refused:
            raise Conflict(str(refused)) from None
        return Response(thread_data(request.user, get_request_for_user(request.user, pk)))


@extend_schema(tags=TAG)
class ReviewReleaseApi(APIView):
    permission_classes = [IsMentor]

    @extend_schema(
        summary="Release your claim: the request goes back to the queue",
        request=None,
        responses={
            204: OpenApiResponse(description="Released."),
            **errors(e409="You do not hold this claim, or already gave a verdict."),
        },
    )
    def post(self, request, pk: int):
        review_request = get_request_for_mentor(request.user, pk)
        try:
            mr.review_release(mentor=request.user, request=review_request)
        except mr.ReviewRefused as refused:
            raise Conflict(str(refused)) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommentIn(serializers.Serializer):
    submission = serializers.IntegerField(min_value=1, help_text="An attempt of the thread.")
    file = serializers.CharField(max_length=200)
    line = serializers.IntegerField(min_value=1)
    body = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    bank_entry = serializers.IntegerField(
        required=False, min_value=1, help_text="Reuse a comment-bank entry of the exercise."
    )


@extend_schema(tags=TAG)
class ReviewCommentApi(APIView):
    permission_classes = [IsMentor]

    @extend_schema(
        summary="Comment on a line of an attempt (you must hold the claim)",
        request=CommentIn,
        responses={201: CommentOut},
    )
    def post(self, request, pk: int):
        review_request = get_request_for_mentor(request.user, pk)
        payload = CommentIn(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        submission = get_object_or_404(mr.thread_attempts(review_request), pk=data["submission"])
        bank_entry = None
        if "bank_entry" in data:
            bank_entry = get_object_or_404(
                CommentBankEntry, pk=data["bank_entry"], exercise=submission.exercise
            )
        try:
            made = mr.line_comment_add(
                author=request.user,
                request=review_request,
                submission=submission,
                file=data["file"],
                line=data["line"],
                body=data.get("body", ""),
                bank_entry=bank_entry,
            )
        except mr.ReviewRefused as refused:
            raise Rejected(str(refused)) from None
        return Response(
            CommentOut(made).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:review", args=[review_request.pk])},
        )


class ReplyIn(serializers.Serializer):
    body = serializers.CharField(max_length=20000)


@extend_schema(tags=TAG)
class CommentReplyApi(APIView):
    @extend_schema(
        summary="Reply in a line comment's thread (learner or mentor)",
        request=ReplyIn,
        responses={201: CommentOut},
    )
    def post(self, request, pk: int):
        parent = get_object_or_404(
            LineComment.objects.select_related("request", "submission"),
            pk=pk,
            request__in=visible_requests(request.user),
        )
        payload = ReplyIn(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            made = mr.comment_reply(
                author=request.user, parent=parent, body=payload.validated_data["body"]
            )
        except mr.ReviewRefused as refused:
            raise Rejected(str(refused)) from None
        return Response(
            CommentOut(made).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:review", args=[parent.request_id])},
        )


class VerdictIn(serializers.Serializer):
    submission = serializers.IntegerField(min_value=1, help_text="The attempt judged.")
    verdict = serializers.ChoiceField(Review.Verdict.choices)
    summary = serializers.CharField(max_length=20000)
    rubric_scores = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=100),
        required=False,
        help_text="Criterion → score, within the thread's `rubric`.",
    )
    unit_item = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="A project milestone (from `milestones`) to sign off.",
    )


@extend_schema(tags=TAG)
class ReviewVerdictApi(APIView):
    permission_classes = [IsMentor]

    @extend_schema(
        summary="Give the verdict (approve closes the thread; changes requested keeps it yours)",
        request=VerdictIn,
        responses={200: ThreadOut},
    )
    def post(self, request, pk: int):
        review_request = get_request_for_mentor(request.user, pk)
        payload = VerdictIn(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        submission = get_object_or_404(mr.thread_attempts(review_request), pk=data["submission"])
        milestones = mr.submission_milestones(submission)
        unit_item = None
        if "unit_item" in data:
            unit_item = next((m for m in milestones if m.pk == data["unit_item"]), None)
            if unit_item is None:
                raise Rejected("That milestone does not belong to this exercise.")
        try:
            mr.review_submit(
                mentor=request.user,
                request=review_request,
                submission=submission,
                verdict=data["verdict"],
                summary=data["summary"],
                rubric_scores=data.get("rubric_scores") or {},
                unit_item=unit_item,
            )
        except mr.ReviewRefused as refused:
            raise Rejected(str(refused)) from None
        return Response(thread_data(request.user, get_request_for_user(request.user, pk)))


# --- cohorts and gradebooks -------------------------------------------------------------


class CohortOut(serializers.ModelSerializer):
    path = serializers.CharField(source="path.slug")
    mentors: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="username"
    )
    learner_count = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    gradebook_url = serializers.SerializerMethodField()

    class Meta:
        model = Cohort
        fields = [
            "id",
            "name",
            "path",
            "starts_on",
            "mentors",
            "learner_count",
            "api_url",
            "gradebook_url",
        ]

    def get_learner_count(self, cohort) -> int:
        return cohort.learners.count()

    def get_api_url(self, cohort) -> str:
        return reverse("api:cohort", args=[cohort.pk])

    def get_gradebook_url(self, cohort) -> str:
        return reverse("api:cohort-gradebook", args=[cohort.pk])


class CohortIn(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    path = serializers.SlugField()
    starts_on = serializers.DateField()
    mentors = serializers.ListField(
        child=serializers.CharField(max_length=150), required=False, help_text="Usernames."
    )

    def validate_path(self, slug):
        path = Path.objects.live().filter(slug=slug).first()
        if path is None:
            raise serializers.ValidationError("No such path.")
        return path

    def validate_mentors(self, usernames):
        found = list(
            get_user_model().objects.filter(
                username__in=usernames, role__in=[Role.MENTOR, Role.ADMIN]
            )
        )
        missing = set(usernames) - {u.username for u in found}
        if missing:
            raise serializers.ValidationError(f"Not mentors: {', '.join(sorted(missing))}.")
        return found


@extend_schema(tags=["cohorts"])
class CohortListApi(generics.ListCreateAPIView):
    """Mentors list their cohorts, admins every cohort; only admins create one."""

    serializer_class = CohortOut

    def get_permissions(self):
        return [IsPlatformAdmin()] if self.request.method == "POST" else [IsMentor()]

    @extend_schema(summary="List cohorts (yours, or all for admins)")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(summary="Create a cohort (admins)", request=CohortIn, responses={201: CohortOut})
    def post(self, request, *args, **kwargs):
        payload = CohortIn(data=request.data)
        payload.is_valid(raise_exception=True)
        cohort = cohorts.cohort_create(**payload.validated_data)
        return Response(
            CohortOut(cohort).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:cohort", args=[cohort.pk])},
        )

    def get_queryset(self):
        return (
            visible_cohorts(self.request.user)
            .select_related("path")
            .prefetch_related("mentors")
            .order_by("-starts_on", "name", "pk")
        )


class LearnerProgressOut(serializers.Serializer):
    username = serializers.CharField(source="learner.username")
    current_unit = serializers.IntegerField(allow_null=True)
    progress = PathProgressOut()


class CohortDetailOut(CohortOut):
    learners = serializers.SerializerMethodField()

    class Meta(CohortOut.Meta):
        fields = CohortOut.Meta.fields + ["learners"]

    @extend_schema_field(LearnerProgressOut(many=True))
    def get_learners(self, cohort) -> list:
        return list(LearnerProgressOut(cohorts.cohort_progress(cohort), many=True).data)


@extend_schema(tags=["cohorts"])
class CohortDetailApi(APIView):
    permission_classes = [IsMentor]

    @extend_schema(summary="Read a cohort with each learner's progress", responses=CohortDetailOut)
    def get(self, request, pk: int):
        return Response(CohortDetailOut(get_cohort_for_user(request.user, pk)).data)


class InviteIn(serializers.Serializer):
    emails = serializers.CharField(
        max_length=100_000, help_text="One per line or comma-separated; a CSV with an email column."
    )


class InviteReportOut(serializers.Serializer):
    added = serializers.ListField(child=serializers.CharField(), help_text="Accounts now in.")
    invited = serializers.ListField(child=serializers.CharField(), help_text="Sent a link.")
    skipped = serializers.ListField(child=serializers.CharField())
    invalid = serializers.ListField(child=serializers.CharField(), help_text="Row: why.")


@extend_schema(tags=["cohorts"])
class CohortInviteApi(APIView):
    permission_classes = [IsPlatformAdmin]

    @extend_schema(
        summary="Invite learners by email (admins)",
        request=InviteIn,
        responses={200: InviteReportOut},
    )
    def post(self, request, pk: int):
        cohort = get_cohort_for_user(request.user, pk)
        payload = InviteIn(data=request.data)
        payload.is_valid(raise_exception=True)
        report = cohorts.cohort_invite(
            cohort=cohort, text=payload.validated_data["emails"], invited_by=request.user
        )
        return Response(
            {
                "added": report.added,
                "invited": report.invited,
                "skipped": report.skipped,
                "invalid": [f"row {row}: {text} ({why})" for row, text, why in report.invalid],
            }
        )


CSV = {(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="learner × exercise")}


def _csv(book, filename: str) -> HttpResponse:
    response = HttpResponse(gradebook.gradebook_csv(book), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


@extend_schema(tags=["cohorts"])
class CohortGradebookApi(APIView):
    permission_classes = [IsMentor]
    renderer_classes = [CsvRenderer, JSONRenderer]

    @extend_schema(
        summary="Download a cohort's gradebook as CSV",
        responses=CSV,
        operation_id="cohorts_gradebook_csv",
    )
    def get(self, request, pk: int):
        cohort = get_cohort_for_user(request.user, pk)
        book = gradebook.gradebook(cohort.path, cohort.learners.order_by("username"))
        return _csv(book, f"gradebook-{slugify(cohort.name)}")


@extend_schema(tags=["cohorts"])
class PathGradebookApi(APIView):
    permission_classes = [IsPlatformAdmin]
    renderer_classes = [CsvRenderer, JSONRenderer]

    @extend_schema(
        summary="Download the gradebook of every learner enrolled in a path (admins)",
        responses=CSV,
        operation_id="paths_gradebook_csv",
    )
    def get(self, request, slug: str):
        path = get_object_or_404(Path, slug=slug)
        learners = [
            e.user
            for e in Enrollment.objects.filter(path=path)
            .select_related("user")
            .order_by("user__username")
        ]
        return _csv(gradebook.gradebook(path, learners), f"gradebook-{path.slug}")
