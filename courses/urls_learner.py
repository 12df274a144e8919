"""URLs of the learner's own things: dashboard, enrollment, progress, drafts, notifications."""

urlpatterns: list = []
