from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = "Submissions"

    def ready(self) -> None:
        from accounts.state import user_state_follows
        from submissions.models import Draft, Submission

        # Attempts and drafts are on the exercise page, the unit panel and the dashboard
        # (status changes are queryset updates: worker/lifecycle.py bumps those itself).
        user_state_follows(Submission, lambda row: [row.user_id])
        user_state_follows(Draft, lambda row: [row.user_id])
