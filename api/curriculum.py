"""Browsing: paths (filters and search, as the catalog), a path's phases and units, a unit,
exercises with their statement, budgets and starter files (also as a zip)."""

from __future__ import annotations

import io
import zipfile

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from api.query import query_params
from api.renderers import ZipRenderer
from curriculum import selectors
from curriculum.models import Exercise, Path, Resource, UnitExercise
from curriculum.search import search
from submissions import limits

TAG = ["curriculum"]


class PathSummary(serializers.ModelSerializer):
    tags: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="slug"
    )
    url = serializers.SerializerMethodField(help_text="The path's page on the site.")
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Path
        fields = [
            "slug",
            "title",
            "tagline",
            "level",
            "duration",
            "duration_weeks",
            "weekly_hours_min",
            "weekly_hours_max",
            "tags",
            "url",
            "api_url",
        ]

    def get_url(self, path) -> str:
        return path.get_absolute_url()

    def get_api_url(self, path) -> str:
        return reverse("api:path", args=[path.slug])


class PathFilters(serializers.Serializer):
    level = serializers.ChoiceField(Path.Level.choices, required=False)
    duration = serializers.ChoiceField(
        [(k, label) for k, (label, _lo, _hi) in selectors.DURATION_RANGES.items()],
        required=False,
        help_text="short: up to 8 weeks; medium: 9 to 26; long: more than 26.",
    )
    tag = serializers.CharField(required=False, max_length=50)
    q = serializers.CharField(
        required=False, max_length=200, help_text="Search paths, units, topics and resources."
    )


@extend_schema(tags=TAG)
class PathListApi(generics.ListAPIView):
    """Published paths, filtered and searched like the catalog page."""

    permission_classes = [AllowAny]
    serializer_class = PathSummary
    query_serializer = PathFilters

    @extend_schema(summary="List published paths", parameters=[PathFilters])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        data = query_params(PathFilters, self.request)
        filters = selectors.CatalogFilters.from_querydict(data)
        results = search(filters.q) if filters.q else None
        return selectors.catalog_paths(filters, only_ids=results.path_ids if results else None)


class UnitItem(serializers.Serializer):
    id = serializers.IntegerField(help_text="For progress ticks (`kind` unit_item).")
    title = serializers.CharField()
    kind = serializers.ChoiceField(UnitExercise.Kind.choices)
    exercise = serializers.CharField(
        source="exercise.slug",
        allow_null=True,
        help_text="The autograded exercise's slug, if it has one.",
    )


