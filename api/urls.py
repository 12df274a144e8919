"""/api/v1/: see api/views.py and docs/api.md."""

from django.urls import path

from api import views as api

app_name = "api"

urlpatterns = [
    path("paths/", api.PathListApi.as_view(), name="paths"),
    path("exercises/<slug:slug>/", api.ExerciseDetailApi.as_view(), name="exercise"),
    path("exercises/<slug:slug>/submissions/", api.SubmissionCreateApi.as_view(), name="submit"),
    path("submissions/<int:pk>/", api.SubmissionDetailApi.as_view(), name="submission"),
]
