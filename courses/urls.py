from django.urls import include, path

from .views import exercises

app_name = "courses"

urlpatterns = [
    path("", include("courses.urls_browse")),
    path("", include("courses.urls_learner")),
    path("", include("courses.urls_mentor")),
    path("exercises/<slug:slug>/", exercises.exercise_detail, name="exercise"),
    path("exercises/<slug:slug>/submit/", exercises.submission_create, name="submit"),
    path("submissions/<int:pk>/", exercises.submission_detail, name="submission"),
    path("submissions/<int:pk>/status/", exercises.submission_status, name="submission-status"),
    path("healthz", exercises.healthz, name="healthz"),
]
