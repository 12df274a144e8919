"""Enrolling in and leaving a path, and progress: self-reported ticks and verified progress."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from api.fields import StrictBooleanField
from api.problems import Rejected
from curriculum.selectors import get_live_path
from learning import enrollment as enrollments
from learning import progress
from learning.models import Enrollment

TAG = ["learning"]


class EnrollmentOut(serializers.ModelSerializer):
    path = serializers.CharField(source="path.slug")
    path_title = serializers.CharField(source="path.title")
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Enrollment
        fields = ["path", "path_title", "started_on", "weekly_hours", "created_at", "api_url"]

    def get_api_url(self, enrollment) -> str:
        return reverse("api:enrollment", args=[enrollment.path.slug])


class EnrollmentIn(serializers.Serializer):
    started_on = serializers.DateField(required=False, help_text="Default: today.")
    weekly_hours = serializers.IntegerField(
        required=False, min_value=1, max_value=80, help_text="Default: your weekly goal."
    )


@extend_schema(tags=TAG)
class EnrollmentListApi(generics.ListAPIView):
    serializer_class = EnrollmentOut

    @extend_schema(summary="List the paths you are enrolled in")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return enrollments.enrollments_for(self.request.user).order_by("-created_at", "-pk")


@extend_schema(tags=TAG)
class EnrollmentApi(APIView):
    @extend_schema(summary="Read your enrollment in a path", responses=EnrollmentOut)
    def get(self, request, slug: str):
        path = get_live_path(slug)
        enrollment = Enrollment.objects.filter(user=request.user, path=path).first()
        if enrollment is None:
            raise NotFound("You are not enrolled in this path.")
        return Response(EnrollmentOut(enrollment).data)

    @extend_schema(
        summary="Enroll in a path (or change the start date and pace)",
        request=EnrollmentIn,
        responses={
            201: OpenApiResponse(EnrollmentOut, description="Enrolled."),
            200: OpenApiResponse(EnrollmentOut, description="Already enrolled: re-paced."),
        },
    )
    def put(self, request, slug: str):
        path = get_live_path(slug)
        payload = EnrollmentIn(data=request.data)
        payload.is_valid(raise_exception=True)
        is_new = not Enrollment.objects.filter(user=request.user, path=path).exists()
        enrollment = enrollments.enrollment_create(
            user=request.user, path=path, **payload.validated_data
        )
        location = reverse("api:enrollment", args=[path.slug])
        return Response(
            EnrollmentOut(enrollment).data,
            status=status.HTTP_201_CREATED if is_new else status.HTTP_200_OK,
            headers={"Location": location} if is_new else {},
        )

    @extend_schema(
        summary="Leave a path (your progress is kept)",
        responses={204: OpenApiResponse(description="Not enrolled (any more).")},
    )
    def delete(self, request, slug: str):
        enrollments.enrollment_leave(user=request.user, path=get_live_path(slug))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ItemOut(serializers.Serializer):
    kind = serializers.ChoiceField(progress.KINDS)
    id = serializers.IntegerField()
    title = serializers.CharField()
    label = serializers.ChoiceField(  # type: ignore[assignment]  # a field, not Field.label
        ["exercise", "project", "topic", "reading"]
    )
    verified_kind = serializers.BooleanField(
        help_text="Done only when verified (a passing attempt, a mentor's approval); "
        "such items refuse a tick."
    )
    done = serializers.BooleanField()
    url = serializers.CharField()


class UnitProgressOut(serializers.Serializer):
    number = serializers.IntegerField(source="unit.number")
    title = serializers.CharField(source="unit.title")
    self_done = serializers.IntegerField()
    self_total = serializers.IntegerField()
    verified_done = serializers.IntegerField()
    verified_total = serializers.IntegerField()
    milestone_reached = serializers.BooleanField()
    items = ItemOut(many=True)


class PathProgressOut(serializers.Serializer):
    path = serializers.CharField(source="path.slug")
    self_done = serializers.IntegerField()
    self_total = serializers.IntegerField()
    self_percent = serializers.IntegerField()
    verified_done = serializers.IntegerField()
    verified_total = serializers.IntegerField()
    verified_percent = serializers.IntegerField()
    milestones_reached = serializers.IntegerField()
    units = UnitProgressOut(many=True)


@extend_schema(tags=TAG)
class PathProgressApi(APIView):
    @extend_schema(
        summary="Read your progress through a path, self-reported and verified apart",
        responses=PathProgressOut,
    )
    def get(self, request, slug: str):
        path = get_live_path(slug)
        return Response(PathProgressOut(progress.path_progress(request.user, path)).data)


class TickIn(serializers.Serializer):
    kind = serializers.ChoiceField(progress.KINDS)
    item_id = serializers.IntegerField(min_value=1)
    done = StrictBooleanField(help_text="True ticks, false unticks.")


@extend_schema(tags=TAG)
class ProgressTickApi(APIView):
    @extend_schema(
        summary="Tick or untick a self-reported item (a topic, a reading, an ungraded exercise)",
        request=TickIn,
        responses={200: TickIn},
    )
    def post(self, request):
        payload = TickIn(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            progress.progress_tick(user=request.user, **payload.validated_data)
        except ObjectDoesNotExist:
            raise NotFound("No such item.") from None
        except progress.ProgressRejected as rejected:
            raise Rejected(str(rejected)) from None
        return Response(payload.validated_data)
