"""The learner's journey: dashboard, enrollment and schedule, self-reported progress."""

from django.urls import path

from learning.views import dashboard, enrollment, progress

app_name = "learning"

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("paths/<slug:slug>/enroll/", enrollment.enroll, name="enroll"),
    path("paths/<slug:slug>/schedule/", enrollment.schedule, name="schedule"),
    path("paths/<slug:slug>/leave/", enrollment.leave, name="leave"),
    path("progress/tick/", progress.tick, name="progress-tick"),
]
