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
from django.urls import reverse


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    path = models.ForeignKey("courses.Path", on_delete=models.CASCADE, related_name="enrollments")
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
        "courses.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reading = models.ForeignKey(
        "courses.UnitReading", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit_item = models.ForeignKey(
        "courses.UnitExercise", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
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

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class Draft(models.Model):
    """The editor's content, saved as the learner types, so a reload or another device keeps it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    exercise = models.ForeignKey(
        "courses.Exercise", on_delete=models.CASCADE, related_name="drafts"
    )
    code = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise"], name="one_draft_per_exercise")
        ]

    def __str__(self) -> str:
        return f"draft of {self.exercise_id} by {self.user_id}"


class ReviewRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLAIMED = "claimed", "Claimed"
        CLOSED = "closed", "Closed"

    submission = models.ForeignKey(
        "courses.Submission", on_delete=models.CASCADE, related_name="review_requests"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_requests"
    )
    question = models.TextField()
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claimed_reviews",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"review of #{self.submission_id} ({self.status})"


class Notification(models.Model):
    class Kind(models.TextChoices):
        GRADED = "graded", "Grading finished"
        REVIEW = "review", "Mentor review"
        APPROVAL = "approval", "Project approved"
        OTHER = "other", "Other"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.OTHER)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return self.url or reverse("courses:notifications")
