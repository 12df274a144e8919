from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("paths/<slug:slug>/", views.path_detail, name="path"),
    path("paths/<slug:slug>/<int:number>/", views.unit_detail, name="unit"),
    path("exercises/<slug:slug>/", views.exercise_detail, name="exercise"),
    path("exercises/<slug:slug>/submit/", views.submission_create, name="submit"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("submissions/<int:pk>/status/", views.submission_status, name="submission-status"),
]
