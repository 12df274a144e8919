"""What a learner does with the curriculum: enrollments, progress, drafts, review requests,
notifications.

Progress is kept in two kinds, never mixed: *self-reported* (a learner ticks a topic, a
reading or a project as done) and *verified* (an exercise passed by the grader, or a
project approved by a mentor). Exercise passes are not stored here: a passed Submission
is the proof, so verified exercise progress is always computed from submissions.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    path = models.ForeignKey(
        "curriculum.Path", on_delete=models.CASCADE, related_name="enrollments"
    )
    started_on = models.DateField()
    weekly_hours = models.PositiveSmallIntegerField(
        help_text="The pace the learner chose, hours per week"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "path"], name="one_enrollment_per_path")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.path.slug}"


class ItemProgress(models.Model):
    """One ticked item: exactly one of topic, reading or unit_item is set.

    `verified_at` is set only by a mentor's approval of a project (`progress.unit_item_approve`);
    a learner's own tick leaves it empty, so self-reported and verified never blur.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="item_progress"
    )
    topic = models.ForeignKey(
        "curriculum.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reading = models.ForeignKey(
        "curriculum.UnitReading", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit_item = models.ForeignKey(
        "curriculum.UnitExercise", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    self_reported = models.BooleanField(default=False)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feedback = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="progress_exactly_one_item",
                condition=(
                    Q(topic__isnull=False, reading__isnull=True, unit_item__isnull=True)
                    | Q(topic__isnull=True, reading__isnull=False, unit_item__isnull=True)
                    | Q(topic__isnull=True, reading__isnull=True, unit_item__isnull=False)
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=Q(topic__isnull=False),
                name="progress_per_topic",
            ),
            models.UniqueConstraint(
                fields=["user", "reading"],
                condition=Q(reading__isnull=False),
                name="progress_per_reading",
            ),
            models.UniqueConstraint(
                fields=["user", "unit_item"],
                condition=Q(unit_item__isnull=False),
                name="progress_per_unit_item",
            ),
        ]

    def __str__(self) -> str:
        item = self.topic_id or self.reading_id or self.unit_item_id
        return (
            f"{self.user_id}: item {item} ({'verified' if self.verified_at else 'self-reported'})"
        )
