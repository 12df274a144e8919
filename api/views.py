"""The REST API (v1): what a learner's script or editor plugin needs to grade from outside
the browser. One APIView per action; the same access helpers and services as the pages.

Authentication: `Authorization: Token <key>` (a key from the profile page) or the session.
"""

from django.urls import reverse
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from curriculum.models import Path
from curriculum.selectors import get_live_exercise
from submissions import services
from submissions.access import get_submission_for_user


class PathListApi(APIView):
    permission_classes = [AllowAny]

    class Output(serializers.ModelSerializer):
        url = serializers.SerializerMethodField()

        class Meta:
            model = Path
            fields = ["slug", "title", "tagline", "level", "duration", "duration_weeks", "url"]

        def get_url(self, path) -> str:
            return path.get_absolute_url()

    def get(self, request):
        paths = Path.objects.live().filter(is_published=True).order_by("title")
        return Response(self.Output(paths, many=True).data)


class ExerciseDetailApi(APIView):
    permission_classes = [AllowAny]

    class Output(serializers.Serializer):
        slug = serializers.CharField()
        title = serializers.CharField()
        difficulty = serializers.CharField()
        device = serializers.CharField()
        statement = serializers.CharField()
        entrypoint = serializers.CharField()
        starter_files = serializers.DictField(child=serializers.CharField())

    def get(self, request, slug):
        return Response(self.Output(get_live_exercise(slug)).data)


class SubmissionOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    exercise = serializers.CharField(source="exercise.slug")
    status = serializers.CharField()
    score = serializers.FloatField(allow_null=True)
    message = serializers.CharField()
    seed = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    result = serializers.JSONField(allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, submission) -> str:
        return submission.get_absolute_url()


class SubmissionCreateApi(APIView):
    class Input(serializers.Serializer):
        files = serializers.DictField(
            child=serializers.CharField(allow_blank=True, trim_whitespace=False), required=False
        )
        code = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)

        def validate(self, data):
            if "files" not in data and "code" not in data:
                raise serializers.ValidationError("Send `code` (the entry-point file) or `files`.")
            return data

    def post(self, request, slug):
        exercise = get_live_exercise(slug)
        payload = self.Input(data=request.data)
        payload.is_valid(raise_exception=True)
        files = payload.validated_data.get("files") or {
            exercise.entrypoint: payload.validated_data["code"]
        }
        try:
            submission = services.submission_create(
                user=request.user, exercise=exercise, files=files
            )
        except services.SubmissionRejected as rejected:
            return Response({"detail": str(rejected)}, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
        headers = {"Location": reverse("api:submission", args=[submission.pk])}
        return Response(
            SubmissionOutput(submission).data, status=status.HTTP_201_CREATED, headers=headers
        )


class SubmissionDetailApi(APIView):
    def get(self, request, pk):
        return Response(SubmissionOutput(get_submission_for_user(request.user, pk)).data)
