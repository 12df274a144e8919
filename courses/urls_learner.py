"""URLs of the learner's own things: dashboard, enrollment, progress, drafts, uploads,
attempts, review requests, notifications."""

from django.urls import path

from .views import attempts, dashboard, drafts, enrollment, notifications, progress, uploads

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("paths/<slug:slug>/enroll/", enrollment.enroll, name="enroll"),
    path("paths/<slug:slug>/schedule/", enrollment.schedule, name="schedule"),
    path("paths/<slug:slug>/leave/", enrollment.leave, name="leave"),
    path("progress/tick/", progress.tick, name="progress-tick"),
    path("exercises/<slug:slug>/draft/", drafts.draft_save, name="draft-save"),
    path("exercises/<slug:slug>/upload/", uploads.upload, name="upload"),
    path("exercises/<slug:slug>/attempts/", attempts.history, name="attempts"),
    path("submissions/<int:pk>/diff/", attempts.diff, name="attempt-diff"),
    path("submissions/<int:pk>/review/", attempts.review_request, name="review-request"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.notifications_read, name="notifications-read"),
]
