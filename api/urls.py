"""/api/v1/: see docs/api.md; the schema is at /api/v1/schema/, its docs at /api/v1/docs/."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api import accounts, curriculum, learning, mentoring, notifications, results, submissions

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("me/", accounts.MeApi.as_view(), name="me"),
    # curriculum
    path("paths/", curriculum.PathListApi.as_view(), name="paths"),
    path("paths/<slug:slug>/", curriculum.PathDetailApi.as_view(), name="path"),
    path("paths/<slug:slug>/units/<int:number>/", curriculum.UnitDetailApi.as_view(), name="unit"),
    path("exercises/", curriculum.ExerciseListApi.as_view(), name="exercises"),
    path("exercises/<slug:slug>/", curriculum.ExerciseDetailApi.as_view(), name="exercise"),
    path(
        "exercises/<slug:slug>/starter.zip",
        curriculum.ExerciseStarterApi.as_view(),
        name="exercise-starter",
    ),
    # learning
    path("enrollments/", learning.EnrollmentListApi.as_view(), name="enrollments"),
    path("paths/<slug:slug>/enrollment/", learning.EnrollmentApi.as_view(), name="enrollment"),
    path("paths/<slug:slug>/progress/", learning.PathProgressApi.as_view(), name="path-progress"),
    path("progress/ticks/", learning.ProgressTickApi.as_view(), name="progress-tick"),
    # submissions
    path("exercises/<slug:slug>/draft/", submissions.DraftApi.as_view(), name="draft"),
    path(
        "exercises/<slug:slug>/submissions/",
        submissions.SubmissionCreateApi.as_view(),
        name="submit",
    ),
    path("submissions/", submissions.SubmissionListApi.as_view(), name="submissions"),
    path("submissions/<int:pk>/", submissions.SubmissionDetailApi.as_view(), name="submission"),
    path(
        "submissions/<int:pk>/status/",
        submissions.SubmissionStatusApi.as_view(),
        name="submission-status",
    ),
    path("submissions/<int:pk>/result/", results.ResultApi.as_view(), name="submission-result"),
    path(
        "submissions/<int:pk>/result/exercism/",
        results.ExercismResultApi.as_view(),
        name="submission-result-exercism",
    ),
    path(
        "submissions/<int:pk>/result/gradescope/",
        results.GradescopeResultApi.as_view(),
        name="submission-result-gradescope",
    ),
    path(
        "submissions/<int:pk>/review-request/",
        submissions.ReviewRequestCreateApi.as_view(),
        name="review-request",
    ),
    # mentoring
    path("reviews/", mentoring.ReviewListApi.as_view(), name="reviews"),
    path("reviews/<int:pk>/", mentoring.ReviewThreadApi.as_view(), name="review"),
    path("reviews/<int:pk>/claim/", mentoring.ReviewClaimApi.as_view(), name="review-claim"),
    path("reviews/<int:pk>/release/", mentoring.ReviewReleaseApi.as_view(), name="review-release"),
    path(
        "reviews/<int:pk>/comments/", mentoring.ReviewCommentApi.as_view(), name="review-comments"
    ),
    path("reviews/<int:pk>/verdict/", mentoring.ReviewVerdictApi.as_view(), name="review-verdict"),
    path("comments/<int:pk>/replies/", mentoring.CommentReplyApi.as_view(), name="comment-replies"),
    path("mentor/queue/", mentoring.MentorQueueApi.as_view(), name="mentor-queue"),
    path("mentor/threads/", mentoring.MentorThreadsApi.as_view(), name="mentor-threads"),
    path("cohorts/", mentoring.CohortListApi.as_view(), name="cohorts"),
    path("cohorts/<int:pk>/", mentoring.CohortDetailApi.as_view(), name="cohort"),
    path("cohorts/<int:pk>/invites/", mentoring.CohortInviteApi.as_view(), name="cohort-invites"),
    path(
        "cohorts/<int:pk>/gradebook.csv",
        mentoring.CohortGradebookApi.as_view(),
        name="cohort-gradebook",
    ),
    path(
        "paths/<slug:slug>/gradebook.csv",
        mentoring.PathGradebookApi.as_view(),
        name="path-gradebook",
    ),
    # notifications
    path("notifications/", notifications.NotificationListApi.as_view(), name="notifications"),
    path(
        "notifications/read/",
        notifications.NotificationReadApi.as_view(),
        name="notifications-read",
    ),
    # last: anything else under /api/v1/ (an id that is not a number...) is a problem+json 404
    re_path(r"^[\s\S]*$", accounts.NotFoundApi.as_view(), name="not-found"),
]
