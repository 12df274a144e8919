from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Learning progress"

    def ready(self) -> None:
        from accounts.state import user_state_follows
        from learning.models import Enrollment, ItemProgress

        # Their pages (catalog, path, unit, dashboard) show enrollments and ticks.
        user_state_follows(Enrollment, lambda row: [row.user_id])
        user_state_follows(ItemProgress, lambda row: [row.user_id])