class UnitSummary(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    goal = serializers.CharField()
    estimated_hours = serializers.IntegerField(allow_null=True)
    milestone = serializers.CharField()
    exercises = UnitItem(many=True, source="live_exercises")
    api_url = serializers.SerializerMethodField()

    def get_api_url(self, unit) -> str:
        return reverse("api:unit", args=[unit.path.slug, unit.number])


class PhaseOut(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    period = serializers.CharField()
    goal = serializers.CharField()
    units = UnitSummary(many=True, source="live_units")


class PathDetail(PathSummary):
    phases = PhaseOut(many=True, source="live_phases")
    outcomes = serializers.SerializerMethodField()

    class Meta(PathSummary.Meta):
        fields = PathSummary.Meta.fields + [
            "unit_label",
            "total_hours",
            "summary",
            "audience",
            "prerequisites",
            "outcomes",
            "phases",
        ]

    def get_outcomes(self, path) -> list[str]:
        return [outcome.text for outcome in path.live_outcomes]


@extend_schema(tags=TAG)
class PathDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(summary="Read a path with its phases and units", responses=PathDetail)
    def get(self, request, slug: str):
        path = selectors.path_for_page(slug)
        for phase in path.live_phases:
            for unit in phase.live_units:
                unit.path = path  # the units' api_url needs the slug, without a query each
        return Response(PathDetail(path).data)


class TopicOut(serializers.Serializer):
    id = serializers.IntegerField(help_text="For progress ticks (`kind` topic).")
    number = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    depth = serializers.IntegerField()
    parent = serializers.IntegerField(  # type: ignore[assignment]  # a field, not Field.parent
        source="parent_id", allow_null=True
    )


class ReadingOut(serializers.Serializer):
    id = serializers.IntegerField(help_text="For progress ticks (`kind` reading).")
    title = serializers.CharField(source="resource.title")
    kind = serializers.ChoiceField(Resource.Kind.choices, source="resource.kind")
    authors = serializers.CharField(source="resource.authors")
    url = serializers.CharField(source="resource.url")
    note = serializers.CharField()


class UnitDetail(serializers.Serializer):
    path = serializers.CharField(source="path.slug")
    number = serializers.IntegerField()
    title = serializers.CharField()
    goal = serializers.CharField()
    why_now = serializers.CharField()
    duration = serializers.CharField()
    estimated_hours = serializers.IntegerField(allow_null=True)
    milestone = serializers.CharField()
    summary = serializers.CharField()
    topics = serializers.SerializerMethodField()
    readings = ReadingOut(many=True, source="live_readings")
    exercises = UnitItem(many=True, source="live_exercises")
    url = serializers.CharField(source="get_absolute_url")

    @extend_schema_field(TopicOut(many=True))
    def get_topics(self, unit) -> list:
        return list(TopicOut(_flatten_topics(unit.topic_tree), many=True).data)


@extend_schema(tags=TAG)
class UnitDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Read a unit: topics (in tree order), readings and exercises",
        responses=UnitDetail,
    )
    def get(self, request, slug: str, number: int):
        page = selectors.unit_for_page(slug, number)
        page.unit.topic_tree = page.topics
        return Response(UnitDetail(page.unit).data)


class ExerciseSummary(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Exercise
        fields = ["slug", "title", "difficulty", "device", "points", "api_url"]

    def get_api_url(self, exercise) -> str:
        return reverse("api:exercise", args=[exercise.slug])


class ExerciseFilters(serializers.Serializer):
    difficulty = serializers.ChoiceField(Exercise.Difficulty.choices, required=False)
    device = serializers.ChoiceField(Exercise.Device.choices, required=False)


@extend_schema(tags=TAG)
class ExerciseListApi(generics.ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = ExerciseSummary
    query_serializer = ExerciseFilters

    @extend_schema(summary="List the autograded exercises", parameters=[ExerciseFilters])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        data = query_params(ExerciseFilters, self.request)
        return Exercise.objects.filter(is_archived=False, **data).order_by("title", "pk")


class SubmissionLimits(serializers.Serializer):
    max_upload_bytes = serializers.IntegerField(help_text="An uploaded .py, .zip or .ipynb.")
    max_file_bytes = serializers.IntegerField(help_text="One source file.")
    max_total_bytes = serializers.IntegerField(help_text="All files of an attempt together.")
    max_files = serializers.IntegerField()


class ExerciseDetail(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    difficulty = serializers.ChoiceField(Exercise.Difficulty.choices)
    device = serializers.ChoiceField(Exercise.Device.choices)
    points = serializers.IntegerField()
    goals = serializers.ListField(child=serializers.CharField())
    statement = serializers.CharField(help_text="Markdown.")
    entrypoint = serializers.CharField(help_text="The file that is graded.")
    starter_files = serializers.DictField(
        child=serializers.CharField(), help_text="File name → starter text."
    )
    budgets = serializers.SerializerMethodField(
        help_text="The sandbox limits this exercise sets (e.g. `wall_seconds`, `memory_mb`); "
        "others are the platform's defaults."
    )
    checks = serializers.SerializerMethodField(help_text="What is graded, in order.")
    submission_limits = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url")
    starter_zip_url = serializers.SerializerMethodField()
    submit_url = serializers.SerializerMethodField()

    def get_budgets(self, exercise) -> dict[str, float]:
        limits = (exercise.spec or {}).get("limits") or {}
        return {str(k): v for k, v in limits.items() if isinstance(v, int | float)}

    @extend_schema_field(
        inline_serializer(
            "ExerciseCheck",
            {
                "id": serializers.CharField(),
                "name": serializers.CharField(),
                "weight": serializers.FloatField(),
            },
            many=True,
        )
    )
    def get_checks(self, exercise) -> list:
        return [
            {
                "id": str(check.get("id", "")),
                "name": str(check.get("name") or check.get("id", "")),
                "weight": float(check.get("weight", 1)),
            }
            for check in (exercise.spec or {}).get("checks") or []
            if isinstance(check, dict)
        ]

    @extend_schema_field(SubmissionLimits)
    def get_submission_limits(self, exercise) -> dict:
        return SubmissionLimits(
            {
                "max_upload_bytes": limits.MAX_UPLOAD_BYTES,
                "max_file_bytes": limits.MAX_FILE_BYTES,
                "max_total_bytes": limits.MAX_TOTAL_BYTES,
                "max_files": limits.MAX_FILES,
            }
        ).data

    def get_starter_zip_url(self, exercise) -> str:
        return reverse("api:exercise-starter", args=[exercise.slug])

    def get_submit_url(self, exercise) -> str:
        return reverse("api:submit", args=[exercise.slug])


@extend_schema(tags=TAG)
class ExerciseDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Read an exercise: statement, budgets, checks and starter files",
        responses=ExerciseDetail,
    )
    def get(self, request, slug: str):
        return Response(ExerciseDetail(selectors.get_live_exercise(slug)).data)


def starter_zip(exercise: Exercise) -> bytes:
    """The starter files and the statement (README.md), as `exercism download` lays them out.

    Each entry is dated when the exercise was last imported, so the same exercise always gives
    the same bytes (a cache or a checksum can rely on it; the request's clock is not in it)."""
    stamp = exercise.updated_at.timetuple()[:6] if exercise.updated_at else (1980, 1, 1, 0, 0, 0)

    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in sorted((exercise.starter_files or {}).items()):
            archive.writestr(entry(name), text)
        if "README.md" not in (exercise.starter_files or {}):
            archive.writestr(entry("README.md"), f"# {exercise.title}\n\n{exercise.statement}\n")
    return buffer.getvalue()


@extend_schema(tags=TAG)
class ExerciseStarterApi(APIView):
    permission_classes = [AllowAny]
    renderer_classes = [ZipRenderer, JSONRenderer]  # a client asking for JSON still gets it

    @extend_schema(
        summary="Download the starter files and the statement as a zip",
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
        operation_id="exercises_starter_zip",
        parameters=[OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH)],
    )
    def get(self, request, slug: str):
        exercise = selectors.get_live_exercise(slug)
        response = HttpResponse(starter_zip(exercise), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{exercise.slug}.zip"'
        return response


def _flatten_topics(nodes, out=None) -> list:
    """The topic tree in reading order (parents before their children)."""
    out = [] if out is None else out
    for node in nodes:
        out.append(node.topic)
        _flatten_topics(node.children, out)
    return out
