"""Submissions and their grading lifecycle (DESIGN.md, grading contract).

queued → running → passed | failed | error | timed_out | rejected. Transitions are
compare-and-set updates on the row, so a redelivered task can never record twice.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Status(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    PASSED = "passed", "Passed"
    FAILED = "failed", "Failed"
    ERROR = "error", "Error"
    TIMED_OUT = "timed_out", "Timed out"
    REJECTED = "rejected", "Rejected"


TERMINAL = frozenset(
    {Status.PASSED, Status.FAILED, Status.ERROR, Status.TIMED_OUT, Status.REJECTED}
)


class SubmissionQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def pending(self):
        return self.filter(status__in=[Status.QUEUED, Status.RUNNING])

    def stale_queued(self, older_than):
        return self.filter(status=Status.QUEUED, enqueued_at__lt=older_than)

    def expired_leases(self, now=None):
        return self.filter(status=Status.RUNNING, lease_expires_at__lt=now or timezone.now())

    def retry_due(self, before):
        """`error` rows the platform promised to retry, whose retry time passed before `before`."""
        return self.filter(status=Status.ERROR, retry_at__lt=before)


class Submission(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    exercise = models.ForeignKey(
        "curriculum.Exercise", on_delete=models.PROTECT, related_name="submissions"
    )
    files = models.JSONField(help_text="file name → source text")
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Times a worker took it")
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    retry_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set while an `error` is our fault and grading will be retried then",
    )
    seed = models.PositiveIntegerField()
    package_hash = models.CharField(max_length=64, blank=True)
    score = models.FloatField(null=True, blank=True, help_text="0–1")
    result = models.JSONField(null=True, blank=True)
    message = models.TextField(blank=True, help_text="Why it ended the way it did, for the learner")
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    timings = models.JSONField(
        default=dict,
        blank=True,
        help_text="Epoch seconds at each grading phase of the last attempt (submissions.phases)",
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "exercise", "-created_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.exercise.slug} by {self.user} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("submissions:submission", args=[self.pk])

    @property
    def is_terminal(self) -> bool:
        """An `error` with a pending retry (the sandbox was unavailable) is not final yet."""
        return self.status in TERMINAL and self.retry_at is None

    @property
    def wall_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class Draft(models.Model):
    """The editor's content, saved as the learner types, so a reload or another device keeps it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    exercise = models.ForeignKey(
        "curriculum.Exercise", on_delete=models.CASCADE, related_name="drafts"
    )
    code = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise"], name="one_draft_per_exercise")
        ]

    def __str__(self) -> str:
        return f"draft of {self.exercise_id} by {self.user_id}"
