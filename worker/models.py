"""Regrade batches: every submission of an exercise graded again after its grader changed.

The submission row takes the new result; the entry keeps the previous one beside it, so a
mentor can see what changed and nothing a learner saw is lost.
"""

from django.conf import settings
from django.db import models


class RegradeBatch(models.Model):
    class State(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        FINISHED = "finished"

    exercise = models.ForeignKey(
        "curriculum.Exercise", on_delete=models.CASCADE, related_name="regrade_batches"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    package_hash = models.CharField(
        max_length=64, help_text="The package version the batch grades against"
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(
        default=0, help_text="Entries whose status or score changed"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "regrade batches"

    def __str__(self) -> str:
        return f"regrade of {self.exercise.slug} ({self.done}/{self.total})"

    @property
    def progress(self) -> str:
        return f"{self.done}/{self.total}"


class RegradeEntry(models.Model):
    batch = models.ForeignKey(RegradeBatch, on_delete=models.CASCADE, related_name="entries")
    submission = models.ForeignKey(
        "submissions.Submission", on_delete=models.CASCADE, related_name="regrades"
    )
    previous_status = models.CharField(max_length=16)
    previous_score = models.FloatField(null=True, blank=True)
    previous_result = models.JSONField(null=True, blank=True)
    previous_package_hash = models.CharField(max_length=64, blank=True)
    new_status = models.CharField(max_length=16, blank=True)
    new_score = models.FloatField(null=True, blank=True)
    regraded_at = models.DateTimeField(null=True, blank=True)
    problem = models.TextField(
        blank=True, help_text="Why this entry could not be regraded, if it could not"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "submission"], name="one_entry_per_submission_per_batch"
            )
        ]

    def __str__(self) -> str:
        return f"submission {self.submission_id}: {self.previous_status} → {self.new_status or 'pending'}"

    @property
    def changed(self) -> bool:
        return (self.previous_status, self.previous_score) != (self.new_status, self.new_score)


class ReferenceRun(models.Model):
    """The reference solution's outputs for one package version: the judge's expected values.

    Computed once in the sandbox and cached here; they never enter a learner's container.
    """

    exercise = models.ForeignKey(
        "curriculum.Exercise", on_delete=models.CASCADE, related_name="reference_runs"
    )
    package_hash = models.CharField(max_length=64)
    outputs = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "package_hash"], name="one_reference_run_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.exercise.slug} @ {self.package_hash[:12]}"
