"""The exercise page, submitting, drafts, uploads, attempts and the live result; projects."""

from django.urls import path

from submissions.views import attempts, drafts, exercises, projects, uploads

app_name = "submissions"

urlpatterns = [
    path("exercises/<slug:slug>/", exercises.exercise_detail, name="exercise"),
    path("exercises/<slug:slug>/submit/", exercises.submission_create, name="submit"),
    path("exercises/<slug:slug>/draft/", drafts.draft_save, name="draft-save"),
    path("exercises/<slug:slug>/upload/", uploads.upload, name="upload"),
    path("exercises/<slug:slug>/attempts/", attempts.history, name="attempts"),
    path("submissions/<int:pk>/", exercises.submission_detail, name="submission"),
    path("submissions/<int:pk>/status/", exercises.submission_status, name="submission-status"),
    path("submissions/<int:pk>/diff/", attempts.diff, name="attempt-diff"),
    path("projects/<int:pk>/", projects.project_detail, name="project"),
    path("projects/<int:pk>/submit/", projects.project_submit, name="project-submit"),
]
