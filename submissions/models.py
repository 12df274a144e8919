"""Submissions and their grading lifecycle (DESIGN.md, grading contract).

queued → running → passed | failed | error | timed_out | rejected. Transitions are
compare-and-set updates on the row, so a redelivered task can never record twice.

A project submission (`unit_item` set, `exercise` empty) is never graded: it is created
`submitted` and a mentor reviews it in a review thread (submissions.projects, mentoring).
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

if TYPE_CHECKING:
    from curriculum.models import Exercise


class Status(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    PASSED = "passed", "Passed"
    FAILED = "failed", "Failed"
    ERROR = "error", "Error"
    TIMED_OUT = "timed_out", "Timed out"
    REJECTED = "rejected", "Rejected"
    SUBMITTED = "submitted", "Submitted for review"


TERMINAL = frozenset(
    {
        Status.PASSED,
        Status.FAILED,
        Status.ERROR,
        Status.TIMED_OUT,
        Status.REJECTED,
        Status.SUBMITTED,  # a project: nothing more happens to it on the grading side
    }
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
        "curriculum.Exercise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    unit_item = models.ForeignKey(
        "curriculum.UnitExercise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="project_submissions",
        help_text="The project this is a submission of (then `exercise` is empty)",
    )
    files = models.JSONField(help_text="file name → source text")
    repository_url = models.URLField(
        max_length=300, blank=True, help_text="A project's repository, as stated (never fetched)"
    )
    commit = models.CharField(max_length=40, blank=True, help_text="7–40 hex digits")
    note = models.TextField(blank=True, help_text="What the learner tells the mentor (projects)")
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
        indexes = [
            models.Index(fields=["user", "exercise", "-created_at"]),
            models.Index(fields=["user", "unit_item", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="submission_exercise_or_project",
                condition=models.Q(exercise__isnull=False, unit_item__isnull=True)
                | models.Q(exercise__isnull=True, unit_item__isnull=False),
            )
        ]

    def __str__(self) -> str:
        task = self.exercise.slug if self.exercise else f"project {self.unit_item_id}"
        return f"#{self.pk} {task} by {self.user} ({self.status})"

    def get_absolute_url(self) -> str:
        if self.unit_item_id:
            return reverse("submissions:project", args=[self.unit_item_id])
        return reverse("submissions:submission", args=[self.pk])

    @property
    def is_project(self) -> bool:
        return self.unit_item_id is not None

    @property
    def task(self):
        """What was attempted: the Exercise, or the project's UnitExercise."""
        return self.unit_item if self.unit_item_id else self.exercise

    @property
    def task_title(self) -> str:
        return self.task.title

    @property
    def task_url(self) -> str:
        if self.unit_item is not None:
            return self.unit_item.get_project_url()
        assert self.exercise is not None  # the check constraint: one of the two is set
        return self.exercise.get_absolute_url()

    @property
    def graded_exercise(self) -> "Exercise":
        """The Exercise of an attempt the grader handles (a project never gets there)."""
        assert self.exercise is not None, f"submission {self.pk} is a project, never graded"
        return self.exercise

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
