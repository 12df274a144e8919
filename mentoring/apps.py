from django.apps import AppConfig
from django.db.models.signals import post_save


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Mentoring"

    def ready(self) -> None:
        # Models (ours and submissions') can be imported only once the registry is ready.
        from mentoring import signals
        from submissions.models import Submission

        signals.follow_learner_state()

        post_save.connect(
            signals.tell_mentor_about_resubmission,
            sender=Submission,
            dispatch_uid="mentoring_resubmission",
        )
        post_save.connect(
            signals.open_project_review, sender=Submission, dispatch_uid="mentoring_project"
        )
