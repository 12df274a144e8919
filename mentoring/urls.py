"""URLs of mentors and admins: review queue and threads, cohorts, gradebook, analytics,
and a learner's review request. Every view checks its role; every object goes through
mentoring.access."""

from django.urls import path

from mentoring.views import analytics, cohorts, gradebook, mentor, requests, reviews

app_name = "mentoring"

urlpatterns = [
    path("mentor/queue/", mentor.queue, name="mentor-queue"),
    path("mentor/exercises/<slug:slug>/comments/", mentor.comment_bank, name="comment-bank"),
    path("reviews/<int:pk>/", reviews.thread, name="review-thread"),
    path("reviews/<int:pk>/claim/", reviews.claim, name="review-claim"),
    path("reviews/<int:pk>/release/", reviews.release, name="review-release"),
    path("reviews/<int:pk>/comments/", reviews.comment, name="review-comment"),
    path("reviews/<int:pk>/verdict/", reviews.verdict, name="review-verdict"),
    path("reviews/comments/<int:pk>/reply/", reviews.reply, name="comment-reply"),
    path("staff/cohorts/", cohorts.cohort_list, name="cohorts"),
    path("staff/cohorts/new/", cohorts.cohort_create, name="cohort-create"),
    path("staff/cohorts/<int:pk>/", cohorts.cohort_detail, name="cohort"),
    path("staff/cohorts/<int:pk>/invite/", cohorts.cohort_invite, name="cohort-invite"),
    path("staff/cohorts/<int:pk>/gradebook/", gradebook.cohort_gradebook, name="cohort-gradebook"),
    path("cohorts/join/<str:token>/", cohorts.cohort_join, name="cohort-join"),
    path("staff/paths/<slug:slug>/gradebook/", gradebook.path_gradebook, name="path-gradebook"),
    path("staff/learners/<int:pk>/", gradebook.learner_report, name="learner-report"),
    path("staff/analytics/", analytics.dashboard, name="analytics"),
    path("submissions/<int:pk>/review/", requests.review_request, name="review-request"),
]
