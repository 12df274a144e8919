"""The learner's journey: dashboard, enrollment and schedule, self-reported progress."""

from django.urls import path

from learning.views import dashboard, enrollment, export, progress

app_name = "learning"

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/export/backprop-progress.json", export.export_json, name="export-json"),
    path("dashboard/export/<str:kind>.csv", export.export_csv, name="export-csv"),
    path("paths/<slug:slug>/enroll/", enrollment.enroll, name="enroll"),
    path("paths/<slug:slug>/schedule/", enrollment.schedule, name="schedule"),
    path("paths/<slug:slug>/leave/", enrollment.leave, name="leave"),
    path("progress/tick/", progress.tick, name="progress-tick"),
]
